using System.Diagnostics;
using KalshiTrader.Exchange.Server;

namespace KalshiTrader.Cli.Tests.Collect;

/// <summary>
/// <c>kalshi-trader collect ...</c> as a real child process (dotnet on the built kalshi-trader.dll), pointed at a local
/// exchange by --rest-url/--ws-url with the account's key in KALSHI_API_KEY_ID / KALSHI_PRIVATE_KEY_PATH.
/// </summary>
internal sealed class CollectProcess : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _stderr = new();

    private CollectProcess(Process process) => _process = process;

    public static CollectProcess Start(LocalExchangeHost exchange, string db, params string[] args)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "kalshi-trader.dll");
        Assert.True(File.Exists(cli), $"{cli} is missing: build tests/KalshiTrader.Cli.Tests");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(cli);
        start.ArgumentList.Add("collect");
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var a in new[] { "--db", "sqlite:" + db, "--rest-url", exchange.RestUrl, "--ws-url", exchange.WsUrl }) start.ArgumentList.Add(a);
        start.Environment["KALSHI_API_KEY_ID"] = exchange.Accounts[0].KeyId;
        start.Environment["KALSHI_PRIVATE_KEY_PATH"] = exchange.Accounts[0].PrivateKeyPath;
        start.Environment["KALSHI_DB"] = null;
        start.Environment["NO_COLOR"] = "1";
        var process = new Process { StartInfo = start };
        var p = new CollectProcess(process);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (p._stderr) p._stderr.AppendLine(e.Data);
        };
        process.OutputDataReceived += (_, _) => { };
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        return p;
    }

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for a normal exit and returns the exit code (fails with stderr after <paramref name="seconds"/>).</summary>
    public async Task<int> ExitCodeAsync(double seconds = 60)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"kalshi-trader collect did not exit within {seconds} s; stderr:\n{Stderr}");
        }

        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no handler runs, nothing is flushed.</summary>
    public async Task KillNineAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}
