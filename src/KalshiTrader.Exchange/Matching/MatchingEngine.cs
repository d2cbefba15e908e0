using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// The local exchange's matching engine: series, events and markets; accounts with full cash collateral; one
/// price-time-priority book per market; V2 orders, order groups, fees, lifecycle and settlement. It follows
/// section 9 of the Kalshi reference; where Kalshi's behaviour is unconfirmed it takes the conservative choice
/// (documented at the rule).
/// <para>
/// Single-threaded: callers serialise access (the server and <see cref="InProcessExchange"/> lock
/// <see cref="SyncRoot"/>). Time comes from the injected <see cref="TimeProvider"/>; due timers (expirations,
/// scheduled open/close, settlement timers) run at the start of every call and on <see cref="ProcessTimers"/>.
/// Everything the engine does is published, in order, to the sinks added with <see cref="AddSink"/>.
/// </para>
/// </summary>
public sealed partial class MatchingEngine
{
    private const long MicrosPerHundredth = 10_000; // $1 per contract

    private readonly TimeProvider _time;
    private readonly MatchingEngineOptions _options;
    private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EventState> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MarketState> _markets = new(StringComparer.Ordinal);
    private readonly List<MarketState> _marketList = [];
    private readonly List<AccountState> _accounts = [];
    private readonly OrderStore _orders;
    private readonly Dictionary<long, OrderGroupState> _groups = [];
    private readonly PriorityQueue<long, long> _expirations = new(); // order seq by expiration ticks
    private readonly IdFormatter _orderIds;
    private readonly IdFormatter _tradeIds;
    private readonly IdFormatter _groupIds;
    private IEngineEventSink[] _sinks = [];
    private bool _publishing;
    private MarketState[] _touched = new MarketState[4]; // markets touched by the current call (a List's Clear costs a
    private int _touchedCount;                            // call per engine call; markets live as long as the engine)
    private EngineOrder? _taker; // the incoming order being matched, if any

    // Reused event views (see IEngineEventSink): the hot path publishes without allocating.
    private readonly OrderChangedEvent _orderView;
    private readonly BookChangedEvent _bookView = new();
    private readonly TradeExecutedEvent _tradeView;
    private readonly FillExecutedEvent _fillView;
    private readonly PositionChangedEvent _positionView = new();
    private readonly TickerChangedEvent _tickerView = new();

    private long _nextOrderSeq = 1;
    private long _nextTradeSeq = 1;
    private long _nextGroupSeq = 1;
    private long _nextDueTicks = long.MaxValue;
    private long _nowTicks;
    private DateTimeOffset _now; // _nowTicks as a UTC time, built once per call: every event of the call carries it
    private int _partialFillFaults;

    // Ledger: deposits = Σ(cash + reserved) + fees + rounding fees + $1 × open interest, exactly, at all times.
    private long _deposits;
    private long _feesCollected;
    private long _roundingFees;
    private long _settlementPaid;

    public MatchingEngine(TimeProvider? time = null, MatchingEngineOptions? options = null)
    {
        _time = time ?? TimeProvider.System;
        _options = options ?? new MatchingEngineOptions();
        _orders = new OrderStore(_accounts, _marketList, _groups);
        _orderIds = new IdFormatter(_options.Seed);
        _tradeIds = new IdFormatter(_options.Seed * 31 + 7);
        _groupIds = new IdFormatter(_options.Seed * 17 + 3);
        _orderView = new OrderChangedEvent(_orderIds);
        _tradeView = new TradeExecutedEvent(_tradeIds);
        _fillView = new FillExecutedEvent(_orderIds, _tradeIds);
    }

    /// <summary>The one lock every multi-threaded caller takes around engine calls.</summary>
    public object SyncRoot { get; } = new();

    public TimeProvider Time => _time;

    /// <summary>Adds a receiver of engine events (the server's WebSocket fan-out, a recorder, a test probe).</summary>
    public void AddSink(IEngineEventSink sink)
    {
        _sinks = [.. _sinks, sink];
        _publishing = true;
    }

    public void RemoveSink(IEngineEventSink sink)
    {
        _sinks = _sinks.Where(s => !ReferenceEquals(s, sink)).ToArray();
        _publishing = _sinks.Length > 0;
    }

    // ───────────────────────── reference data ─────────────────────────

    /// <summary>Adds or replaces a series (its fees apply to markets added afterwards and to existing ones).</summary>
    public void AddSeries(Series series)
    {
        Begin();
        _series[series.Ticker.Value] = series;
        foreach (var ev in _events.Values)
        {
            if (ev.Definition.SeriesTicker == series.Ticker) RefreshFees(ev);
        }
    }

    /// <summary>
    /// Adds or replaces an event (creating its series with standard fees when unknown). Nested markets in
    /// <paramref name="ev"/> are ignored: add them with <see cref="AddMarket"/>.
    /// </summary>
    public void AddEvent(Event ev)
    {
        var now = Begin();
        var definition = ev with { Markets = [] };

        // Every event belongs to a series; one not described gets Kalshi's standard fees.
        if (!_series.ContainsKey(ev.SeriesTicker.Value)) _series[ev.SeriesTicker.Value] = new Series { Ticker = ev.SeriesTicker, Category = ev.Category };
        if (_events.TryGetValue(ev.Ticker.Value, out var existing))
        {
            existing.Definition = definition;
            RefreshFees(existing);
            return;
        }

        _events[ev.Ticker.Value] = new EventState(definition);
        Publish(new EventCreatedEvent(now, definition));
    }

    /// <summary>
    /// Adds a market under an existing event. Its status is taken from <paramref name="market"/> (initialized markets
    /// open at <c>open_time</c>); its fees come from the series (standard when the series is unknown) with the
    /// event's overrides.
    /// </summary>
    public ExchangeResult<Market> AddMarket(Market market)
    {
        var now = Begin();
        if (!_events.TryGetValue(market.EventTicker.Value, out var ev)) return EngineErrors.EventNotFound(market.EventTicker.Value);
        if (_markets.ContainsKey(market.Ticker.Value)) return EngineErrors.Conflict($"market {market.Ticker} already exists", "market_exists");
        var definition = market with { CreatedTime = market.CreatedTime ?? now };
        var state = new MarketState(definition, ev, new FeeCalculator(FeesFor(ev, definition))) { Index = _marketList.Count };
        state.Result = definition.Result;
        state.SettlementValue = definition.SettlementValue;
        _markets[market.Ticker.Value] = state;
        _marketList.Add(state);
        ev.Markets.Add(state);
        ScheduleMarket(state);
        Publish(new MarketLifecycleEvent(now, "created", ToMarket(state)));
        return ExchangeResult<Market>.Ok(ToMarket(state));
    }

    private FeeSchedule FeesFor(EventState ev, Market market)
    {
        var schedule = _series.TryGetValue(ev.Definition.SeriesTicker.Value, out var s) ? s.Fees : FeeSchedule.Standard;
        schedule = schedule.WithOverrides(ev.Definition.FeeTypeOverride, ev.Definition.FeeMultiplierOverride);
        return market.FeeWaiverExpirationTime is { } w ? schedule with { WaiverExpiration = w } : schedule;
    }

    private void RefreshFees(EventState ev)
    {
        foreach (var m in ev.Markets) m.Fees = new FeeCalculator(FeesFor(ev, m.Definition));
    }

    // ───────────────────────── accounts ─────────────────────────

    /// <summary>Opens an account holding <paramref name="deposit"/> in cash.</summary>
    public AccountId CreateAccount(string name, Money deposit = default, AccountKind kind = AccountKind.Retail)
    {
        Begin();
        var id = new AccountId(_accounts.Count + 1);
        _accounts.Add(new AccountState(id, name, kind));
        if (deposit.Micros != 0) Fund(id, deposit);
        return id;
    }

    /// <summary>Deposits (positive) or withdraws (negative) cash. A withdrawal beyond the available cash is refused.</summary>
    public ExchangeResult<Money> Fund(AccountId account, Money amount)
    {
        Begin();
        if (!TryAccount(account, out var a)) return EngineErrors.AccountNotFound(account);
        if (a.Cash + amount.Micros < 0) return EngineErrors.InsufficientBalance($"cannot withdraw {amount.ToDollarString()}: available {Money.FromMicros(a.Cash).ToDollarString()}");
        a.Cash += amount.Micros;
        a.Deposits += amount.Micros;
        _deposits += amount.Micros;
        return ExchangeResult<Money>.Ok(Money.FromMicros(a.Cash));
    }

    public IReadOnlyList<AccountId> Accounts => _accounts.Select(a => a.Id).ToArray();

    public string AccountName(AccountId account) => TryAccount(account, out var a) ? a.Name : throw new ArgumentException($"{account} not found");

    private bool TryAccount(AccountId id, out AccountState account)
    {
        var i = id.Value - 1;
        if ((uint)i < (uint)_accounts.Count)
        {
            account = _accounts[i];
            return true;
        }

        account = null!;
        return false;
    }

    // ───────────────────────── faults ─────────────────────────

    /// <summary>Fault injection: the next <paramref name="orders"/> crossing orders fill at most half their count (in whole contracts).</summary>
    public void InjectPartialFills(int orders)
    {
        Begin();
        _partialFillFaults = Math.Max(0, orders);
    }

    // ───────────────────────── time ─────────────────────────

    /// <summary>The exchange's current time.</summary>
    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Runs everything due by now: expirations, scheduled opens and closes, settlement timers.</summary>
    public void ProcessTimers()
    {
        Begin();
        End();
    }

    /// <summary>Starts a call: reads the clock once and runs due timers.</summary>
    private DateTimeOffset Begin()
    {
        var now = _time.GetUtcNow();
        _nowTicks = now.UtcTicks;
        _now = new DateTimeOffset(_nowTicks, TimeSpan.Zero);
        if (_nowTicks >= _nextDueTicks) RunTimers(now);
        return now;
    }

    /// <summary>Ends a call: publishes ticker updates for markets whose top of book or activity moved.</summary>
    private void End()
    {
        _orders.Recycle();
        if (_touchedCount == 0) return;
        for (var i = 0; i < _touchedCount; i++)
        {
            var m = _touched[i];
            m.Touched = false;
            PublishTickerIfChanged(m);
        }

        _touchedCount = 0;
    }

    private void RunTimers(DateTimeOffset now)
    {
        var nowTicks = now.UtcTicks;
        while (_expirations.TryPeek(out var seq, out var due) && due <= nowTicks)
        {
            _expirations.Dequeue();
            if (_orders.Live(seq) is { IsResting: true } order && order.ExpirationTicks == due) CancelResting(order, "ExpiryCancel");
        }

        foreach (var m in _marketList)
        {
            if (m.Status == MarketStatus.Initialized && m.OpenTicks is { } open && open <= nowTicks)
            {
                m.Status = MarketStatus.Active; // time-driven opening sends no lifecycle message on Kalshi
            }

            if (m.Status is MarketStatus.Active or MarketStatus.Inactive && m.CloseTicks is { } close && close <= nowTicks)
            {
                CloseCore(m);
            }

            if (m.Status == MarketStatus.Determined && m.DeterminedTicks is { } det
                && det + TimeSpan.FromSeconds(m.Definition.SettlementTimerSeconds).Ticks <= nowTicks)
            {
                FinalizeCore(m);
            }
        }

        RecomputeNextDue();
    }

    private void RecomputeNextDue()
    {
        var next = _expirations.TryPeek(out _, out var due) ? due : long.MaxValue;
        foreach (var m in _marketList) next = Math.Min(next, MarketDue(m));
        _nextDueTicks = next;
    }

    private static long MarketDue(MarketState m) => m.Status switch
    {
        MarketStatus.Initialized => m.OpenTicks ?? long.MaxValue,
        MarketStatus.Active or MarketStatus.Inactive => m.CloseTicks ?? long.MaxValue,
        MarketStatus.Determined when m.DeterminedTicks is { } d => d + TimeSpan.FromSeconds(m.Definition.SettlementTimerSeconds).Ticks,
        _ => long.MaxValue,
    };

    private void ScheduleMarket(MarketState m)
    {
        var due = MarketDue(m);
        if (due < _nextDueTicks) _nextDueTicks = due;
        if (due <= _nowTicks) RunTimers(new DateTimeOffset(_nowTicks, TimeSpan.Zero));
    }

    private void Publish(EngineEvent e)
    {
        foreach (var s in _sinks) s.Publish(e);
    }

    private void Touch(MarketState m)
    {
        if (!_publishing || m.Touched) return;
        m.Touched = true;
        if (_touchedCount == _touched.Length) Array.Resize(ref _touched, _touchedCount * 2);
        _touched[_touchedCount++] = m;
    }

    private DateTimeOffset NowOffset => _now;

    private string OrderIdOf(long seq) => _orderIds.Format(seq);
}
