using KalshiTrader.Core.Books;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Core.Exchange;

/// <summary>
/// Everything a live feed delivers, as immutable records carrying receive time (and exchange time where the
/// venue gives one). A feed writes these to a channel; ONE consumer reads them and owns all mutable state
/// (books, orders, positions), so nothing downstream needs locks.
/// </summary>
public abstract record FeedEvent
{
    public DateTimeOffset ReceivedTime { get; init; }
}

/// <summary>A full book for one market; replaces whatever the consumer held.</summary>
public sealed record BookSnapshotEvent(MarketTicker Ticker, PriceLevel[] YesBids, PriceLevel[] NoBids, long Sid, long Seq) : FeedEvent;

/// <summary>A signed size change at one bid level (prices always in the side's own terms: YES bids in YES price, NO bids in NO price).</summary>
public sealed record BookDeltaEvent(
    MarketTicker Ticker, Outcome Side, Price Price, Quantity Delta, long Sid, long Seq, DateTimeOffset? ExchangeTime,
    ClientOrderId? ClientOrderId = null) : FeedEvent;

/// <summary>
/// The feed lost sync for these markets (sequence gap, buffer overflow, reconnect, malformed frame): their books
/// must be dropped now; a snapshot has been requested and will follow.
/// </summary>
public sealed record BooksInvalidatedEvent(IReadOnlyList<MarketTicker> Tickers, string Reason) : FeedEvent;

public sealed record TradeEvent(Trade Trade) : FeedEvent;

public sealed record TickerEvent(TickerUpdate Update) : FeedEvent;

/// <summary>A market lifecycle change (created, activated, deactivated, close_date_updated, determined, settled, ...).</summary>
public sealed record LifecycleEvent(
    MarketTicker Ticker, string EventType, MarketResult? Result, Price? SettlementValue, DateTimeOffset? CloseTime,
    DateTimeOffset? ExchangeTime, string RawJson) : FeedEvent;

/// <summary>An event's fee terms changed.</summary>
public sealed record EventFeeUpdateEvent(EventTicker EventTicker, string? FeeTypeOverride, decimal? FeeMultiplierOverride) : FeedEvent;

public sealed record OrderUpdateEvent(Order Order) : FeedEvent;

public sealed record FillEvent(Fill Fill) : FeedEvent;

public sealed record PositionEvent(MarketPosition Position) : FeedEvent;

/// <summary>An order group's state changed (created, triggered, reset, deleted, limit_updated).</summary>
public sealed record OrderGroupEvent(string OrderGroupId, string EventType, Quantity? ContractsLimit) : FeedEvent;

/// <summary>The connection came up or went down. On every (re)connect the engine reconciles with the exchange.</summary>
public sealed record ConnectionEvent(bool Connected, string Reason) : FeedEvent;

/// <summary>A frame that could not be understood: counted and logged (truncated), never fatal.</summary>
public sealed record FeedErrorEvent(string Message, string RawTruncated, MarketTicker? Ticker) : FeedEvent;
