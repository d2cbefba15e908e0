using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Exchange;

/// <summary>An event was created (Kalshi's <c>event_lifecycle</c>): its markets follow as market lifecycle messages.</summary>
public sealed record EventLifecycleEvent(
    EventTicker EventTicker, SeriesTicker? SeriesTicker, string? Title, string? Subtitle, string? CollateralReturnType,
    DateTimeOffset? StrikeDate, string? StrikePeriod) : FeedEvent;
