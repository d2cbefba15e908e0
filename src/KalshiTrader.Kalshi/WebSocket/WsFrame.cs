using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Kalshi.WebSocket;

/// <summary>What a server frame is, by its <c>type</c>.</summary>
public enum WsFrameType
{
    /// <summary>A type this client does not handle (RFQ, index feeds, ...): ignored.</summary>
    Unknown,

    /// <summary>Not valid JSON or not an object with a <c>type</c>.</summary>
    Malformed,
    Subscribed,
    Unsubscribed,
    Ok,
    Error,
    OrderbookSnapshot,
    OrderbookDelta,
    Ticker,
    Trade,
    Fill,
    MarketPosition,
    UserOrder,
    MarketLifecycle,
    EventLifecycle,
    EventFeeUpdate,
    OrderGroupUpdates,
}

/// <summary>A (channel, sid) pair from <c>subscribed</c> or <c>list_subscriptions</c>.</summary>
public readonly record struct WsSubscriptionRef(string Channel, long Sid);

/// <summary>
/// One parsed server frame: the envelope, and either the domain event it carries, a control reply, or why it
/// could not be understood (<see cref="ParseError"/>, with the market when the frame names one).
/// </summary>
public readonly struct WsFrame
{
    public WsFrameType Type { get; init; }

    /// <summary>The raw <c>type</c> text when <see cref="Type"/> is <see cref="WsFrameType.Unknown"/>.</summary>
    public string? UnknownTypeName { get; init; }
    public long? Id { get; init; }
    public long? Sid { get; init; }
    public long? Seq { get; init; }

    /// <summary>The domain event of a data frame; null for control frames and frames that failed to parse.</summary>
    public FeedEvent? Event { get; init; }

    /// <summary>Why the frame (or its body) was rejected; null when it parsed.</summary>
    public string? ParseError { get; init; }

    /// <summary>The market a frame names (also set when its body failed to parse, so that market can be re-snapshotted).</summary>
    public MarketTicker? Ticker { get; init; }

    /// <summary><c>subscribed</c>: the new subscription.</summary>
    public WsSubscriptionRef? Subscribed { get; init; }

    /// <summary><c>ok</c> answering <c>update_subscription</c>: the full market list afterwards.</summary>
    public IReadOnlyList<string>? MarketTickers { get; init; }

    /// <summary><c>ok</c> answering <c>list_subscriptions</c>.</summary>
    public IReadOnlyList<WsSubscriptionRef>? Subscriptions { get; init; }

    /// <summary><c>error</c>: Kalshi's code (<see cref="Wire.Ws.WsErrorCodes"/>) and text.</summary>
    public int? ErrorCode { get; init; }
    public string? ErrorMessage { get; init; }

    public bool IsMalformed => ParseError is not null;
}
