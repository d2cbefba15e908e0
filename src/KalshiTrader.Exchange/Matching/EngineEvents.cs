using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// Receives everything the engine does, synchronously and in order, while the engine's lock is held. Implementations
/// must be quick and must not call back into the engine (queue the event and return).
/// <para>
/// The frequent events (orders, book changes, trades, fills, positions, tickers) are views the engine reuses: an
/// event is valid only until <see cref="Publish"/> returns. Read it (or build its public record) inside
/// <see cref="Publish"/>, or call <see cref="EngineEvent.Keep"/> for a copy that may be held.
/// </para>
/// </summary>
public interface IEngineEventSink
{
    void Publish(EngineEvent e);
}

/// <summary>
/// Something the engine did, stamped with exchange time. The public records an event exposes
/// (<see cref="OrderChangedEvent.Order"/>, <see cref="FillExecutedEvent.Fill"/>...) are built from its compact snapshot on
/// first use, so a sink that forwards only a few events does not pay for the rest.
/// </summary>
public abstract class EngineEvent
{
    private protected EngineEvent(DateTimeOffset time) => Time = time;

    public DateTimeOffset Time { get; private protected set; }

    /// <summary>
    /// An event that may be held after <see cref="IEngineEventSink.Publish"/> returns: a copy of a reused view, or the
    /// event itself when the engine never reuses it.
    /// </summary>
    public virtual EngineEvent Keep() => this;
}

/// <summary>An order was created or changed (fill, cancel, amend, decrease, expiry...). Feeds <c>user_orders</c>. Reused: see <see cref="IEngineEventSink"/>.</summary>
public sealed class OrderChangedEvent : EngineEvent
{
    private readonly IdFormatter _orderIds;
    private EngineOrder? _live; // while published: the order itself, unchanged until every sink has returned
    private OrderData _kept;    // a kept copy's own snapshot
    private Order? _order;

    internal OrderChangedEvent(IdFormatter orderIds)
        : base(default) => _orderIds = orderIds;

    public AccountId Account => Data.Account.Id;

    public MarketTicker Ticker => Data.Market.Ticker;

    public Order Order => _order ??= EngineRecords.ToOrder(Data, _orderIds);

    private ref readonly OrderData Data => ref _live is { } live ? ref live.D : ref _kept;

    public override EngineEvent Keep() => new OrderChangedEvent(_orderIds) { Time = Time, _kept = Data, _order = _order };

    internal OrderChangedEvent Set(DateTimeOffset time, EngineOrder order)
    {
        Time = time;
        _live = order;
        _order = null;
        return this;
    }
}

/// <summary>One side of a trade, as the account sees it. Feeds <c>fill</c>. Reused: see <see cref="IEngineEventSink"/>.</summary>
public sealed class FillExecutedEvent : EngineEvent
{
    private readonly IdFormatter _orderIds;
    private readonly IdFormatter _tradeIds;
    private FillEntry _fill;
    private OrderSide _side;
    private string? _clientOrderId;
    private Fill? _public;

    internal FillExecutedEvent(IdFormatter orderIds, IdFormatter tradeIds)
        : base(default)
    {
        _orderIds = orderIds;
        _tradeIds = tradeIds;
    }

    public AccountId Account { get; private set; }

    public MarketTicker Ticker { get; private set; }

    public Fill Fill => _public ??= EngineRecords.ToFill(_fill, Ticker, _side, _clientOrderId, _orderIds, _tradeIds);

    public override EngineEvent Keep()
    {
        var copy = new FillExecutedEvent(_orderIds, _tradeIds);
        copy.Time = Time;
        copy.Account = Account;
        copy.Ticker = Ticker;
        copy._fill = _fill;
        copy._side = _side;
        copy._clientOrderId = _clientOrderId;
        copy._public = _public;
        return copy;
    }

    internal FillExecutedEvent Set(DateTimeOffset time, AccountId account, FillEntry fill, in OrderData order)
    {
        Time = time;
        Account = account;
        Ticker = order.Market.Ticker;
        _fill = fill;
        _side = order.Side;
        _clientOrderId = order.ClientOrderId;
        _public = null;
        return this;
    }
}

/// <summary>A public trade print. Feeds <c>trade</c>. Reused: see <see cref="IEngineEventSink"/>.</summary>
public sealed class TradeExecutedEvent : EngineEvent
{
    private readonly IdFormatter _tradeIds;
    private TradeEntry _trade;
    private Trade? _public;

    internal TradeExecutedEvent(IdFormatter tradeIds)
        : base(default) => _tradeIds = tradeIds;

    public MarketTicker Ticker { get; private set; }

    public Trade Trade => _public ??= EngineRecords.ToTrade(_trade, Ticker, _tradeIds);

    public override EngineEvent Keep() => new TradeExecutedEvent(_tradeIds).Set(Time, Ticker, _trade, _public);

    internal TradeExecutedEvent Set(DateTimeOffset time, MarketTicker ticker, TradeEntry trade, Trade? built = null)
    {
        Time = time;
        Ticker = ticker;
        _trade = trade;
        _public = built;
        return this;
    }
}

/// <summary>
/// A signed size change at one bid level, in the side's own price (YES bids in YES price, NO bids in NO price).
/// <see cref="Owner"/>/<see cref="ClientOrderId"/> name the order that caused it, so the server can add
/// <c>client_order_id</c> to the owner's copy of the delta only. Feeds <c>orderbook_delta</c>. Reused: see
/// <see cref="IEngineEventSink"/>.
/// </summary>
public sealed class BookChangedEvent : EngineEvent
{
    private string? _clientOrderId;

    internal BookChangedEvent()
        : base(default)
    {
    }

    public MarketTicker Ticker { get; private set; }
    public Outcome Side { get; private set; }
    public Price Price { get; private set; }
    public Quantity Delta { get; private set; }
    public AccountId? Owner { get; private set; }
    public ClientOrderId? ClientOrderId => _clientOrderId is null ? null : new ClientOrderId(_clientOrderId);

    public override EngineEvent Keep() => new BookChangedEvent().Set(Time, Ticker, Side, Price, Delta, Owner, _clientOrderId);

    internal BookChangedEvent Set(DateTimeOffset time, MarketTicker ticker, Outcome side, Price price, Quantity delta, AccountId? owner, string? clientOrderId)
    {
        Time = time;
        Ticker = ticker;
        Side = side;
        Price = price;
        Delta = delta;
        Owner = owner;
        _clientOrderId = clientOrderId;
        return this;
    }
}

/// <summary>An account's position in a market changed. Feeds <c>market_positions</c>. Reused: see <see cref="IEngineEventSink"/>.</summary>
public sealed class PositionChangedEvent : EngineEvent
{
    private PositionState? _live;   // while published: the position itself, unchanged until every sink has returned
    private PositionSnapshot _kept; // a kept copy's own snapshot
    private MarketPosition? _public;

    internal PositionChangedEvent()
        : base(default)
    {
    }

    public AccountId Account { get; private set; }

    public MarketTicker Ticker => _live is { } p ? p.Market.Ticker : _kept.Ticker;

    public MarketPosition Position => _public ??= EngineRecords.ToPosition(Snapshot);

    /// <summary>Contracts the account has traded in the market.</summary>
    public Quantity Volume => Quantity.FromHundredths(_live is { } p ? p.Volume : _kept.Volume);

    // Read from the live position while published: a fill publishes two positions, and copying a snapshot into the
    // view for each cost more than most sinks spend on the event.
    private PositionSnapshot Snapshot => _live is { } p ? PositionSnapshot.Of(p) : _kept;

    public override EngineEvent Keep()
    {
        var copy = new PositionChangedEvent { Time = Time, Account = Account };
        copy._kept = Snapshot;
        copy._public = _public;
        return copy;
    }

    internal PositionChangedEvent Set(DateTimeOffset time, AccountId account, PositionState position)
    {
        Time = time;
        Account = account;
        _live = position;
        _public = null;
        return this;
    }
}

/// <summary>Top of book, last price or activity changed. Feeds <c>ticker</c>. Reused: see <see cref="IEngineEventSink"/>.</summary>
public sealed class TickerChangedEvent : EngineEvent
{
    private TickerSnapshot _snapshot;
    private TickerUpdate? _public;

    internal TickerChangedEvent()
        : base(default)
    {
    }

    public MarketTicker Ticker => _snapshot.Ticker;

    public TickerUpdate Update => _public ??= EngineRecords.ToTickerUpdate(_snapshot, Time);

    public Money DollarVolume => Money.FromMicros(_snapshot.DollarVolumeMicros);

    public Money DollarOpenInterest => Money.FromMicros(_snapshot.OpenInterest * 10_000);

    public override EngineEvent Keep() => new TickerChangedEvent().Set(Time, _snapshot, _public);

    internal TickerChangedEvent Set(DateTimeOffset time, in TickerSnapshot snapshot, TickerUpdate? built = null)
    {
        Time = time;
        _snapshot = snapshot;
        _public = built;
        return this;
    }
}

/// <summary>
/// A market lifecycle step: created, activated, deactivated, close_date_updated, determined, settled.
/// Feeds <c>market_lifecycle_v2</c>.
/// </summary>
public sealed class MarketLifecycleEvent(DateTimeOffset time, string eventType, Market market) : EngineEvent(time)
{
    public string EventType { get; } = eventType;
    public Market Market { get; } = market;
}

/// <summary>A new event was added (the <c>event_lifecycle</c> message of <c>market_lifecycle_v2</c>).</summary>
public sealed class EventCreatedEvent(DateTimeOffset time, Event ev) : EngineEvent(time)
{
    public Event Event { get; } = ev;
}

/// <summary>An order group changed: created, triggered, reset, deleted, limit_updated. Feeds <c>order_group_updates</c>.</summary>
public sealed class OrderGroupChangedEvent(DateTimeOffset time, AccountId account, string orderGroupId, string eventType, Quantity? contractsLimit)
    : EngineEvent(time)
{
    public AccountId Account { get; } = account;
    public string OrderGroupId { get; } = orderGroupId;
    public string EventType { get; } = eventType;
    public Quantity? ContractsLimit { get; } = contractsLimit;
}

/// <summary>A market paid out to an account.</summary>
public sealed class SettlementEvent(DateTimeOffset time, AccountId account, Settlement settlement) : EngineEvent(time)
{
    public AccountId Account { get; } = account;
    public Settlement Settlement { get; } = settlement;
}
