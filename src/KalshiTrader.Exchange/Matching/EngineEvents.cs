using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// Receives everything the engine does, synchronously and in order, while the engine's lock is held. Implementations
/// must be quick and must not call back into the engine (queue the event and return).
/// </summary>
public interface IEngineEventSink
{
    void Publish(EngineEvent e);
}

/// <summary>
/// Something the engine did, stamped with exchange time. Events are immutable snapshots taken when they happen; the
/// public records they expose (<see cref="OrderChangedEvent.Order"/>, <see cref="FillExecutedEvent.Fill"/>...) are
/// built from the snapshot on first use, so a sink that looks only at a few events does not pay for the rest.
/// </summary>
public abstract class EngineEvent(DateTimeOffset time)
{
    public DateTimeOffset Time { get; } = time;
}

/// <summary>An order was created or changed (fill, cancel, amend, decrease, expiry...). Feeds <c>user_orders</c>.</summary>
public sealed class OrderChangedEvent : EngineEvent
{
    private readonly OrderData _data;
    private readonly IdFormatter _orderIds;
    private Order? _order;

    internal OrderChangedEvent(DateTimeOffset time, in OrderData data, IdFormatter orderIds)
        : base(time)
    {
        _data = data;
        _orderIds = orderIds;
    }

    public AccountId Account => _data.Account.Id;

    public MarketTicker Ticker => _data.Market.Ticker;

    public Order Order => _order ??= EngineRecords.ToOrder(_data, _orderIds);
}

/// <summary>One side of a trade, as the account sees it. Feeds <c>fill</c>.</summary>
public sealed class FillExecutedEvent : EngineEvent
{
    private readonly FillEntry _fill;
    private readonly OrderSide _side;
    private readonly string? _clientOrderId;
    private readonly IdFormatter _orderIds;
    private readonly IdFormatter _tradeIds;
    private Fill? _public;

    internal FillExecutedEvent(DateTimeOffset time, AccountId account, FillEntry fill, in OrderData order, IdFormatter orderIds, IdFormatter tradeIds)
        : base(time)
    {
        Account = account;
        Ticker = order.Market.Ticker;
        _fill = fill;
        _side = order.Side;
        _clientOrderId = order.ClientOrderId;
        _orderIds = orderIds;
        _tradeIds = tradeIds;
    }

    public AccountId Account { get; }

    public MarketTicker Ticker { get; }

    public Fill Fill => _public ??= EngineRecords.ToFill(_fill, Ticker, _side, _clientOrderId, _orderIds, _tradeIds);
}

/// <summary>A public trade print. Feeds <c>trade</c>.</summary>
public sealed class TradeExecutedEvent : EngineEvent
{
    private readonly TradeEntry _trade;
    private readonly IdFormatter _tradeIds;
    private Trade? _public;

    internal TradeExecutedEvent(DateTimeOffset time, MarketTicker ticker, TradeEntry trade, IdFormatter tradeIds)
        : base(time)
    {
        Ticker = ticker;
        _trade = trade;
        _tradeIds = tradeIds;
    }

    public MarketTicker Ticker { get; }

    public Trade Trade => _public ??= EngineRecords.ToTrade(_trade, Ticker, _tradeIds);
}

/// <summary>
/// A signed size change at one bid level, in the side's own price (YES bids in YES price, NO bids in NO price).
/// <see cref="Owner"/>/<see cref="ClientOrderId"/> name the order that caused it, so the server can add
/// <c>client_order_id</c> to the owner's copy of the delta only. Feeds <c>orderbook_delta</c>.
/// </summary>
public sealed class BookChangedEvent : EngineEvent
{
    private readonly string? _clientOrderId;

    internal BookChangedEvent(DateTimeOffset time, MarketTicker ticker, Outcome side, Price price, Quantity delta, AccountId? owner, string? clientOrderId)
        : base(time)
    {
        Ticker = ticker;
        Side = side;
        Price = price;
        Delta = delta;
        Owner = owner;
        _clientOrderId = clientOrderId;
    }

    public MarketTicker Ticker { get; }
    public Outcome Side { get; }
    public Price Price { get; }
    public Quantity Delta { get; }
    public AccountId? Owner { get; }
    public ClientOrderId? ClientOrderId => _clientOrderId is null ? null : new ClientOrderId(_clientOrderId);
}

/// <summary>An account's position in a market changed. Feeds <c>market_positions</c>.</summary>
public sealed class PositionChangedEvent : EngineEvent
{
    private readonly PositionSnapshot _snapshot;
    private MarketPosition? _public;

    internal PositionChangedEvent(DateTimeOffset time, AccountId account, in PositionSnapshot snapshot)
        : base(time)
    {
        Account = account;
        _snapshot = snapshot;
    }

    public AccountId Account { get; }

    public MarketTicker Ticker => _snapshot.Ticker;

    public MarketPosition Position => _public ??= EngineRecords.ToPosition(_snapshot);

    /// <summary>Contracts the account has traded in the market.</summary>
    public Quantity Volume => Quantity.FromHundredths(_snapshot.Volume);
}

/// <summary>Top of book, last price or activity changed. Feeds <c>ticker</c>.</summary>
public sealed class TickerChangedEvent : EngineEvent
{
    private readonly TickerSnapshot _snapshot;
    private TickerUpdate? _public;

    internal TickerChangedEvent(DateTimeOffset time, in TickerSnapshot snapshot)
        : base(time) => _snapshot = snapshot;

    public MarketTicker Ticker => _snapshot.Ticker;

    public TickerUpdate Update => _public ??= EngineRecords.ToTickerUpdate(_snapshot, Time);

    public Money DollarVolume => Money.FromMicros(_snapshot.DollarVolumeMicros);

    public Money DollarOpenInterest => Money.FromMicros(_snapshot.OpenInterest * 10_000);
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
