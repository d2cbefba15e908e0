using System.Diagnostics;
using KalshiTrader.Cli.Run;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Scenarios;
using KalshiTrader.Exchange.Scenarios.Injections;
using KalshiTrader.Exchange.Server;
using KalshiTrader.Kalshi;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Kalshi.WebSocket;
using KalshiTrader.Recorder;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Records;
using KalshiTrader.Trading.Engine;
using KalshiTrader.Trading.Logging;
using KalshiTrader.Trading.Risk;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Cli.Demo;

/// <summary>
/// Runs the whole system once on a local exchange: the exchange with the demo scenario and its participants, the
/// recorder and the trading engine (paper mode) with the demo's strategies, both through the real signed REST and
/// WebSocket clients; then stops the strategies, settles every market, waits for the money to reach the account,
/// reconciles and builds the <see cref="DemoReport"/>. Everything is in-process and disposed before it returns.
/// </summary>
internal sealed class DemoRunner(DemoOptions options)
{
    private readonly DemoClock _time = new();
    private readonly DemoActivity _activity = new();
    private readonly Stopwatch _wall = new();
    private string _phase = "starting";
    private LocalExchangeHost? _host;
    private LiveRecorder? _recorder;
    private AccountMonitor? _monitor;
    private TradingEngine? _engine;

    /// <summary>Builds the strategies the demo runs; the default is <see cref="DemoStrategies.Create"/>.</summary>
    public Func<TimeProvider, IReadOnlyList<IStrategy>> Strategies { get; init; } = DemoStrategies.Create;

    /// <summary>Receives one-line progress notes (phase changes, problems); never secrets.</summary>
    public Action<string>? Note { get; init; }

    /// <summary>
    /// Runs the demo. <paramref name="stopEarly"/> ends trading before the duration (Ctrl-C) but still settles and
    /// reports; <paramref name="view"/> is shown while it runs.
    /// </summary>
    public async Task<DemoReport> RunAsync(IDemoView view, CancellationToken stopEarly)
    {
        if (options.BtcCsv is { } csv && !File.Exists(csv)) throw new ArgumentException($"--btc-csv: file not found: {csv}");
        PrepareStoreFolder(options.Db);
        _wall.Start();
        var notes = new List<string>();
        await using var store = await StoreFactory.OpenAsync(options.Db, CancellationToken.None).ConfigureAwait(false);

        SetPhase("starting the local exchange");
        await using var host = await LocalExchangeHost.StartAsync(new LocalExchangeOptions
        {
            Port = options.Port,
            Accounts = 2,
            StartingBalance = Money.FromCents(options.StartingBalanceCents),
            Tier = RateLimitTiers.Advanced,
            Seed = options.Seed,
            Scenario = DemoScenario.Name,
            ScenarioDuration = options.Duration,
            BtcCsvPath = options.BtcCsv,
            Participants = true,
            Clock = new ExchangeClockSource(new ExchangeClock(_time)),
        }, CancellationToken.None).ConfigureAwait(false);
        _host = host;
        var scenario = host.Scenario ?? throw new InvalidOperationException("the local exchange started without the demo scenario");
        var trader = host.Accounts[0];
        var recorderAccount = host.Accounts[1];

        using var traderRest = Rest(host, trader);
        using var monitorRest = Rest(host, trader);
        using var recorderRest = Rest(host, recorderAccount);
        using var stopView = new CancellationTokenSource();
        using var stopRecorder = new CancellationTokenSource();
        using var stopEngine = new CancellationTokenSource();
        using var stopMonitor = new CancellationTokenSource();
        var viewTask = Task.Run(() => view.RunAsync(Snapshot, stopView.Token), CancellationToken.None);
        Task recorderTask = Task.CompletedTask, monitorTask = Task.CompletedTask;
        Task<EngineRunResult>? engineTask = null;
        await using var journal = new StoreJournal(store, _activity);
        using var engineLog = EngineLog(options.Db);
        var runId = $"demo{DateTimeOffset.UtcNow:yyyyMMddHHmmss}";
        var startedAt = DateTimeOffset.UtcNow;
        DemoReport? report = null;
        var tradedFor = TimeSpan.Zero;
        try
        {
            SetPhase("recording the catalog");
            await new CatalogCollector(recorderRest, store, _time).RunAsync(new CollectScope(), null, CancellationToken.None).ConfigureAwait(false);

            SetPhase("starting the recorder");
            var recorderFeed = new KalshiMarketDataFeed(new KalshiWebSocketOptions { Url = new Uri(host.WsUrl), Signer = recorderAccount.CreateSigner(), Time = _time });
            _recorder = new LiveRecorder(recorderFeed, store, _time);
            var markets = scenario.Markets.ToArray();
            recorderTask = Task.Run(async () =>
            {
                try
                {
                    await _recorder.RunAsync(async ct =>
                    {
                        await recorderFeed.SubscribeMarketsAsync(markets, ct).ConfigureAwait(false);
                        await recorderFeed.SubscribeLifecycleAsync(ct).ConfigureAwait(false);
                    }, null, null, stopRecorder.Token).ConfigureAwait(false);
                }
                finally
                {
                    await recorderFeed.DisposeAsync().ConfigureAwait(false);
                }
            }, CancellationToken.None);

            SetPhase("starting the engine (paper)");
            await store.UpsertRunAsync(new RunRecord
            {
                RunId = runId, Mode = "demo", Strategy = "demo", StartedTime = startedAt,
                Notes = $"kalshi-trader demo: seed {options.Seed}, {options.Duration.TotalSeconds:F0}s",
            }, CancellationToken.None).ConfigureAwait(false);
            var strategies = Strategies(_time);
            var feed = new RunFeed(withAccount: true, inner: new KalshiMarketDataFeed(new KalshiWebSocketOptions { Url = new Uri(host.WsUrl), Signer = trader.CreateSigner(), Time = _time }));
            _engine = new TradingEngine(EngineOptionsFor(runId, options), strategies, feed, new KalshiExchange(traderRest), journal,
                new ScanningCatalogSource(traderRest), _time, engineLog, null, store);
            engineTask = Task.Run(() => _engine.RunAsync(stopEngine.Token), CancellationToken.None);
            await Task.WhenAny(_engine.Started, engineTask).ConfigureAwait(false);
            await _engine.Started.ConfigureAwait(false);
            _monitor = new AccountMonitor(monitorRest, trader.StartingBalance, _time);
            monitorTask = Task.Run(() => _monitor.RunAsync(stopMonitor.Token), CancellationToken.None);

            _time.Start(); // market time, and with it the injection schedule, starts with trading
            SetPhase("trading");
            var stoppedEarly = await TradeUntilDoneAsync(engineTask, journal, stopEarly).ConfigureAwait(false);
            tradedFor = _time.Elapsed;

            SetPhase("stopping the strategies");
            await stopEngine.CancelAsync().ConfigureAwait(false);
            var ended = await engineTask.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            if (ended.How is not ("stopped" or "killed")) notes.Add($"engine ended: {ended.How}");
            await stopMonitor.CancelAsync().ConfigureAwait(false);
            await monitorTask.ConfigureAwait(false);

            SetPhase("settling every market");
            var before = BookAudit.Take(host.Engine);
            var settlement = await scenario.SettleAllAsync(CancellationToken.None).ConfigureAwait(false);
            notes.AddRange(settlement.Problems.Select(p => "settlement: " + p));

            SetPhase("waiting for settlement to reach the account");
            var reconciliation = await ReconcileAfterSettlementAsync(traderRest, host, trader, store, runId).ConfigureAwait(false);
            var after = BookAudit.Take(host.Engine);

            SetPhase("finishing the recording");
            await Task.Delay(TimeSpan.FromMilliseconds(500), _time).ConfigureAwait(false); // lifecycle messages of the settlement
            await stopRecorder.CancelAsync().ConfigureAwait(false);
            await recorderTask.ConfigureAwait(false);
            await journal.FlushAsync(CancellationToken.None).ConfigureAwait(false);

            report = BuildReport(runId, scenario, strategies, settlement, before, after, reconciliation, tradedFor, stoppedEarly, notes);
            await store.UpsertRunAsync(new RunRecord
            {
                RunId = runId, Mode = "demo", Strategy = string.Join(",", strategies.Select(s => s.Name)), StartedTime = startedAt,
                EndedTime = DateTimeOffset.UtcNow, Status = stoppedEarly ? "stopped" : "completed",
                Notes = $"realized P&L {report.TotalRealizedPnl.ToDollarString()}; books balanced {report.BooksBalanced}",
            }, CancellationToken.None).ConfigureAwait(false);
            SetPhase("done");
            return report;
        }
        finally
        {
            // Whatever happened, leave nothing running: engine, recorder, monitor, view, then the exchange (await using).
            await stopEngine.CancelAsync().ConfigureAwait(false);
            await stopMonitor.CancelAsync().ConfigureAwait(false);
            await stopRecorder.CancelAsync().ConfigureAwait(false);
            await stopView.CancelAsync().ConfigureAwait(false);
            await Quietly(engineTask).ConfigureAwait(false);
            await Quietly(monitorTask).ConfigureAwait(false);
            await Quietly(recorderTask).ConfigureAwait(false);
            await Quietly(viewTask).ConfigureAwait(false);
        }
    }

    private async Task<bool> TradeUntilDoneAsync(Task engineTask, StoreJournal journal, CancellationToken stopEarly)
    {
        while (_time.Elapsed < options.Duration)
        {
            if (stopEarly.IsCancellationRequested) return true;
            if (engineTask.IsCompleted) return true; // killed or crashed: settle and report what happened
            try
            {
                var left = options.Duration - _time.Elapsed;
                await Task.Delay(left < TimeSpan.FromSeconds(1) ? left : TimeSpan.FromSeconds(1), _time, stopEarly).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return true;
            }

            await journal.FlushAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return false;
    }

    /// <summary>
    /// After settlement: waits until the account holds no position and has a settlement for every market it still held
    /// at settlement (a market traded and then flattened has nothing to settle, so no record), then checks the REST view
    /// of the account against the exchange's own ledger.
    /// </summary>
    private async Task<DemoReconciliation> ReconcileAfterSettlementAsync(
        KalshiRestClient rest, LocalExchangeHost host, LocalAccount trader, IKalshiStore store, string runId)
    {
        var problems = new List<string>();
        var deadline = _wall.Elapsed + options.SettlementTimeout;
        var traded = _activity.Fills
            .GroupBy(f => f.Ticker)
            .Where(g => g.Sum(f => f.Bought == Outcome.Yes ? f.Count.Hundredths : -f.Count.Hundredths) != 0)
            .Select(g => g.Key)
            .ToHashSet();
        List<Settlement> settlements = [];
        PortfolioPositions positions;
        while (true)
        {
            positions = await rest.GetPositionsAsync(new PositionQuery(), CancellationToken.None).ConfigureAwait(false);
            settlements = [];
            await foreach (var s in rest.GetSettlementsAsync(new SettlementQuery(), CancellationToken.None).ConfigureAwait(false)) settlements.Add(s);
            var open = positions.Markets.Count(p => !p.Position.IsZero);
            var unsettled = traded.Except(settlements.Select(s => s.Ticker)).Count();
            if ((open == 0 && unsettled == 0) || _wall.Elapsed > deadline)
            {
                if (open > 0) problems.Add($"{open} positions still open after settlement");
                if (unsettled > 0) problems.Add($"{unsettled} markets held at settlement have no settlement record");
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), _time).ConfigureAwait(false);
        }

        var resting = 0;
        await foreach (var _ in rest.GetOrdersAsync(new OrderListQuery { Status = OrderStatus.Resting }, CancellationToken.None).ConfigureAwait(false)) resting++;
        if (resting > 0) problems.Add($"{resting} of our orders still rest");
        var balance = await rest.GetBalanceAsync(CancellationToken.None).ConfigureAwait(false);
        Money exchangeCash;
        lock (host.Engine.SyncRoot) exchangeCash = host.Engine.GetBalance(trader.Id)?.Available ?? Money.Zero;
        if (exchangeCash != balance.Available) problems.Add($"REST balance {balance.Available.ToDollarString()} differs from the exchange's {exchangeCash.ToDollarString()}");
        var fillsAtExchange = (await new KalshiExchange(rest).GetFillsAsync(null, CancellationToken.None).ConfigureAwait(false)).Value ?? [];
        if (fillsAtExchange.Count != _activity.Fills.Count) problems.Add($"the exchange lists {fillsAtExchange.Count} fills, the engine journaled {_activity.Fills.Count}");

        await store.UpsertSettlementsAsync(settlements.Select(s => new SettlementRecord(s, runId)).ToList(), CancellationToken.None).ConfigureAwait(false);
        return new DemoReconciliation(trader.StartingBalance, balance.Available, exchangeCash, resting, positions.Markets.Count(p => !p.Position.IsZero), settlements.Count, problems);
    }

    private DemoReport BuildReport(
        string runId, IScenario scenario, IReadOnlyList<IStrategy> strategies, ScenarioSettlement settlement, BookAudit before, BookAudit after,
        DemoReconciliation reconciliation, TimeSpan tradedFor, bool stoppedEarly, List<string> notes)
    {
        var evaluations = _activity.Evaluations;
        var fills = _activity.Fills;
        var summaries = strategies.Select(s =>
        {
            var mine = fills.Where(f => f.Strategy == s.Name).ToList();
            return new StrategySummary(s.Name, evaluations.Count(e => e.Strategy == s.Name), _activity.OrdersOf(s.Name), mine.Count,
                mine.Aggregate(Quantity.Zero, (q, f) => q + f.Count), mine.Aggregate(Money.Zero, (m, f) => m + f.Fee), DemoReport.PnlOf(mine, settlement));
        }).ToList();

        if (strategies.Count == 0) notes.Add("no strategy found in the strategies assembly: the exchange ran, nothing traded");
        var unattributed = fills.Where(f => f.Strategy is null || strategies.All(s => s.Name != f.Strategy)).ToList();
        if (unattributed.Count > 0) notes.Add($"{unattributed.Count} fills not attributed to a strategy");
        var total = summaries.Aggregate(Money.Zero, (m, s) => m + s.RealizedPnl) + DemoReport.PnlOf(unattributed, settlement);
        if (total != reconciliation.AccountPnl)
        {
            notes.Add($"P&L from fills and results {total.ToDollarString()} vs account cash change {reconciliation.AccountPnl.ToDollarString()} (balances are floored to the cent)");
        }

        foreach (var failed in scenario.Injections.Where(i => !i.Verified)) notes.Add($"injection {failed.Kind.ToWire()} not verified: {string.Join("; ", failed.SideEffects)}");
        foreach (var planned in scenario.InjectionSchedule) notes.Add($"injection {planned.Kind.ToWire()} never placed (the run ended first)");
        return new DemoReport
        {
            Db = options.Db,
            Seed = options.Seed,
            Planned = options.Duration,
            Traded = tradedFor,
            StoppedEarly = stoppedEarly,
            RunId = runId,
            Strategies = summaries,
            Injections = InjectionMatcher.Match(scenario.Injections, evaluations, fills).Select(o => o with { PlacedUntil = LastOrderTime(o.Injection) }).ToList(),
            EvaluationsByKind = evaluations.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count()),
            BeforeSettlement = before,
            AfterSettlement = after,
            Settlement = settlement,
            Reconciliation = reconciliation,
            Recorded = _recorder?.Counts.Rows ?? new Dictionary<string, long>(),
            Notes = notes,
        };
    }

    // When the injection's last order reached the book (the injector places them one after another under the engine lock).
    private DateTimeOffset? LastOrderTime(InjectionRecord injection)
    {
        if (_host is null || injection.Orders.Count == 0) return null;
        lock (_host.Engine.SyncRoot)
        {
            var injector = _host.Engine.Accounts.FirstOrDefault(a => _host.Engine.AccountName(a) == "injector");
            return injection.Orders.Select(id => _host.Engine.GetOrder(injector, id)?.CreatedTime).Max();
        }
    }

    /// <summary>What the live view shows now (any thread).</summary>
    public DemoSnapshot Snapshot()
    {
        var evaluations = _activity.Evaluations;
        var (cash, realized, marked) = _monitor?.Latest ?? default;
        var scenario = _host?.Scenario;
        return new DemoSnapshot
        {
            Phase = _phase,
            Elapsed = _time.Elapsed,
            Duration = options.Duration,
            OpportunitiesByKind = evaluations.GroupBy(e => e.Kind).ToDictionary(g => g.Key, g => g.Count()),
            OpportunitiesTraded = evaluations.Count(e => e.Traded),
            InjectionsPlaced = scenario?.Injections.Count ?? 0,
            InjectionsPlanned = (scenario?.Injections.Count ?? 0) + (scenario?.InjectionSchedule.Count ?? 0),
            Orders = _activity.TotalOrders,
            Fills = _activity.Fills.Count,
            RiskDenials = _activity.RiskDenials,
            CashChange = cash.ToDollarString(),
            RealizedPnl = realized.ToDollarString(),
            MarkedPnl = marked.ToDollarString(),
            Recorded = _recorder?.Counts.Rows ?? new Dictionary<string, long>(),
            EngineState = _engine?.Status.State ?? "",
        };
    }

    private void SetPhase(string phase)
    {
        _phase = phase;
        Note?.Invoke(phase);
    }

    internal static EngineOptions EngineOptionsFor(string runId, DemoOptions options) => new()
    {
        Mode = EngineMode.Paper,
        RunId = runId,
        TimerInterval = TimeSpan.FromMilliseconds(250),
        ReconcileInterval = TimeSpan.FromSeconds(15),
        CancelOrdersOnStop = true,
        Limits = new RiskLimits
        {
            // Demo markets close hours away, so the no-entry window never bites; writes stay under the Advanced tier's budget.
            WritesPerSecond = 25,
            WriteBurst = 40,
            MaxOpenOrders = 100,
        },
    };

    private static KalshiRestClient Rest(LocalExchangeHost host, LocalAccount account) =>
        KalshiRestClient.Create(new KalshiConnectionOptions
        {
            Environment = KalshiEnvironment.Local,
            RestBaseUrl = new Uri(host.RestUrl),
            WebSocketUrl = new Uri(host.WsUrl),
            ApiKeyId = account.KeyId,
            PrivateKeyPath = account.PrivateKeyPath,
        });

    // The engine's JSON-lines log sits next to a SQLite file (data/demo.db → data/demo.engine.jsonl); elsewhere it is dropped.
    private static JsonLinesLog? EngineLog(string db)
    {
        var (engine, target) = StoreFactory.Parse(db);
        if (engine != StoreEngine.Sqlite) return null;
        var path = Path.ChangeExtension(Path.GetFullPath(target), ".engine.jsonl");
        return new JsonLinesLog(path, Redactor.Shared, TimeProvider.System);
    }

    private static void PrepareStoreFolder(string db)
    {
        var (engine, target) = StoreFactory.Parse(db);
        if (engine != StoreEngine.Sqlite) return;
        var folder = Path.GetDirectoryName(Path.GetFullPath(target));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
    }

    private static async Task Quietly(Task? task)
    {
        if (task is null) return;
        try
        {
            await task.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        catch
        {
            // Already reported where it mattered; shutting down must not hide the original failure.
        }
    }
}
