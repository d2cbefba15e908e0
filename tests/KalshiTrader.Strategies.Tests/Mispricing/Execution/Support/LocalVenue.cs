using System.Net.Http.Json;
using System.Text.Json;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Server;
using KalshiTrader.Kalshi;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Kalshi.WebSocket;
using KalshiTrader.Strategies.Mispricing;
using KalshiTrader.Trading.Catalog;
using KalshiTrader.Trading.Engine;
using KalshiTrader.Trading.Orders;
using KalshiTrader.Trading.Risk;
using KalshiTrader.Trading.Strategy;
using KalshiTrader.Trading.Tests.Support;

namespace KalshiTrader.Strategies.Tests.Mispricing.Execution.Support;

/// <summary>
/// The mispricing strategy in the real trading engine (paper mode) against the real local exchange over its signed
/// REST API and WebSocket on 127.0.0.1, as <c>kalshi-trader run --mode paper</c> wires it: one event's markets, a
/// liquidity account that quotes, a competitor account that can take liquidity between our legs (through
/// <see cref="RacedExchange"/>), and our account. Faults are armed through the exchange's admin API.
/// </summary>
internal sealed class LocalVenue : IAsyncDisposable
{
    private readonly KalshiRestClient _rest;
    private readonly HttpClient _admin = new();
    private TradingEngine? _engine;
    private Task<EngineRunResult>? _run;
    private readonly CancellationTokenSource _stop = new();

    private LocalVenue(LocalExchangeHost host, LocalAccount us, AccountId liquidity, AccountId competitor)
    {
        Host = host;
        Us = us;
        Liquidity = liquidity;
        Competitor = competitor;
        _rest = KalshiRestClient.Create(new KalshiConnectionOptions
        {
            Environment = KalshiEnvironment.Local,
            RestBaseUrl = new Uri(host.RestUrl),
            WebSocketUrl = new Uri(host.WsUrl),
            ApiKeyId = us.KeyId,
            PrivateKeyPath = us.PrivateKeyPath,
        });
        Exchange = new RacedExchange(new KalshiExchange(_rest));
    }

    public LocalExchangeHost Host { get; }
    public MatchingEngine Engine => Host.Engine;
    public LocalAccount Us { get; }
    public AccountId Liquidity { get; }
    public AccountId Competitor { get; }
    public RacedExchange Exchange { get; }
    public InMemoryOrderJournal Journal { get; } = new();

    /// <summary>Starts an exchange listing <paramref name="e"/> (open for 30 days) with funded accounts and no quotes yet.</summary>
    public static async Task<LocalVenue> StartAsync(Event e)
    {
        var host = await LocalExchangeHost.StartAsync(new LocalExchangeOptions { Accounts = 0, RateLimits = false });
        AccountId liquidity, competitor;
        lock (host.Engine.SyncRoot)
        {
            host.Engine.AddSeries(new Series { Ticker = e.SeriesTicker, Title = "test series" });
            host.Engine.AddEvent(e with { Markets = [] });
            var close = DateTimeOffset.UtcNow.AddDays(30);
            foreach (var m in e.Markets)
            {
                host.Engine.AddMarket(m with
                {
                    PriceLevelStructure = "linear_cent", OpenTime = DateTimeOffset.UtcNow.AddDays(-1), CloseTime = close, ExpectedExpirationTime = close,
                }).Unwrap();
            }

            liquidity = host.Engine.CreateAccount("liquidity", Money.FromCents(10_000_000));
            competitor = host.Engine.CreateAccount("competitor", Money.FromCents(10_000_000));
        }

        return new LocalVenue(host, host.AddAccount("us", Money.FromCents(100_000)), liquidity, competitor);
    }

    /// <summary>The liquidity account rests YES bids at <paramref name="yesBid"/> and NO bids at 1 − <paramref name="yesAsk"/>.</summary>
    public void Quote(MarketTicker ticker, string yesBid, string yesAsk, long contracts)
    {
        lock (Engine.SyncRoot)
        {
            Engine.Submit(Liquidity, OrderRequest.Buy(ticker, Outcome.Yes, Price.Parse(yesBid), Quantity.FromContracts(contracts))).Unwrap();
            Engine.Submit(Liquidity, OrderRequest.Buy(ticker, Outcome.No, Price.Parse(yesAsk).Complement, Quantity.FromContracts(contracts))).Unwrap();
        }
    }

    /// <summary>Another trader buys <paramref name="outcome"/> on <paramref name="ticker"/> at any price: everything offered there is gone.</summary>
    public void TakeAllOffered(MarketTicker ticker, Outcome outcome)
    {
        lock (Engine.SyncRoot)
        {
            Engine.Submit(Competitor, OrderRequest.Buy(ticker, outcome, Price.Parse("0.99"), Quantity.FromContracts(100_000)) with
            {
                TimeInForce = TimeInForce.ImmediateOrCancel,
            }).Unwrap();
        }
    }

    /// <summary>Arms the exchange's "partial fills" fault through its admin API: the next crossing orders fill at most half.</summary>
    public async Task ArmPartialFillsAsync(int orders, CancellationToken ct)
    {
        using var response = await _admin.PostAsJsonAsync($"{Host.BaseUrl}/local/faults/partial_fills", new { count = orders }, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// Starts the trading engine in paper mode with <paramref name="strategy"/> and waits until it runs and holds a fresh
    /// book of every listed market (so what the test changes next arrives as deltas).
    /// </summary>
    public async Task StartEngineAsync(IStrategy strategy)
    {
        IReadOnlyList<MarketTicker> markets;
        lock (Engine.SyncRoot) markets = Engine.GetEvents(withMarkets: true).SelectMany(e => e.Markets).Select(m => m.Ticker).ToList();
        var probe = new BooksReadyProbe(markets);
        var feed = new AccountFeed(new KalshiMarketDataFeed(new KalshiWebSocketOptions
        {
            Url = new Uri(Host.WsUrl),
            Signer = Us.CreateSigner(),
            ReconnectInitialDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
        }));
        CatalogSnapshot catalog;
        lock (Engine.SyncRoot) catalog = new CatalogSnapshot(Engine.GetAllSeries(), Engine.GetEvents(withMarkets: true), []);
        var options = new EngineOptions
        {
            Mode = EngineMode.Paper,
            TimerInterval = TimeSpan.FromMilliseconds(25),
            Limits = new RiskLimits { DailyLossLimit = Money.FromCents(50_000), WritesPerSecond = 1000, WriteBurst = 1000 },
        };
        _engine = new TradingEngine(options, [strategy, probe], feed, Exchange, Journal, new StaticCatalogSource(catalog), TimeProvider.System);
        _run = Task.Run(() => _engine.RunAsync(_stop.Token));
        await Task.WhenAny(_engine.Started, _run).WaitAsync(TimeSpan.FromSeconds(20));
        await _engine.Started;
        await probe.Ready.WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>The strategy's evaluations as the engine journaled them, with the status from the strategy's detail.</summary>
    public IReadOnlyList<(StrategyEvaluation Evaluation, string Status, JsonElement Detail)> Evaluations() =>
        Journal.Events.Where(e => e.Evaluation is not null).Select(e =>
        {
            var detail = JsonDocument.Parse(e.Evaluation!.DetailJson!).RootElement;
            return (e.Evaluation, detail.GetProperty("status").GetString()!, detail);
        }).ToList();

    /// <summary>Waits until the strategy records a trade outcome (filled, failed or expired) and returns that record.</summary>
    public async Task<(StrategyEvaluation Evaluation, string Status, JsonElement Detail)> TradeOutcomeAsync(CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var done = Evaluations().FirstOrDefault(e => e.Evaluation.Traded && e.Status is "filled" or "failed" or "expired");
            if (done.Evaluation is not null) return done;
            await Task.Delay(25, ct);
        }

        throw new TimeoutException("no trade outcome within 30 s; evaluations: " + string.Join(" | ", Evaluations().Select(e => e.Evaluation.Decision)));
    }

    /// <summary>Stops the engine as SIGTERM would (it cancels its resting orders) and returns how it ended.</summary>
    public async Task<EngineRunResult> StopEngineAsync()
    {
        await _stop.CancelAsync();
        return await _run!.WaitAsync(TimeSpan.FromSeconds(20));
    }

    /// <summary>Our non-zero positions at the exchange (signed: + YES, − NO).</summary>
    public IReadOnlyDictionary<string, Quantity> Positions()
    {
        lock (Engine.SyncRoot) return Engine.GetPositions(Us.Id).Where(p => !p.Position.IsZero).ToDictionary(p => p.Ticker.Value, p => p.Position);
    }

    public IReadOnlyList<Order> RestingOrders()
    {
        lock (Engine.SyncRoot) return Engine.GetOrders(Us.Id, null, null, OrderStatus.Resting, null);
    }

    public IReadOnlyList<Fill> Fills()
    {
        lock (Engine.SyncRoot) return Engine.GetFills(Us.Id, null, null, null);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            try
            {
                await _run.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch
            {
                // A test that failed mid-run already reported why.
            }
        }

        _stop.Dispose();
        _rest.Dispose();
        _admin.Dispose();
        await Host.DisposeAsync();
    }
}
