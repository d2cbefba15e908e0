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

/// <summary>Something the engine did, stamped with exchange time.</summary>
public abstract record EngineEvent(DateTimeOffset Time);

/// <summary>An order was created or changed (fill, cancel, amend, decrease, expiry...). Feeds <c>user_orders</c>.</summary>
public sealed record OrderChangedEvent(DateTimeOffset Time, AccountId Account, Order Order) : EngineEvent(Time);

/// <summary>One side of a trade, as the account sees it. Feeds <c>fill</c>.</summary>
public sealed record FillExecutedEvent(DateTimeOffset Time, AccountId Account, Fill Fill) : EngineEvent(Time);

/// <summary>A public trade print. Feeds <c>trade</c>.</summary>
public sealed record TradeExecutedEvent(DateTimeOffset Time, Trade Trade) : EngineEvent(Time);

/// <summary>
/// A signed size change at one bid level, in the side's own price (YES bids in YES price, NO bids in NO price).
/// <see cref="Owner"/>/<see cref="ClientOrderId"/> name the order that caused it, so the server can add
/// <c>client_order_id</c> to the owner's copy of the delta only. Feeds <c>orderbook_delta</c>.
/// </summary>
public sealed record BookChangedEvent(
    DateTimeOffset Time, MarketTicker Ticker, Outcome Side, Price Price, Quantity Delta, AccountId? Owner, ClientOrderId? ClientOrderId)
    : EngineEvent(Time);

/// <summary>An account's position in a market changed. Feeds <c>market_positions</c>.</summary>
public sealed record PositionChangedEvent(DateTimeOffset Time, AccountId Account, MarketPosition Position, Quantity Volume) : EngineEvent(Time);

/// <summary>Top of book, last price or activity changed. Feeds <c>ticker</c>.</summary>
public sealed record TickerChangedEvent(DateTimeOffset Time, TickerUpdate Update, Money DollarVolume, Money DollarOpenInterest) : EngineEvent(Time);

/// <summary>
/// A market lifecycle step: created, activated, deactivated, close_date_updated, determined, settled.
/// Feeds <c>market_lifecycle_v2</c>.
/// </summary>
public sealed record MarketLifecycleEvent(DateTimeOffset Time, string EventType, Market Market) : EngineEvent(Time);

/// <summary>A new event was added (the <c>event_lifecycle</c> message of <c>market_lifecycle_v2</c>).</summary>
public sealed record EventCreatedEvent(DateTimeOffset Time, Event Event) : EngineEvent(Time);

/// <summary>An order group changed: created, triggered, reset, deleted, limit_updated. Feeds <c>order_group_updates</c>.</summary>
public sealed record OrderGroupChangedEvent(DateTimeOffset Time, AccountId Account, string OrderGroupId, string EventType, Quantity? ContractsLimit)
    : EngineEvent(Time);

/// <summary>A market paid out to an account.</summary>
public sealed record SettlementEvent(DateTimeOffset Time, AccountId Account, Settlement Settlement) : EngineEvent(Time);
