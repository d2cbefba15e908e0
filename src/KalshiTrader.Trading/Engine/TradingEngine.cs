using System.Diagnostics;
using System.Threading.Channels;
using KalshiTrader.Core.Books;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage;
using KalshiTrader.Trading.Alerts;
using KalshiTrader.Trading.Catalog;
using KalshiTrader.Trading.Logging;
using KalshiTrader.Trading.Orders;
using KalshiTrader.Trading.Portfolio;
using KalshiTrader.Trading.Risk;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Engine;

/// <summary>
/// The engine host. ONE consumer loop reads a channel that merges feed events, timer ticks and control commands;
/// it applies books, tracks orders and positions, and calls strategies — so strategy, order and portfolio state
/// need no locks. Dry-run, paper, live and backtest differ only in the feed, the exchange and the clock.
/// Only <see cref="KillAsync"/>, <see cref="PostAsync"/> and <see cref="Status"/> may be called from other threads.
/// </summary>
public sealed partial class TradingEngine
{
    private readonly EngineOptions _options;
    private readonly IReadOnlyList<IStrategy> _strategies;
    private readonly IMarketDataFeed _feed;
    private readonly IExchange? _exchange;
    private readonly IOrderJournal _journal;
    private readonly ICatalogSource _catalogSource;
    private readonly TimeProvider _clock;
    private readonly IEngineLog _log;
    private readonly IAlertSink _alerts;
    private readonly Channel<EngineInput> _inputs = Channel.CreateUnbounded<EngineInput>(new UnboundedChannelOptions { SingleReader = true });
    private readonly OrderBookSet _books = new();
    private readonly OrderManager _orders;
    private readonly RiskManager _risk;
    private readonly ClientOrderIdFactory _ids;
    private readonly Dictionary<string, StrategyContext> _contexts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<StrategyContext>> _followers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _setOfTicker = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Money> _setWorstCase = new(StringComparer.Ordinal);
    private readonly HashSet<string> _pendingSubscriptions = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly DateTimeOffset _startedTime;
    private MarketCatalog _catalog = MarketCatalog.Empty;
    private PortfolioState _portfolio = null!;
    private string? _killReason;
    private volatile EngineStatus _status;
    private string _state = "created";
    private bool _feedConnected = true;
    private DateTimeOffset _nextReconcile;
    private DateTimeOffset? _lastReconciled;
    private bool _reconcileSoon;
    private long _eventsProcessed;
    private long _riskDenials;
    private long _ordersSent;
    private KillReport? _killReport;
    private Task? _immediateCancel;

    public TradingEngine(
        EngineOptions options,
        IReadOnlyList<IStrategy> strategies,
        IMarketDataFeed feed,
        IExchange? exchange,
        IOrderJournal journal,
        ICatalogSource catalogSource,
        TimeProvider clock,
        IEngineLog? log = null,
        IAlertSink? alerts = null,
        IKalshiStore? store = null)
    {
        if (options.Mode != EngineMode.DryRun && exchange is null) throw new ArgumentException($"{options.Mode} mode needs an exchange", nameof(exchange));
        var names = strategies.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (names.Count > 0) throw new ArgumentException($"strategy names must be unique: {string.Join(", ", names)}", nameof(strategies));

        _options = options;
        _strategies = strategies;
        _feed = feed;
        _exchange = exchange;
        _journal = journal;
        _catalogSource = catalogSource;
        _clock = clock;
        _log = log ?? NullEngineLog.Instance;
        _alerts = alerts ?? NullAlertSink.Instance;
        Store = store;
        _ids = new ClientOrderIdFactory(options.RunId ?? ClientOrderIdFactory.NewRunId());
        _orders = new OrderManager(exchange, journal, _ids, options.Mode, clock, _log);
        _risk = new RiskManager(options.Limits, new WriteRateLimiter(clock, options.Limits.WritesPerSecond, options.Limits.WriteBurst));
        _startedTime = clock.GetUtcNow();
        _status = new EngineStatus { RunId = _ids.RunId, Mode = ModeName(options.Mode), State = _state, StartedTime = _startedTime };
    }

    public string RunId => _ids.RunId;

    /// <summary>The store strategies see through their context (null when none).</summary>
    public IKalshiStore? Store { get; }

    public EngineMode Mode => _options.Mode;

    /// <summary>The latest status copy (any thread).</summary>
    public EngineStatus Status => _status;

    /// <summary>True once the kill switch tripped; new orders are refused from that moment.</summary>
    public bool IsKilled => KillReason is not null;

    /// <summary>The kill report once a kill completed.</summary>
    public KillReport? LastKill => _killReport;

    /// <summary>Completes when the engine has loaded, reconciled and started its strategies.</summary>
    public Task Started => _started.Task;

    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static string ModeName(EngineMode mode) => mode switch
    {
        EngineMode.DryRun => "dry-run",
        EngineMode.Paper => "paper",
        _ => "live",
    };

    /// <summary>Runs until stopped (token, <see cref="StopCommand"/>), killed, or the feed ends. Returns how it ended.</summary>
    public async Task<EngineRunResult> RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stopping.Token);
        var ct = linked.Token;
        Task? pump = null;
        Task? timer = null;
        try
        {
            SetState("starting");
            await _orders.LoadAsync(ct).ConfigureAwait(false);
            _catalog = new MarketCatalog(await _catalogSource.LoadAsync(_options.Catalog, ct).ConfigureAwait(false));
            _portfolio = new PortfolioState(_catalog, _orders, _books, _clock, _options.TradingDayZone);
            _log.Info("engine.start", $"engine {RunId} starting in {ModeName(Mode)} mode",
                ("mode", ModeName(Mode)), ("run_id", RunId), ("markets", _catalog.Markets.Count), ("strategies", string.Join(",", _strategies.Select(s => s.Name))));
            await JournalEventAsync("engine_start", $"{ModeName(Mode)} with {string.Join(",", _strategies.Select(s => s.Name))}", null, null, ct).ConfigureAwait(false);

            await _feed.StartAsync(ct).ConfigureAwait(false);

            // The exchange is the truth: know orders, positions and cash before any strategy acts.
            await ReconcileAsync("start", ct).ConfigureAwait(false);

            foreach (var strategy in _strategies)
            {
                var context = new StrategyContext(this, strategy);
                _contexts[strategy.Name] = context;
                await strategy.StartAsync(context, ct).ConfigureAwait(false);
            }

            if (_options.ExtraMarkets.Count > 0) Follow(null, _options.ExtraMarkets);
            await FlushSubscriptionsAsync(ct).ConfigureAwait(false);

            pump = PumpFeedAsync(ct);
            timer = RunTimerAsync(ct);
            _nextReconcile = _clock.GetUtcNow() + _options.ReconcileInterval;
            SetState("running");
            _started.TrySetResult();

            var ended = await LoopAsync(ct).ConfigureAwait(false);
            return await ShutdownAsync(ended, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            _started.TrySetResult();
            return await ShutdownAsync(KillReason is not null ? "killed" : "stopped", CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _started.TrySetException(ex);
            _log.Error("engine.crash", $"engine failed: {ex.GetType().Name}: {ex.Message}", ("stack", ex.StackTrace));
            _alerts.Publish(new Alert(AlertKind.Error, $"engine {RunId} failed: {ex.Message}", _clock.GetUtcNow()));
            await ShutdownAsync("crashed", CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        finally
        {
            _stopping.Cancel();
            _inputs.Writer.TryComplete();
            if (pump is not null) await SwallowAsync(pump).ConfigureAwait(false);
            if (timer is not null) await SwallowAsync(timer).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Trips the kill switch from any thread: new orders are refused at once, cancel-all goes to the exchange
    /// immediately (not behind the loop), then the loop stops strategies, verifies no order rests and stops.
    /// </summary>
    public async Task<KillReport> KillAsync(string reason, CancellationToken cancellationToken)
    {
        var sw = Stopwatch.StartNew();
        var first = TripKillSwitch(reason);
        if (first && _exchange is not null && Mode != EngineMode.DryRun)
        {
            _immediateCancel = Task.Run(() => _exchange.CancelAllOrdersAsync(CancellationToken.None), CancellationToken.None);
        }

        if (!await PostAsync(new KillCommand(reason), cancellationToken).ConfigureAwait(false))
        {
            // The loop is gone (not started or already stopped): verify directly.
            return await CancelAllAndVerifyAsync(reason, sw, cancellationToken).ConfigureAwait(false);
        }

        return _killReport ?? new KillReport(reason, false, -1, sw.Elapsed, "kill did not complete");
    }

    /// <summary>Posts a command to the loop and waits until it is handled; false when the loop is not running.</summary>
    public async Task<bool> PostAsync(EngineCommand command, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inputs.Writer.TryWrite(new CommandInput(command, done))) return false;
        await done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private bool TripKillSwitch(string reason) => Interlocked.CompareExchange(ref _killReason, reason, null) is null;

    private string? KillReason => Volatile.Read(ref _killReason);

    private async Task<string> LoopAsync(CancellationToken ct)
    {
        var reader = _inputs.Reader;
        while (await reader.WaitToReadAsync(ct).ConfigureAwait(false))
        {
            while (reader.TryRead(out var input))
            {
                _eventsProcessed++;
                try
                {
                    var ended = await HandleAsync(input, ct).ConfigureAwait(false);
                    if (ended is not null) return ended;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A bug in one handler (or one strategy) must not leave orders unmanaged: log, alert, keep going.
                    _log.Error("engine.handler_failed", $"{input.GetType().Name} failed: {ex.GetType().Name}: {ex.Message}", ("stack", ex.StackTrace));
                    _alerts.Publish(new Alert(AlertKind.Error, $"handler error: {ex.Message}", _clock.GetUtcNow()));
                    if (input is CommandInput c) c.Done.TrySetException(ex);
                }
            }

            PublishStatus();
        }

        return "input ended";
    }

    private async Task<string?> HandleAsync(EngineInput input, CancellationToken ct)
    {
        switch (input)
        {
            case FeedInput f:
                await HandleFeedAsync(f.Event, ct).ConfigureAwait(false);
                return null;
            case TimerInput t:
                return await HandleTimerAsync(t.Time, ct).ConfigureAwait(false);
            case FeedEndedInput e:
                _log.Warn("feed.ended", $"market data feed ended: {e.Reason}");
                return "feed ended";
            case CommandInput c:
                return await HandleCommandAsync(c, ct).ConfigureAwait(false);
            default:
                return null;
        }
    }

    private async Task<string?> HandleCommandAsync(CommandInput c, CancellationToken ct)
    {
        switch (c.Command)
        {
            case KillCommand k:
                await ExecuteKillAsync(k.Reason, ct).ConfigureAwait(false);
                c.Done.TrySetResult(_killReport);
                return "killed";
            case ReconcileCommand r:
                await ReconcileAsync(r.Reason, ct).ConfigureAwait(false);
                c.Done.TrySetResult(null);
                return null;
            case StopCommand s:
                _log.Info("engine.stop_requested", s.Reason);
                c.Done.TrySetResult(null);
                return "stopped";
            default:
                c.Done.TrySetResult(null);
                return null;
        }
    }

    private async Task ExecuteKillAsync(string reason, CancellationToken ct)
    {
        var sw = Stopwatch.StartNew();
        TripKillSwitch(reason);
        SetState("killing");
        _log.Warn("kill", $"kill switch: {reason}");
        _alerts.Publish(new Alert(AlertKind.Kill, $"kill switch tripped on {RunId} ({ModeName(Mode)}): {reason}", _clock.GetUtcNow()));
        await JournalEventAsync("kill", reason, null, null, CancellationToken.None).ConfigureAwait(false);
        if (_immediateCancel is null && _exchange is not null && Mode != EngineMode.DryRun)
        {
            _immediateCancel = _exchange.CancelAllOrdersAsync(CancellationToken.None);
        }

        await StopStrategiesAsync(ct).ConfigureAwait(false);
        _killReport = await CancelAllAndVerifyAsync(reason, sw, CancellationToken.None).ConfigureAwait(false);
        _log.Info("kill.done", $"kill finished in {_killReport.Elapsed.TotalMilliseconds:F0} ms; resting after: {_killReport.RestingAfter}",
            ("cancel_all_ok", _killReport.CancelAllOk), ("resting_after", _killReport.RestingAfter));
    }

    /// <summary>Cancel-all, then list resting orders and cancel any survivor one by one, a few rounds.</summary>
    private async Task<KillReport> CancelAllAndVerifyAsync(string reason, Stopwatch sw, CancellationToken ct)
    {
        if (_exchange is null || Mode == EngineMode.DryRun) return new KillReport(reason, true, 0, sw.Elapsed, null);
        var cancelAllOk = false;
        try
        {
            var first = _immediateCancel is Task<ExchangeResult<bool>> pending ? await pending.ConfigureAwait(false) : await _exchange.CancelAllOrdersAsync(ct).ConfigureAwait(false);
            cancelAllOk = first.IsOk;
            if (!first.IsOk) _log.Warn("kill.cancel_all_failed", first.Error!.ToString());
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _log.Warn("kill.cancel_all_failed", ex.Message);
        }

        string? error = null;
        var resting = -1;
        for (var round = 0; round < 5; round++)
        {
            var list = await _exchange.GetOrdersAsync(OrderQuery.Resting, ct).ConfigureAwait(false);
            if (!list.IsOk)
            {
                error = list.Error!.ToString();
                await Task.Delay(TimeSpan.FromMilliseconds(100 * (round + 1)), _clock, ct).ConfigureAwait(false);
                continue;
            }

            error = null;
            resting = list.Value!.Count;
            if (resting == 0) break;
            if (round > 0 || !cancelAllOk)
            {
                var again = await _exchange.CancelAllOrdersAsync(ct).ConfigureAwait(false);
                cancelAllOk |= again.IsOk;
            }

            foreach (var o in list.Value!)
            {
                await _exchange.CancelOrderAsync(o.Id, o.Ticker, ct).ConfigureAwait(false);
            }
        }

        if (resting == 0) await _orders.MarkAllCanceledAsync("kill switch: canceled", ct).ConfigureAwait(false);
        return new KillReport(reason, cancelAllOk, resting, sw.Elapsed, error);
    }

    private async Task<string?> HandleTimerAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (_options.KillFilePath is { } killFile && File.Exists(killFile) && File.GetLastWriteTimeUtc(killFile) >= _startedTime.UtcDateTime.AddSeconds(-1))
        {
            await ExecuteKillAsync($"kill file {killFile}", ct).ConfigureAwait(false);
            return "killed";
        }

        // The feed is connected and in sequence: quiet books are still right, so keep them fresh.
        if (_feedConnected) _books.Touch(_books.All.Where(b => b.IsValid).Select(b => b.Ticker).ToList(), now);

        if (await CheckDailyLossAsync(ct).ConfigureAwait(false)) return "killed";

        var blocked = _orders.Blocked.Count > 0 || _portfolio.BlockedByReconciliation.Count > 0;
        if (now >= _nextReconcile || _reconcileSoon || (blocked && _lastReconciled is { } last && now - last >= _options.BlockedReconcileInterval))
        {
            await ReconcileAsync(_reconcileSoon ? "requested" : blocked ? "blocked markets" : "periodic", ct).ConfigureAwait(false);
        }

        foreach (var context in _contexts.Values)
        {
            await CallStrategyAsync(context, s => s.OnTimerAsync(context, ct)).ConfigureAwait(false);
        }

        await FlushSubscriptionsAsync(ct).ConfigureAwait(false);
        return null;
    }

    private async Task<bool> CheckDailyLossAsync(CancellationToken ct)
    {
        if (KillReason is not null || _portfolio.DailyPnl > -_options.Limits.DailyLossLimit) return false;
        var message = $"daily P&L {_portfolio.DailyPnl.ToDisplayString()} breached the loss limit {_options.Limits.DailyLossLimit.ToDisplayString()}";
        _alerts.Publish(new Alert(AlertKind.DailyLoss, message, _clock.GetUtcNow()));
        await ExecuteKillAsync(message, ct).ConfigureAwait(false);
        return true;
    }

    private async Task<EngineRunResult> ShutdownAsync(string how, CancellationToken ct)
    {
        if (_state is "stopped") return new EngineRunResult(how, _killReport);
        SetState("stopping");
        _stopping.Cancel();
        try
        {
            await StopStrategiesAsync(ct).ConfigureAwait(false);
            if (_killReport is null && _exchange is not null && Mode != EngineMode.DryRun && _options.CancelOrdersOnStop && _portfolio is not null)
            {
                var ours = _orders.Open.Where(o => o.OrderId is not null && o.State == OrderState.Resting).ToList();
                foreach (var order in ours) await _orders.CancelAsync(order, ct).ConfigureAwait(false);
                _log.Info("engine.orders_canceled", $"canceled {ours.Count} resting orders on stop");
            }

            if (_portfolio is not null && _exchange is not null && how != "crashed")
            {
                await ReconcileAsync("stop", ct).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            _log.Error("engine.stop_failed", $"{ex.GetType().Name}: {ex.Message}");
        }

        await JournalEventAsync("engine_stop", how, null, null, ct).ConfigureAwait(false);
        _log.Info("engine.stopped", $"engine {RunId} stopped: {how}");
        SetState("stopped");
        PublishStatus();
        await _alerts.FlushAsync(new CancellationTokenSource(TimeSpan.FromSeconds(3)).Token).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
        return new EngineRunResult(how, _killReport);
    }

    private async Task StopStrategiesAsync(CancellationToken ct)
    {
        foreach (var context in _contexts.Values)
        {
            if (context.Stopped) continue;
            context.Stopped = true;
            try
            {
                await context.Strategy.StopAsync(context, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _log.Error("strategy.stop_failed", $"{context.Strategy.Name}: {ex.Message}");
            }
        }
    }

    private async Task PumpFeedAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var e in _feed.Events.ReadAllAsync(ct).ConfigureAwait(false))
            {
                if (!_inputs.Writer.TryWrite(new FeedInput(e))) return;
            }

            _inputs.Writer.TryWrite(new FeedEndedInput("the feed completed"));
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex)
        {
            _inputs.Writer.TryWrite(new FeedEndedInput($"feed failed: {ex.Message}"));
        }
    }

    private async Task RunTimerAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(_options.TimerInterval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            {
                if (!_inputs.Writer.TryWrite(new TimerInput(_clock.GetUtcNow()))) return;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void SetState(string state)
    {
        _state = state;
        PublishStatus();
    }

    private void PublishStatus()
    {
        _status = new EngineStatus
        {
            RunId = RunId,
            Mode = ModeName(Mode),
            State = _state,
            StartedTime = _startedTime,
            Strategies = _strategies.Select(s => s.Name).ToList(),
            FollowedMarkets = _followers.Count,
            OpenOrders = _orders.OpenCount,
            Positions = _portfolio?.Positions.Count ?? 0,
            BlockedMarkets = _orders.Blocked.Keys.Concat(_portfolio?.BlockedByReconciliation.Keys ?? []).Distinct().ToList(),
            KillReason = KillReason,
            Cash = _portfolio?.Cash.ToDollarString() ?? "0",
            DailyPnl = _portfolio?.DailyPnl.ToDollarString() ?? "0",
            LastReconciled = _lastReconciled,
            EventsProcessed = _eventsProcessed,
            RiskDenials = _riskDenials,
            OrdersSent = _ordersSent,
        };
    }

    private Task JournalEventAsync(
        string kind, string message, string? strategy, string? ticker, CancellationToken ct, string? detailJson = null, string? clientOrderId = null,
        StrategyEvaluation? evaluation = null) =>
        _journal.WriteEventAsync(new JournalEvent
        {
            Time = _clock.GetUtcNow(),
            Kind = kind,
            RunId = RunId,
            Strategy = strategy,
            Ticker = ticker,
            ClientOrderId = clientOrderId,
            Message = message,
            DetailJson = detailJson,
            Evaluation = evaluation,
        }, ct);

    private static async Task SwallowAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch
        {
            // Background pumps end with the run; their failures were already reported.
        }
    }
}

/// <summary>How a run ended ("stopped", "killed", "feed ended", "crashed") and the kill report if any.</summary>
public sealed record EngineRunResult(string How, KillReport? Kill);
