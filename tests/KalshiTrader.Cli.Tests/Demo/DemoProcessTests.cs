using System.Diagnostics;
using System.Text.Json;
using KalshiTrader.Testing;

namespace KalshiTrader.Cli.Tests.Demo;

/// <summary>The command as a newcomer runs it: a real child process, its own exchange, a JSON summary, and nothing left running.</summary>
public sealed class DemoProcessTests
{
    [Fact]
    public async Task DemoAsAChildProcessExitsZeroWithAFinalJsonLineAndLeavesNothingRunning()
    {
        var ct = TestContext.Current.CancellationToken;
        var cli = Path.Combine(AppContext.BaseDirectory, "kalshi-trader.dll");
        Assert.True(File.Exists(cli), $"the built CLI is not next to the tests: {cli}");
        var folder = RepoFolder.NewTempFolder("kt-demo-proc");
        try
        {
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var a in new[] { cli, "demo", "--duration", "10s", "--json-summary", "--db", "sqlite:" + Path.Combine(folder, "demo.db") }) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                timeout.CancelAfter(TimeSpan.FromMinutes(2));
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    Assert.Fail("demo did not finish within 2 minutes; stderr: " + await stderr);
                }
            }

            var output = await stdout;
            Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}; stderr: {await stderr}");
            var last = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
            using var json = JsonDocument.Parse(last);
            var root = json.RootElement;
            foreach (var key in new[] { "strategies", "opportunities", "non_arbitrages", "books_balanced", "db" }) Assert.True(root.TryGetProperty(key, out _), $"no '{key}' in {last}");
            Assert.Equal(JsonValueKind.Array, root.GetProperty("strategies").ValueKind);
            Assert.True(root.GetProperty("books_balanced").GetBoolean(), last);
            Assert.Equal(0, root.GetProperty("non_arbitrages").GetProperty("traded_as_riskless").GetInt32());

            if (OperatingSystem.IsLinux())
            {
                // Everything ran in-process: once the demo exited, nothing that mentions its folder may still be running.
                var survivors = Directory.GetDirectories("/proc").Select(d => Path.Combine(d, "cmdline")).Where(File.Exists)
                    .Select(p => { try { return File.ReadAllText(p).Replace('\0', ' '); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; } })
                    .Where(c => c.Contains(folder, StringComparison.Ordinal)).ToList();
                Assert.Empty(survivors);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // a temp folder left behind is harmless
            }
        }
    }
}
