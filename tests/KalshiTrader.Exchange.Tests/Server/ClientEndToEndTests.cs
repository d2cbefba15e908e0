using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Server;
using KalshiTrader.Exchange.Tests.Support;
using KalshiTrader.Kalshi;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Kalshi.WebSocket;

namespace KalshiTrader.Exchange.Tests.Server;

/// <summary>The project's own Kalshi REST and WebSocket clients against the local exchange over loopback.</summary>
public sealed class ClientEndToEndTests
{
    private static KalshiRestClient Client(ServerFixture f, int account, int attempts = 3) => KalshiRestClient.Create(
        new KalshiConnectionOptions
        {
            Environment = KalshiEnvironment.Local,
            RestBaseUrl = new Uri(f.Host.RestUrl),
            WebSocketUrl = new Uri(f.Host.WsUrl),
            ApiKeyId = f.Host.Accounts[account].KeyId,
            PrivateKeyPath = f.Host.Accounts[account].PrivateKeyPath,
        },
        new KalshiRestClientOptions { MaxAttempts = attempts, BackoffBase = TimeSpan.FromMilliseconds(20), JitterSeed = 1 });

    [Fact]
    public async Task RestClientMarketDataEndpoints()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var f = await ServerFixture.StartAsync();
        using var c = Client(f, 0);

        Assert.True((await c.GetExchangeStatusAsync(ct)).TradingActive);
        await c.GetExchangeScheduleAsync(ct);
        var markets = await c.GetMarketsAsync(new MarketQuery { EventTicker = ServerFixture.Event }, ct).ToListAsync(ct);
        Assert.Equal(2, markets.Count);
        Assert.Equal(MarketStatus.Active, (await c.GetMarketAsync(ServerFixture.MarketA, ct)).Status);
        var ev = await c.GetEventAsync(ServerFixture.Event, ct);
        Assert.Equal(2, ev.Markets.Count);
        Assert.Single(await c.GetEventsAsync(new EventQuery { WithNestedMarkets = true }, ct).ToListAsync(ct));
        Assert.Contains(await c.GetSeriesListAsync(null, null, ct), s => s.Ticker.Value == "KXSRV");
        Assert.Equal(Core.Fees.FeeType.Quadratic, (await c.GetSeriesAsync("KXSRV", ct)).Fees.Type);

        await c.CreateOrderAsync(OrderRequest.Buy(ServerFixture.MarketA, Outcome.Yes, Price.FromCents(45), Quantity.FromContracts(3)), ct);
        var book = await c.GetOrderBookAsync(ServerFixture.MarketA, ct);
        Assert.Equal(Price.FromCents(45), book.ToOrderBook().BestYesBid!.Value.Price);
        Assert.Equal(2, (await c.GetOrderBooksAsync([ServerFixture.MarketA, ServerFixture.MarketB], ct)).Count);
        using var other = Client(f, 1);
        await other.CreateOrderAsync(OrderRequest.Buy(ServerFixture.MarketA, Outcome.No, Price.FromCents(55), Quantity.FromContracts(1), TimeInForce.ImmediateOrCancel), ct);
        var trades = await c.GetTradesAsync(new TradeQuery { Ticker = ServerFixture.MarketA }, ct).ToListAsync(ct);
        Assert.Equal(Outcome.No, Assert.Single(trades).TakerOutcome);
    }

    [Fact]
    public async Task RestClientOrdersPortfolioAndOrderGroups()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var f = await ServerFixture.StartAsync(new LocalExchangeOptions { Accounts = 2, Tier = RateLimitTiers.Premier });
        using var me = Client(f, 0);
        using var them = Client(f, 1);

        var limits = await me.GetAccountLimitsAsync(ct);
        Assert.Equal("premier", limits.UsageTier);
        Assert.NotEmpty((await me.GetEndpointCostsAsync(ct)).EndpointCosts);

        var ack = await me.CreateOrderAsync(new OrderRequest
        {
            Ticker = ServerFixture.MarketA, Side = OrderSide.Bid, YesPrice = Price.FromCents(40), Count = Quantity.FromContracts(10),
            ClientOrderId = new ClientOrderId("e2e-1"),
        }, ct);
        Assert.Equal(Quantity.FromContracts(10), ack.RemainingCount);
        Assert.Equal(Quantity.Zero, await me.GetQueuePositionAsync(ack.OrderId, ct));
        Assert.Single(await me.GetQueuePositionsAsync([ServerFixture.MarketA], ct));

        var amended = await me.AmendOrderAsync(ack.OrderId, ServerFixture.MarketA, OrderSide.Bid, Price.FromCents(41), Quantity.FromContracts(8), ct);
        Assert.Equal(Quantity.FromContracts(8), amended.RemainingCount);
        var decreased = await me.DecreaseOrderAsync(ack.OrderId, Quantity.FromContracts(2), null, ct);
        Assert.Equal(Quantity.FromContracts(6), decreased.RemainingCount);
        Assert.Equal(Price.FromCents(41), (await me.GetOrderAsync(ack.OrderId, ct)).YesPrice);

        await them.CreateOrderAsync(new OrderRequest
        {
            Ticker = ServerFixture.MarketA, Side = OrderSide.Ask, YesPrice = Price.FromCents(41), Count = Quantity.FromContracts(4),
            TimeInForce = TimeInForce.ImmediateOrCancel,
        }, ct);
        var fills = await me.GetFillsAsync(new FillQuery(), ct).ToListAsync(ct);
        Assert.Equal(Quantity.FromContracts(4), Assert.Single(fills).Count);
        var positions = await me.GetPositionsAsync(new PositionQuery(), ct);
        Assert.Equal(Quantity.FromContracts(4), Assert.Single(positions.Markets).Position);
        var balance = await me.GetBalanceAsync(ct);
        Assert.True(balance.Available < Money.FromCents(1_000_000));

        var batch = await me.CreateOrdersAsync(
        [
            OrderRequest.Buy(ServerFixture.MarketB, Outcome.Yes, Price.FromCents(20), Quantity.FromContracts(1)),
            OrderRequest.Buy(ServerFixture.MarketB, Outcome.Yes, Price.FromTicks(2050), Quantity.FromContracts(1)),
        ], ct);
        Assert.True(batch[0].IsOk);
        Assert.False(batch[1].IsOk);
        var cancels = await me.CancelOrdersAsync([(batch[0].Value!.OrderId, (MarketTicker?)ServerFixture.MarketB)], ct);
        Assert.True(cancels[0].IsOk);

        var change = await me.CancelOrderAsync(ack.OrderId, ServerFixture.MarketA, ct);
        Assert.Equal(Quantity.FromContracts(2), change.ReducedBy);
        await me.CreateOrderAsync(OrderRequest.Buy(ServerFixture.MarketB, Outcome.No, Price.FromCents(70), Quantity.FromContracts(1)), ct);
        await me.CancelAllOrdersAsync(ct);
        Assert.Empty(await me.GetOrdersAsync(new OrderListQuery { Status = OrderStatus.Resting }, ct).ToListAsync(ct));
        Assert.True((await me.GetOrdersAsync(new OrderListQuery(), ct).ToListAsync(ct)).Count >= 3);

        var group = await me.CreateOrderGroupAsync(Quantity.FromContracts(5), ct);
        await me.SetOrderGroupLimitAsync(group, Quantity.FromContracts(6), ct);
        Assert.Equal("6.00", (await me.GetOrderGroupAsync(group, ct)).ContractsLimitFp);
        Assert.Single(await me.GetOrderGroupsAsync(ct));
        await me.TriggerOrderGroupAsync(group, ct);
        await me.ResetOrderGroupAsync(group, ct);
        await me.DeleteOrderGroupAsync(group, ct);

        lock (f.Host.Engine.SyncRoot) f.Host.Engine.Determine(ServerFixture.MarketA, MarketResult.Yes, finalizeNow: true).Unwrap();
        var settlement = Assert.Single(await me.GetSettlementsAsync(new SettlementQuery(), ct).ToListAsync(ct));
        Assert.Equal(Money.Parse("4.00"), settlement.Revenue);
    }

    [Fact]
    public async Task RestClientSurfacesRejectionsAndRecoversFromInjected429And503()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var f = await ServerFixture.StartAsync();
        using var c = Client(f, 0, attempts: 4);
        var bad = await Assert.ThrowsAsync<KalshiApiException>(() => c.CreateOrderAsync(
            OrderRequest.Buy(ServerFixture.MarketA, Outcome.Yes, Price.FromCents(40), Quantity.FromContracts(1_000_000)), ct));
        Assert.Contains("insufficient", bad.Message);

        await c.GetBalanceAsync(ct); // loads limits first
        f.Host.Faults.FailNext(429, 1);
        Assert.True((await c.GetBalanceAsync(ct)).Available.IsPositive);
        f.Host.Faults.FailNext(503, 1);
        Assert.True((await c.GetBalanceAsync(ct)).Available.IsPositive);
    }

    [Fact]
    public async Task WebSocketFeedFollowsTheBookAndResyncsAfterAGapAndADrop()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var f = await ServerFixture.StartAsync();
        using var signer = f.Host.Accounts[0].CreateSigner();
        await using var feed = new KalshiMarketDataFeed(new KalshiWebSocketOptions
        {
            Url = new Uri(f.Host.WsUrl), Signer = signer, ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
        });
        await feed.StartAsync(ct);
        await feed.SubscribeMarketsAsync([ServerFixture.MarketA], ct);
        await Next<BookSnapshotEvent>(feed, ct);

        lock (f.Host.Engine.SyncRoot)
        {
            f.Host.Engine.Submit(f.Host.Accounts[1].Id, OrderRequest.Buy(ServerFixture.MarketA, Outcome.Yes, Price.FromCents(33), Quantity.FromContracts(2))).Unwrap();
        }

        var delta = await Next<BookDeltaEvent>(feed, ct);
        Assert.Equal(Price.FromCents(33), delta.Price);

        f.Host.Faults.SkipSequenceNumbers(1);
        lock (f.Host.Engine.SyncRoot)
        {
            f.Host.Engine.Submit(f.Host.Accounts[1].Id, OrderRequest.Buy(ServerFixture.MarketA, Outcome.Yes, Price.FromCents(34), Quantity.FromContracts(2))).Unwrap();
        }

        await Next<BooksInvalidatedEvent>(feed, ct);
        var resync = await Next<BookSnapshotEvent>(feed, ct);
        Assert.Equal(2, resync.YesBids.Length);

        f.Host.Faults.DropWebSockets();
        var again = await Next<BookSnapshotEvent>(feed, ct);
        Assert.Equal(2, again.YesBids.Length);
    }

    [Fact]
    public async Task RestClientLivesThroughEveryRestFaultArmedFromTheAdminApi()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var f = await ServerFixture.StartAsync(new LocalExchangeOptions { Accounts = 2, Tier = RateLimitTiers.Premier });
        using var me = Client(f, 0, attempts: 4);
        using var them = Client(f, 1);
        await me.GetBalanceAsync(ct); // loads limits first

        await Admin(f, "delay", "{\"milliseconds\":300,\"count\":1}");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.True((await me.GetBalanceAsync(ct)).Available.IsPositive);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(280), $"took {watch.Elapsed}");

        await Admin(f, "fail", "{\"status\":500,\"count\":1}");
        Assert.True((await me.GetBalanceAsync(ct)).Available.IsPositive); // retried past the injected 500

        await them.CreateOrderAsync(OrderRequest.Buy(ServerFixture.MarketA, Outcome.Yes, Price.FromCents(50), Quantity.FromContracts(10)), ct);
        await Admin(f, "partial_fills", "{\"count\":1}");
        var half = await me.CreateOrderAsync(
            OrderRequest.Buy(ServerFixture.MarketA, Outcome.No, Price.FromCents(50), Quantity.FromContracts(10), TimeInForce.ImmediateOrCancel), ct);
        Assert.Equal(Quantity.FromContracts(5), half.FillCount);

        using (var pause = await f.Http.PostAsync($"/local/markets/{ServerFixture.MarketA}/pause", null, ct))
        {
            Assert.True(pause.IsSuccessStatusCode);
        }

        Assert.Equal(MarketStatus.Inactive, (await me.GetMarketAsync(ServerFixture.MarketA, ct)).Status);
        var refused = await Assert.ThrowsAsync<KalshiApiException>(() => me.CreateOrderAsync(
            OrderRequest.Buy(ServerFixture.MarketA, Outcome.Yes, Price.FromCents(10), Quantity.FromContracts(1)), ct));
        Assert.Contains("market_closed", refused.Message);
    }

    [Fact]
    public async Task WebSocketFeedRecoversFromTornFramesGapsAndDropsArmedFromTheAdminApi()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var f = await ServerFixture.StartAsync();
        using var signer = f.Host.Accounts[0].CreateSigner();
        await using var feed = new KalshiMarketDataFeed(new KalshiWebSocketOptions
        {
            Url = new Uri(f.Host.WsUrl), Signer = signer, ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
        });
        await feed.StartAsync(ct);
        await feed.SubscribeMarketsAsync([ServerFixture.MarketA], ct);
        await Next<BookSnapshotEvent>(feed, ct);

        // A torn delta: the client says so, drops the book and asks for a snapshot that includes the lost change.
        await Admin(f, "torn_frame", "{\"count\":1}");
        Rest(f, 33);
        Assert.Equal(ServerFixture.MarketA, (await Next<FeedErrorEvent>(feed, ct)).Ticker?.Value);
        var afterTear = await Next<BookSnapshotEvent>(feed, ct);
        Assert.Equal(Price.FromCents(33), Assert.Single(afterTear.YesBids).Price);

        await Admin(f, "skip_seq", "{\"count\":1}");
        Rest(f, 34);
        await Next<BooksInvalidatedEvent>(feed, ct);
        Assert.Equal(2, (await Next<BookSnapshotEvent>(feed, ct)).YesBids.Length);

        await Admin(f, "drop_ws", "{}");
        Rest(f, 35);
        Assert.Equal(3, (await Next<BookSnapshotEvent>(feed, ct)).YesBids.Length);
    }

    private static void Rest(ServerFixture f, int cents)
    {
        lock (f.Host.Engine.SyncRoot)
        {
            f.Host.Engine.Submit(f.Host.Accounts[1].Id, OrderRequest.Buy(ServerFixture.MarketA, Outcome.Yes, Price.FromCents(cents), Quantity.FromContracts(2))).Unwrap();
        }
    }

    private static async Task Admin(ServerFixture f, string fault, string json)
    {
        using var r = await f.Http.PostAsync($"/local/faults/{fault}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.True(r.IsSuccessStatusCode, $"{fault}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }

    private static async Task<T> Next<T>(KalshiMarketDataFeed feed, CancellationToken ct) where T : FeedEvent
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromSeconds(15));
        while (true)
        {
            var e = await feed.Events.ReadAsync(cts.Token);
            if (e is T t) return t;
        }
    }
}
