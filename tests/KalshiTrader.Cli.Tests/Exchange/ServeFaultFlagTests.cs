using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using KalshiTrader.Kalshi.Auth;

namespace KalshiTrader.Cli.Tests.Exchange;

/// <summary>
/// <c>exchange serve --fault-...</c>: each flag arms the admin API's fault injector from the start; what a client sees
/// over real HTTP and WebSocket is the fault, and a bad flag stops the command with a message naming it.
/// </summary>
public sealed class ServeFaultFlagTests
{
    [Fact]
    public async Task EveryNthKalshiRequestAnswersTheStatusGiven()
    {
        using var serve = await ServeProcess.StartAsync("--fault-http-status", "503", "--fault-http-every", "2");
        using var http = new HttpClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.GetAsync(serve.RestUrl + "/exchange/status", TestContext.Current.CancellationToken);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], statuses);
    }

    [Fact]
    public async Task TheFirstRequestsWaitTheDelayGiven()
    {
        using var serve = await ServeProcess.StartAsync("--fault-delay-ms", "700", "--fault-delay-count", "1");
        using var http = new HttpClient();

        var first = System.Diagnostics.Stopwatch.StartNew();
        using (await http.GetAsync(serve.RestUrl + "/exchange/status", TestContext.Current.CancellationToken)) first.Stop();

        Assert.True(first.Elapsed >= TimeSpan.FromMilliseconds(650), $"the first response came after {first.Elapsed.TotalMilliseconds} ms, before the 700 ms delay");
    }

    [Fact]
    public async Task WebSocketConnectionsAreDroppedOnTheGivenPeriod()
    {
        using var serve = await ServeProcess.StartAsync("--fault-drop-ws-every", "0.5");
        using var ws = new ClientWebSocket();
        using (var signer = new KalshiSigner(serve.KeyId, PrivateKeyLoader.Load(serve.PrivateKeyPath)))
        {
            foreach (var h in signer.CreateHeaders("GET", "/trade-api/ws/v2")) ws.Options.SetRequestHeader(h.Key, h.Value);
        }

        await ws.ConnectAsync(new Uri(serve.WsUrl), TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var dropped = false;
        try
        {
            var buffer = new byte[4096];
            while (true)
            {
                var r = await ws.ReceiveAsync(buffer, timeout.Token);
                if (r.MessageType == WebSocketMessageType.Close) break;
            }
        }
        catch (WebSocketException)
        {
            dropped = true; // aborted without a close handshake, as the drop fault does
        }

        Assert.True(dropped, "the connection was closed with a handshake or not at all; the drop fault aborts it");
        Assert.False(timeout.IsCancellationRequested, "the connection was not dropped within 15 s");
    }

    [Fact]
    public async Task ASkippedSeqShowsAsAGapBetweenBookMessages()
    {
        using var serve = await ServeProcess.StartAsync("--scenario", "demo", "--no-participants", "--fault-skip-seq-every", "2");
        using var http = new HttpClient();
        var markets = JsonDocument.Parse(await http.GetStringAsync(serve.RestUrl + "/markets?limit=2", TestContext.Current.CancellationToken)).RootElement;
        var tickers = markets.GetProperty("markets").EnumerateArray().Select(m => m.GetProperty("ticker").GetString()!).ToArray();
        Assert.NotEmpty(tickers);

        using var ws = new ClientWebSocket();
        using (var signer = new KalshiSigner(serve.KeyId, PrivateKeyLoader.Load(serve.PrivateKeyPath)))
        {
            foreach (var h in signer.CreateHeaders("GET", "/trade-api/ws/v2")) ws.Options.SetRequestHeader(h.Key, h.Value);
        }

        await ws.ConnectAsync(new Uri(serve.WsUrl), TestContext.Current.CancellationToken);
        var subscribe = JsonSerializer.Serialize(new { id = 1, cmd = "subscribe", @params = new { channels = new[] { "orderbook_delta" }, market_tickers = tickers } });
        await ws.SendAsync(Encoding.UTF8.GetBytes(subscribe), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

        // One snapshot per market on one sid; seq counts 1, 2... with every 2nd message skipping a number.
        var seqs = new List<long>();
        var buffer = new byte[1 << 16];
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        while (seqs.Count < tickers.Length)
        {
            using var ms = new MemoryStream();
            WebSocketReceiveResult r;
            do
            {
                r = await ws.ReceiveAsync(buffer, timeout.Token);
                ms.Write(buffer, 0, r.Count);
            }
            while (!r.EndOfMessage);
            var m = JsonDocument.Parse(ms.ToArray()).RootElement;
            if (m.GetProperty("type").GetString() == "orderbook_snapshot") seqs.Add(m.GetProperty("seq").GetInt64());
        }

        Assert.Equal(tickers.Length == 1 ? [1L] : [1L, 3L], seqs);
    }

    [Theory]
    [InlineData("--fault-http-status 404 --fault-http-count 1", "--fault-http-status must be 429, 500 or 503; was 404")]
    [InlineData("--fault-http-status 503", "--fault-http-status needs --fault-http-count N and/or --fault-http-every N")]
    [InlineData("--fault-http-every 3", "--fault-http-count and --fault-http-every need --fault-http-status 429|500|503")]
    [InlineData("--fault-delay-ms 0 --fault-delay-count 1", "--fault-delay-ms must be between 1 and 60000; was 0")]
    [InlineData("--fault-delay-count 2", "--fault-delay-count and --fault-delay-every need --fault-delay-ms MS")]
    [InlineData("--fault-torn-frames -1", "--fault-torn-frames must not be negative; was -1")]
    [InlineData("--fault-drop-ws-every 0", "--fault-drop-ws-every must be between 0.1 and 86400 seconds; was 0")]
    public async Task ABadFaultFlagStopsServeWithAMessageNamingIt(string flags, string message)
    {
        using var process = ServeProcess.Create(["exchange", "serve", "--json", .. flags.Split(' ')]);
        process.Start();
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(message, await stderr);
        Assert.Equal("", (await stdout).Trim());
    }

    [Fact]
    public async Task HelpListsEveryFaultFlag()
    {
        using var process = ServeProcess.Create("exchange", "serve", "--help");
        process.Start();
        var stdout = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        foreach (var flag in new[] { "--fault-http-status", "--fault-http-count", "--fault-http-every", "--fault-delay-ms", "--fault-delay-count", "--fault-delay-every",
            "--fault-skip-seq-every", "--fault-torn-frames", "--fault-partial-fills", "--fault-drop-ws-every" })
        {
            Assert.Contains(flag, stdout);
        }
    }
}
