using KalshiTrader.Core.Books;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Server;
using KalshiTrader.Kalshi;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Kalshi.WebSocket;

namespace KalshiTrader.Recorder.Tests.EndToEnd;

/// <summary>
/// The real local exchange in-process on 127.0.0.1 with a scenario, the real REST client and WebSocket feed signed
/// with a local account's key, and a second account that trades (the test acting as a participant).
/// </summary>
internal sealed class ExchangeRig : IAsyncDisposable
{
    private readonly LocalAccount _trader;

    private ExchangeRig(LocalExchangeHost exchange, KalshiRestClient client)
    {
        Exchange = exchange;
        Client = client;
        _trader = exchange.Accounts[1];
    }

    public LocalExchangeHost Exchange { get; }

    public KalshiRestClient Client { get; }

    public LocalAccount Recorder => Exchange.Accounts[0];

    /// <summary>"cpi" is small (a ladder and a bucket event); <paramref name="participants"/> false leaves the makers' first quotes standing still.</summary>
    public static async Task<ExchangeRig> StartAsync(bool participants, string scenario = "cpi")
    {
        var exchange = await LocalExchangeHost.StartAsync(
            new LocalExchangeOptions { Accounts = 2, Scenario = scenario, Participants = participants, Seed = 7 }, TestContext.Current.CancellationToken);
        var client = KalshiRestClient.Create(Connection(exchange));
        return new ExchangeRig(exchange, client);
    }

    public static KalshiConnectionOptions Connection(LocalExchangeHost exchange) =>
        KalshiConnectionOptions.Resolve("local", exchange.RestUrl, exchange.WsUrl, exchange.Accounts[0].KeyId, exchange.Accounts[0].PrivateKeyPath, _ => null);

    public KalshiMarketDataFeed NewFeed() => new(new KalshiWebSocketOptions
    {
        Url = new Uri(Exchange.WsUrl),
        Signer = Recorder.CreateSigner(),
        MaxRawChars = 1 << 20,
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(100),
    });

    public IReadOnlyList<MarketTicker> ActiveMarkets()
    {
        lock (Exchange.Engine.SyncRoot)
        {
            return Exchange.Engine.GetMarkets().Where(m => m.Status == Core.Markets.MarketStatus.Active).Select(m => m.Ticker).OrderBy(t => t.Value, StringComparer.Ordinal).ToList();
        }
    }

    public BookSnapshot Book(MarketTicker ticker)
    {
        lock (Exchange.Engine.SyncRoot) return Exchange.Engine.GetBook(ticker)!;
    }

    /// <summary>A resting YES bid a cent under the best one (whole cents are on every tick grid): changes the book, trades nothing.</summary>
    public void RestABid(MarketTicker ticker, Quantity count)
    {
        lock (Exchange.Engine.SyncRoot)
        {
            var book = Exchange.Engine.GetBook(ticker)!;
            var best = book.YesBids.Count > 0 ? book.YesBids.Max(l => l.Price).Ticks : 200;
            var price = Price.FromTicks(Math.Max(100, best / 100 * 100 - 100));
            Submit(new OrderRequest { Ticker = ticker, Side = OrderSide.Bid, YesPrice = price, Count = count });
        }
    }

    /// <summary>Buys YES at whatever the best ask is (immediate-or-cancel): one trade print.</summary>
    public void TakeTheAsk(MarketTicker ticker, Quantity count)
    {
        lock (Exchange.Engine.SyncRoot)
        {
            Submit(new OrderRequest { Ticker = ticker, Side = OrderSide.Bid, YesPrice = Price.FromTicks(9900), Count = count, TimeInForce = TimeInForce.ImmediateOrCancel });
        }
    }

    private void Submit(OrderRequest request)
    {
        var r = Exchange.Engine.Submit(_trader.Id, request);
        Assert.True(r.IsOk, $"order on {request.Ticker} refused: {r.Error}");
    }

    public async Task AdminAsync(string path)
    {
        using var http = new HttpClient();
        using var response = await http.PostAsync(Exchange.BaseUrl + path, null, TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode, $"POST {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Exchange.DisposeAsync();
    }
}
