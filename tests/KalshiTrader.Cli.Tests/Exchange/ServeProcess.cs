using System.Diagnostics;
using System.Text;
using System.Text.Json;
using KalshiTrader.Testing;

namespace KalshiTrader.Cli.Tests.Exchange;

/// <summary>
/// <c>kalshi-trader exchange serve --json ...</c> as a real child process (dotnet on the built kalshi-trader.dll), keys
/// in a test folder; <see cref="StartAsync"/> returns once the startup JSON line has been read.
/// </summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stderr = new();
    private readonly string _keys;

    private ServeProcess(Process process, string keys)
    {
        _process = process;
        _keys = keys;
    }

    public string RestUrl { get; private set; } = "";
    public string WsUrl { get; private set; } = "";
    public string KeyId { get; private set; } = "";
    public string PrivateKeyPath { get; private set; } = "";

    public string Stderr
    {
        get { lock (_stderr) return _stderr.ToString(); }
    }

    public static Process Create(params string[] args)
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
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["NO_COLOR"] = "1";
        return new Process { StartInfo = start };
    }

    public static async Task<ServeProcess> StartAsync(params string[] faultArgs)
    {
        var keys = RepoFolder.NewTempFolder("kt-serve");
        var process = Create(["exchange", "serve", "--json", "--port", "0", "--keys-dir", keys, .. faultArgs]);
        var serve = new ServeProcess(process, keys);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (serve._stderr) serve._stderr.AppendLine(e.Data);
        };
        process.Start();
        process.BeginErrorReadLine();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        string? line;
        try
        {
            line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            serve.Dispose();
            throw new Xunit.Sdk.XunitException($"exchange serve printed no startup line within 60 s; stderr:\n{serve.Stderr}");
        }

        if (line is null)
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            var stderr = serve.Stderr;
            serve.Dispose();
            throw new Xunit.Sdk.XunitException($"exchange serve exited ({process.ExitCode}) before its startup line; stderr:\n{stderr}");
        }

        var json = JsonDocument.Parse(line).RootElement;
        serve.RestUrl = json.GetProperty("rest_url").GetString()!;
        serve.WsUrl = json.GetProperty("ws_url").GetString()!;
        var account = json.GetProperty("accounts")[0];
        serve.KeyId = account.GetProperty("key_id").GetString()!;
        serve.PrivateKeyPath = account.GetProperty("private_key_path").GetString()!;
        _ = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken); // keep the pipe drained
        return serve;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
        _process.Dispose();
        try
        {
            Directory.Delete(_keys, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
