using System.Diagnostics;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Testing;
using KalshiTrader.Trading.Tests.Support;
using static KalshiTrader.Trading.Tests.Engine.EngineFaultTests;

namespace KalshiTrader.Trading.Tests.Engine;

/// <summary>
/// The real CLI (`kalshi-trader run --mode paper`) as a child process against the local exchange: killed with
/// SIGKILL mid-run, restarted, then stopped with `kalshi-trader kill`. Needs the CLI built beside this test project
/// (test.sh builds the whole solution); skips with a message when it is not, and fails under CI=true.
/// </summary>
public sealed class CrashRestartTests
{
    [Fact]
    public async Task AnEngineKilledWithSigkillRestartsWithoutDuplicateOrdersAndKillLeavesNothingResting()
    {
        var cli = FindCli();
        await using var world = await TestWorld.StartLocalAsync();
        var home = RepoFolder.NewTempFolder("kt-crash");
        var stateDir = Path.Combine(home, "state");
        File.WriteAllText(Path.Combine(home, "config.yaml"), """
            trading:
              timer_interval: 100ms
              reconcile_interval: 2s
            scanning:
              events: [KXT-E]
            logging:
              console: true
            probe:
              max_markets: 2
              offset_cents: 5
              size: 3
            """);

        using (var first = StartEngine(cli, world, home, stateDir))
        {
            await Eventually(() => Task.FromResult(world.ExchangeOrders(OrderStatus.Resting).Count == 2), 60_000);
            first.Kill(); // SIGKILL: no shutdown, no cancel, nothing flushed but what was already durable
            await first.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(2, world.ExchangeOrders(OrderStatus.Resting).Count);
        using var second = StartEngine(cli, world, home, stateDir);
        await Eventually(() => Task.FromResult(Directory.Exists(stateDir) && Directory.GetFiles(stateDir, $"engine-{second.Id}.json").Length == 1), 60_000);

        // Give the restarted engine time to reconcile and run its strategy: it must adopt, not add.
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
        Assert.Equal(2, world.ExchangeOrders(OrderStatus.Resting).Count);
        world.AssertNoDuplicateOrders();

        var kill = await RunCliAsync(cli, home, ["kill", "--state-dir", stateDir]);
        Assert.True(kill.ExitCode == 0, kill.Output + "\n" + Dump());
        Assert.Empty(world.ExchangeOrders(OrderStatus.Resting));
        Assert.True(second.WaitForExit(TimeSpan.FromSeconds(20)), "the engine did not stop after kill");
        world.AssertNoDuplicateOrders();
        TestContext.Current.SendDiagnosticMessage(kill.Output);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, System.Collections.Concurrent.ConcurrentQueue<string>> Output = new();

    private static string Dump() => string.Join("\n", Output.Values.SelectMany(q => q));

    private static string FindCli()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBin.Name; // debug | release
        var candidate = Path.Combine(testBin.Parent!.Parent!.FullName, "KalshiTrader.Cli", configuration, "kalshi-trader.dll");
        if (File.Exists(candidate)) return candidate;
        var message = $"the CLI is not built at {candidate} (build src/KalshiTrader.Cli first)";
        if (SharedFolder.IsCi) Assert.Fail(message);
        Assert.Skip(message);
        return null!;
    }

    private static Process StartEngine(string cli, TestWorld world, string home, string stateDir)
    {
        var start = Psi(cli, home, ["run", "--mode", "paper", "--strategy", "probe", "--state-dir", stateDir]);
        start.Environment["KALSHI_ENV"] = "local";
        start.Environment["KALSHI_REST_URL"] = world.Host!.RestUrl;
        start.Environment["KALSHI_WS_URL"] = world.Host.WsUrl;
        start.Environment["KALSHI_API_KEY_ID"] = world.Connection!.ApiKeyId;
        start.Environment["KALSHI_PRIVATE_KEY_PATH"] = world.Connection.PrivateKeyPath;
        var process = Process.Start(start)!;
        var log = Output.GetOrAdd(process.Id, _ => new System.Collections.Concurrent.ConcurrentQueue<string>());
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue($"[{process.Id} out] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue($"[{process.Id} err] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task<(int ExitCode, string Output)> RunCliAsync(string cli, string home, string[] args)
    {
        using var process = Process.Start(Psi(cli, home, args))!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, output + error);
    }

    private static ProcessStartInfo Psi(string cli, string home, string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = home, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["KALSHI_TRADER_HOME"] = home;
        return start;
    }
}
