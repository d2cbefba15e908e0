using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using KalshiTrader.Core.Markets;
using KalshiTrader.Exchange.Server;
using KalshiTrader.Kalshi.Auth;

namespace KalshiTrader.Exchange.Tests.Support;

/// <summary>A real local exchange on 127.0.0.1 with one event of two cent-grid markets and signed HTTP helpers.</summary>
internal sealed class ServerFixture : IAsyncDisposable
{
    public const string Event = "KXSRV-26MAR02";
    public const string MarketA = "KXSRV-26MAR02-A";
    public const string MarketB = "KXSRV-26MAR02-B";

    private ServerFixture(LocalExchangeHost host)
    {
        Host = host;
        Http = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
    }

    public LocalExchangeHost Host { get; }
    public HttpClient Http { get; }

    public static async Task<ServerFixture> StartAsync(LocalExchangeOptions? options = null)
    {
        var host = await LocalExchangeHost.StartAsync(options ?? new LocalExchangeOptions { Accounts = 2 }, TestContext.Current.CancellationToken);
        lock (host.Engine.SyncRoot)
        {
            host.Engine.AddEvent(new Event { Ticker = Event, SeriesTicker = "KXSRV", Title = "server test" });
            foreach (var t in new[] { MarketA, MarketB })
            {
                host.Engine.AddMarket(new Market
                {
                    Ticker = t, EventTicker = Event, Status = MarketStatus.Active, PriceLevelStructure = "linear_cent",
                    CloseTime = DateTimeOffset.UtcNow.AddDays(1), SettlementTimerSeconds = 0,
                }).Unwrap();
            }
        }

        return new ServerFixture(host);
    }

    /// <summary>Sends a request signed with <paramref name="account"/>'s key (path relative to /trade-api/v2).</summary>
    public async Task<HttpResponseMessage> SendAsync(int account, HttpMethod method, string path, object? body = null, Action<HttpRequestMessage>? tweak = null)
    {
        var full = "/trade-api/v2" + path;
        var request = new HttpRequestMessage(method, full);
        using var signer = Host.Accounts[account].CreateSigner();
        foreach (var h in signer.CreateHeaders(method.Method, full)) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
        if (body is not null) request.Content = new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        tweak?.Invoke(request);
        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public async Task<JsonElement> JsonAsync(int account, HttpMethod method, string path, object? body = null, int expectStatus = 200)
    {
        using var response = await SendAsync(account, method, path, body);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True((int)response.StatusCode == expectStatus, $"{method} {path}: expected {expectStatus}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task<JsonElement> PublicAsync(string path)
    {
        var text = await Http.GetStringAsync("/trade-api/v2" + path, TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static object Order(string ticker, string side, string price, string count, string tif = "good_till_canceled", string? clientOrderId = null) => new Dictionary<string, object?>
    {
        ["ticker"] = ticker, ["side"] = side, ["price"] = price, ["count"] = count, ["time_in_force"] = tif,
        ["self_trade_prevention_type"] = "taker_at_cross", ["client_order_id"] = clientOrderId,
    };

    /// <summary>Opens an authenticated WebSocket for <paramref name="account"/>.</summary>
    public async Task<ClientWebSocket> ConnectAsync(int account)
    {
        var ws = new ClientWebSocket();
        using var signer = Host.Accounts[account].CreateSigner();
        foreach (var h in signer.CreateHeaders("GET", "/trade-api/ws/v2")) ws.Options.SetRequestHeader(h.Key, h.Value);
        await ws.ConnectAsync(new Uri(Host.WsUrl), TestContext.Current.CancellationToken);
        return ws;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Host.DisposeAsync();
    }
}

/// <summary>Reads JSON messages from a WebSocket with a timeout.</summary>
internal static class WsTestExtensions
{
    public static async Task SendJsonAsync(this ClientWebSocket ws, object command) =>
        await ws.SendAsync(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(command)), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);

    public static async Task<JsonElement> ReceiveJsonAsync(this ClientWebSocket ws, TimeSpan? timeout = null)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[1 << 16];
        using var ms = new MemoryStream();
        while (true)
        {
            var r = await ws.ReceiveAsync(buffer, cts.Token);
            if (r.MessageType == WebSocketMessageType.Close) throw new WebSocketException("closed by server");
            ms.Write(buffer, 0, r.Count);
            if (r.EndOfMessage) break;
        }

        return JsonDocument.Parse(ms.ToArray()).RootElement.Clone();
    }

    /// <summary>Reads until a message of <paramref name="type"/> arrives (others are returned in <paramref name="skipped"/>).</summary>
    public static async Task<JsonElement> ReceiveTypeAsync(this ClientWebSocket ws, string type, List<JsonElement>? skipped = null, TimeSpan? timeout = null)
    {
        while (true)
        {
            var m = await ws.ReceiveJsonAsync(timeout);
            if (m.GetProperty("type").GetString() == type) return m;
            skipped?.Add(m);
        }
    }
}
