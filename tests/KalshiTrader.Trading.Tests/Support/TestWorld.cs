using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Server;
using KalshiTrader.Kalshi;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Kalshi.WebSocket;
using KalshiTrader.Trading.Catalog;
using KalshiTrader.Trading.Engine;
using KalshiTrader.Trading.Logging;
using KalshiTrader.Trading.Orders;
using KalshiTrader.Trading.Risk;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Tests.Support;

/// <summary>
/// A small exchange (the real matching engine) with two markets of one event and a liquidity account quoting
/// YES 0.40 bid / 0.45 ask, our funded account, a feed off the engine, and helpers to run a trading engine on it.
/// </summary>
internal sealed class TestWorld : IAsyncDisposable
{
    public static readonly MarketTicker A = "KXT-E-A";
    public static readonly MarketTicker B = "KXT-E-B";
    public static readonly EventTicker Event = "KXT-E";

    private readonly List<(TradingEngine Engine, Task<EngineRunResult> Run, CancellationTokenSource Stop)> _engines = [];

    public TestWorld(Money? deposit = null)
        : this(new MatchingEngine(), null, deposit)
    {
    }

    private TestWorld(MatchingEngine matching, LocalExchangeHost? host, Money? deposit)
    {
        Matching = matching;
        Host = host;
        lock (Matching.SyncRoot)
        {
            Matching.AddSeries(new Series { Ticker = "KXT", Title = "test series" });
            Matching.AddEvent(new Event { Ticker = Event, SeriesTicker = "KXT", Title = "test event", MutuallyExclusive = true });
            foreach (var t in new[] { A, B })
            {
                Matching.AddMarket(new Market
                {
                    Ticker = t,
                    EventTicker = Event,
                    Status = MarketStatus.Active,
                    PriceLevelStructure = "linear_cent",
                    CloseTime = DateTimeOffset.UtcNow.AddDays(1),
                    OpenTime = DateTimeOffset.UtcNow.AddDays(-1),
                }).Unwrap();
            }

            Liquidity = Matching.CreateAccount("liquidity", Money.FromCents(10_000_000));
        }

        if (host is null)
        {
            lock (Matching.SyncRoot) Account = Matching.CreateAccount("us", deposit ?? Money.FromCents(100_000));
            Exchange = new FaultyExchange(new InProcessExchange(Matching, Account));
        }
        else
        {
            var user = host.AddAccount("us", deposit ?? Money.FromCents(100_000));
            Account = user.Id;
            Connection = KalshiConnectionOptions.Resolve("local", host.RestUrl, host.WsUrl, user.KeyId, user.PrivateKeyPath, _ => null);
            Rest = KalshiRestClient.Create(Connection, new KalshiRestClientOptions { BackoffBase = TimeSpan.FromMilliseconds(20), BackoffCap = TimeSpan.FromMilliseconds(200) });
            Exchange = new FaultyExchange(new KalshiExchange(Rest));
        }

        Quote(A, yesBid: 4000, yesAsk: 4500, size: 100);
        Quote(B, yesBid: 3000, yesAsk: 3500, size: 100);
    }

    /// <summary>The same world served by the local exchange over real REST and WebSocket on 127.0.0.1 (Kalshi's API and auth).</summary>
    public static async Task<TestWorld> StartLocalAsync(Money? deposit = null)
    {
        var host = await LocalExchangeHost.StartAsync(new LocalExchangeOptions { Accounts = 0 });
        return new TestWorld(host.Engine, host, deposit);
    }

    public LocalExchangeHost? Host { get; }

    public KalshiConnectionOptions? Connection { get; }

    public KalshiRestClient? Rest { get; }

    public MatchingEngine Matching { get; }

    public AccountId Liquidity { get; }

    public AccountId Account { get; }

    public FaultyExchange Exchange { get; }

    /// <summary>The in-process feed (null when the world runs behind the local exchange's WebSocket).</summary>
    public MatchingEngineFeed? Feed { get; private set; }

    public KalshiMarketDataFeed? SocketFeed { get; private set; }

    /// <summary>Rests liquidity: YES bids at <paramref name="yesBid"/> and NO bids at 1 − <paramref name="yesAsk"/> (ticks).</summary>
    public void Quote(MarketTicker ticker, int yesBid, int yesAsk, long size)
    {
        lock (Matching.SyncRoot)
        {
            Matching.Submit(Liquidity, OrderRequest.Buy(ticker, Outcome.Yes, Price.FromTicks(yesBid), Quantity.FromContracts(size))).Unwrap();
            Matching.Submit(Liquidity, OrderRequest.Buy(ticker, Outcome.No, Price.FromTicks(10_000 - yesAsk), Quantity.FromContracts(size))).Unwrap();
        }
    }

    public static EngineOptions Options(EngineMode mode = EngineMode.Paper) => new()
    {
        Mode = mode,
        TimerInterval = TimeSpan.FromMilliseconds(25),
        BlockedReconcileInterval = TimeSpan.FromMilliseconds(50),
        Limits = new RiskLimits
        {
            MaxRiskPerTrade = 1m,
            DailyLossLimit = Money.FromCents(50_000),
            WritesPerSecond = 1000,
            WriteBurst = 1000,
        },
    };

    public CatalogSnapshot Catalog()
    {
        lock (Matching.SyncRoot)
        {
            return new CatalogSnapshot(Matching.GetAllSeries(), Matching.GetEvents(withMarkets: true), []);
        }
    }

    /// <summary>Starts an engine (with a fresh feed) and waits until its strategies are running.</summary>
    public async Task<TradingEngine> StartAsync(IReadOnlyList<IStrategy> strategies, EngineOptions? options = null, IOrderJournal? journal = null, IEngineLog? log = null)
    {
        if (Feed is not null) await Feed.DisposeAsync();
        IMarketDataFeed feed;
        if (Host is null)
        {
            feed = Feed = new MatchingEngineFeed(Matching, Account);
        }
        else
        {
            SocketFeed = new KalshiMarketDataFeed(new KalshiWebSocketOptions
            {
                Url = Connection!.WebSocketUrl,
                Signer = Connection.CreateSigner(),
                ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
                ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
            });
            feed = new AccountFeed(SocketFeed);
        }

        options ??= Options();
        var engine = new TradingEngine(options, strategies, feed, options.Mode == EngineMode.DryRun ? null : Exchange,
            journal ?? new InMemoryOrderJournal(), new StaticCatalogSource(Catalog()), TimeProvider.System, log);
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => engine.RunAsync(stop.Token));
        _engines.Add((engine, run, stop));
        await engine.Started.WaitAsync(TimeSpan.FromSeconds(20));
        return engine;
    }

    /// <summary>Stops an engine gracefully (as SIGTERM would) and returns how it ended.</summary>
    public async Task<EngineRunResult> StopAsync(TradingEngine engine)
    {
        var entry = _engines.Single(e => e.Engine == engine);
        await entry.Stop.CancelAsync();
        return await entry.Run.WaitAsync(TimeSpan.FromSeconds(20));
    }

    public Task<EngineRunResult> RunOf(TradingEngine engine) => _engines.Single(e => e.Engine == engine).Run;

    public IReadOnlyList<Order> ExchangeOrders(OrderStatus? status = null)
    {
        lock (Matching.SyncRoot) return Matching.GetOrders(Account, null, null, status, null);
    }

    public IReadOnlyList<MarketPosition> ExchangePositions()
    {
        lock (Matching.SyncRoot) return Matching.GetPositions(Account).Where(p => !p.Position.IsZero).ToList();
    }

    public Balance ExchangeBalance()
    {
        lock (Matching.SyncRoot) return Matching.GetBalance(Account)!;
    }

    /// <summary>
    /// The invariants every fault test ends with: after a reconciliation the engine's positions, resting orders and
    /// cash equal the exchange's exactly, and no client order id appears twice at the exchange.
    /// </summary>
    public async Task AssertMatchesExchangeAsync(TradingEngine engine, ScriptedStrategy probe)
    {
        Assert.True(await engine.PostAsync(new ReconcileCommand("test"), CancellationToken.None));
        var view = await probe.RunAsync((ctx, ct) =>
        {
            var positions = engine.PortfolioState.Positions.ToDictionary(p => p.Ticker.Value, p => p.Position);
            var resting = engine.OrderManager.Open.Where(o => o.State == OrderState.Resting)
                .ToDictionary(o => o.ClientOrderId.Value, o => o.Remaining);
            var unknown = engine.OrderManager.Open.Count(o => o.State is OrderState.Unknown or OrderState.Pending);
            return Task.FromResult((positions, resting, engine.PortfolioState.Cash, unknown));
        });

        var exchangePositions = ExchangePositions().ToDictionary(p => p.Ticker.Value, p => p.Position);
        Assert.Equal(exchangePositions.OrderBy(p => p.Key), view.positions.OrderBy(p => p.Key));

        var exchangeResting = ExchangeOrders(OrderStatus.Resting).ToDictionary(o => o.ClientOrderId!.Value.Value, o => o.RemainingCount);
        Assert.Equal(exchangeResting.OrderBy(p => p.Key), view.resting.OrderBy(p => p.Key));
        Assert.Equal(ExchangeBalance().Available, view.Cash);
        Assert.Equal(0, view.unknown);
        AssertNoDuplicateOrders();
    }

    public void AssertNoDuplicateOrders()
    {
        var duplicates = ExchangeOrders().Where(o => o.ClientOrderId is not null)
            .GroupBy(o => o.ClientOrderId!.Value.Value).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, run, stop) in _engines)
        {
            await stop.CancelAsync();
            try
            {
                await run.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch
            {
                // A test that failed mid-run already reported why.
            }

            stop.Dispose();
        }

        if (Feed is not null) await Feed.DisposeAsync();
        if (SocketFeed is not null) await SocketFeed.DisposeAsync();
        Rest?.Dispose();
        if (Host is not null) await Host.DisposeAsync();
    }
}
