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
    private EngineOrder? _live; // while published: the filled order, unchanged until every sink has returned
    private FillEntry _fill;
    private Fill? _public;

    // A kept copy's own view of the order.
    private AccountId _keptAccount;
    private MarketTicker _keptTicker;
    private OrderSide _keptSide;
    private string? _keptClientOrderId;

    internal FillExecutedEvent(IdFormatter orderIds, IdFormatter tradeIds)
        : base(default)
    {
        _orderIds = orderIds;
        _tradeIds = tradeIds;
    }

    public AccountId Account => _live is { } o ? o.Account.Id : _keptAccount;

    public MarketTicker Ticker => _live is { } o ? o.Market.Ticker : _keptTicker;

    public Fill Fill => _public ??= EngineRecords.ToFill(_fill, Ticker, Side, ClientOrderId, _orderIds, _tradeIds);

    private OrderSide Side => _live is { } o ? o.Side : _keptSide;

    private string? ClientOrderId => _live is { } o ? o.ClientOrderId : _keptClientOrderId;

    public override EngineEvent Keep() => new FillExecutedEvent(_orderIds, _tradeIds)
    {
        Time = Time,
        _fill = _fill,
        _public = _public,
        _keptAccount = Account,
        _keptTicker = Ticker,
        _keptSide = Side,
        _keptClientOrderId = ClientOrderId,
    };

    // Reads the order while published: copying its account, ticker and client order id into the view cost reference
    // writes on every fill, which most sinks never read.
    internal FillExecutedEvent Set(DateTimeOffset time, in FillEntry fill, EngineOrder order)
    {
        Time = time;
        _live = order;
        _fill = fill;
        _public = null;
        return this;
    }
}

/// <summary>A public trade print. Feeds <c>trade</c>. Reused: see <see cref="IEngineEventSink"/>.</summary>
public sealed class TradeExecutedEvent : EngineEvent
{
    private readonly IdFormatter _tradeIds;
    private MarketState? _live; // while published: the market, whose last trade is this one until every sink has returned
    private TradeEntry _kept;
    private MarketTicker _keptTicker;
    private Trade? _public;

    internal TradeExecutedEvent(IdFormatter tradeIds)
        : base(default) => _tradeIds = tradeIds;

    public MarketTicker Ticker => _live is { } m ? m.Ticker : _keptTicker;

    public Trade Trade => _public ??= EngineRecords.ToTrade(Entry, Ticker, _tradeIds);

    private ref readonly TradeEntry Entry => ref _live is { } m ? ref m.Trades.Last : ref _kept;

    public override EngineEvent Keep() => new TradeExecutedEvent(_tradeIds) { Time = Time, _kept = Entry, _keptTicker = Ticker, _public = _public };

    internal TradeExecutedEvent Set(DateTimeOffset time, MarketState market)
    {
        Time = time;
        if (!ReferenceEquals(_live, market)) _live = market; // mostly the same market again: skip the write barrier
        _public = null;
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
    private EngineOrder? _live; // while published: the order that caused it, unchanged until every sink has returned
    private long _delta;

    // A kept copy's own view of the order.
    private MarketTicker _keptTicker;
    private Outcome _keptSide;
    private int _keptPriceTicks;
    private AccountId? _keptOwner;
    private string? _keptClientOrderId;

    internal BookChangedEvent()
        : base(default)
    {
    }

    public MarketTicker Ticker => _live is { } o ? o.Market.Ticker : _keptTicker;
    public Outcome Side => _live is { } o ? o.Buys : _keptSide;
    public Price Price => Price.FromTicks(_live is { } o ? o.PriceTicks : _keptPriceTicks);
    public Quantity Delta => Quantity.FromHundredths(_delta);
    public AccountId? Owner => _live is { } o ? o.Account.Id : _keptOwner;
    public ClientOrderId? ClientOrderId => ClientOrderIdText is { } id ? new ClientOrderId(id) : null;

    private string? ClientOrderIdText => _live is { } o ? o.ClientOrderId : _keptClientOrderId;

    public override EngineEvent Keep() => new BookChangedEvent
    {
        Time = Time,
        _delta = _delta,
        _keptTicker = Ticker,
        _keptSide = Side,
        _keptPriceTicks = _live is { } o ? o.PriceTicks : _keptPriceTicks,
        _keptOwner = Owner,
        _keptClientOrderId = ClientOrderIdText,
    };

    // Reads the order while published (its market, side, price, owner and client order id), like OrderChangedEvent.
    internal BookChangedEvent Set(DateTimeOffset time, EngineOrder order, long delta)
    {
        Time = time;
        if (!ReferenceEquals(_live, order)) _live = order; // a fill publishes the maker's book change and then its order
        _delta = delta;
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
    private MarketState? _live; // while published: the market, whose published top is this one until every sink has returned
    private TickerSnapshot _kept;
    private TickerUpdate? _public;

    internal TickerChangedEvent()
        : base(default)
    {
    }

    public MarketTicker Ticker => Snapshot.Ticker;

    public TickerUpdate Update => _public ??= EngineRecords.ToTickerUpdate(Snapshot, Time);

    public Money DollarVolume => Money.FromMicros(Snapshot.DollarVolumeMicros);

    public Money DollarOpenInterest => Money.FromMicros(Snapshot.OpenInterest * 10_000);

    // The market already holds the snapshot it last published; copying it into the view as well cost a copy per ticker.
    private ref readonly TickerSnapshot Snapshot => ref _live is { } m ? ref m.PublishedTop : ref _kept;

    public override EngineEvent Keep() => new TickerChangedEvent { Time = Time, _kept = Snapshot, _public = _public };

    internal TickerChangedEvent Set(DateTimeOffset time, MarketState market)
    {
        Time = time;
        if (!ReferenceEquals(_live, market)) _live = market;
        _public = null;
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
