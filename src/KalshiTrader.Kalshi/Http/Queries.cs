using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Kalshi.Http;

/// <summary>Whether listings include multivariate (combo) markets.</summary>
public enum MveFilter
{
    /// <summary>Send no filter (Kalshi's default: everything).</summary>
    Any,

    /// <summary>Only multivariate markets.</summary>
    Only,

    /// <summary>No multivariate markets.</summary>
    Exclude,
}

/// <summary>
/// Filters for <c>GET /markets</c>. Time filters are mutually exclusive on Kalshi's side and pair with matching
/// statuses (created with unopened/open, close with closed, settled with settled, updated only with MVE excluded).
/// </summary>
public sealed record MarketQuery
{
    /// <summary>unopened, open, paused, closed or settled.</summary>
    public string? Status { get; init; }
    public EventTicker? EventTicker { get; init; }
    public SeriesTicker? SeriesTicker { get; init; }
    public IReadOnlyList<MarketTicker>? Tickers { get; init; }
    /// <summary>Multivariate combo markets are excluded unless asked for.</summary>
    public MveFilter Mve { get; init; } = MveFilter.Exclude;
    public DateTimeOffset? MinCreated { get; init; }
    public DateTimeOffset? MaxCreated { get; init; }
    public DateTimeOffset? MinClose { get; init; }
    public DateTimeOffset? MaxClose { get; init; }
    public DateTimeOffset? MinSettled { get; init; }
    public DateTimeOffset? MaxSettled { get; init; }
    public DateTimeOffset? MinUpdated { get; init; }
    /// <summary>Stop after this many markets (null = all pages).</summary>
    public int? Limit { get; init; }
}

/// <summary>Filters for <c>GET /events</c> (which never lists multivariate events; see GetMultivariateEventsAsync).</summary>
public sealed record EventQuery
{
    /// <summary>unopened, open, closed or settled.</summary>
    public string? Status { get; init; }
    public SeriesTicker? SeriesTicker { get; init; }
    public IReadOnlyList<EventTicker>? Tickers { get; init; }
    public bool WithNestedMarkets { get; init; }
    public bool WithMilestones { get; init; }
    public DateTimeOffset? MinClose { get; init; }
    public DateTimeOffset? MinUpdated { get; init; }
    public int? Limit { get; init; }
}

/// <summary>Filters for <c>GET /markets/trades</c> and <c>GET /historical/trades</c>.</summary>
public sealed record TradeQuery
{
    public MarketTicker? Ticker { get; init; }
    public DateTimeOffset? Min { get; init; }
    public DateTimeOffset? Max { get; init; }
    public bool? IsBlockTrade { get; init; }
    public int? Limit { get; init; }
}

/// <summary>Candle window and interval (1, 60 or 1440 minutes).</summary>
public sealed record CandleQuery(DateTimeOffset Start, DateTimeOffset End, int PeriodMinutes = 60)
{
    public bool IncludeLatestBeforeStart { get; init; }
}

/// <summary>Filters for <c>GET /portfolio/orders</c>.</summary>
public sealed record OrderListQuery
{
    public MarketTicker? Ticker { get; init; }
    /// <summary>Up to 10 events.</summary>
    public IReadOnlyList<EventTicker>? EventTickers { get; init; }
    public OrderStatus? Status { get; init; }
    public DateTimeOffset? Min { get; init; }
    public DateTimeOffset? Max { get; init; }
    public int? Subaccount { get; init; }
    public int? Limit { get; init; }
}

/// <summary>Filters for <c>GET /portfolio/fills</c>.</summary>
public sealed record FillQuery
{
    public MarketTicker? Ticker { get; init; }
    public OrderId? OrderId { get; init; }
    public DateTimeOffset? Min { get; init; }
    public DateTimeOffset? Max { get; init; }
    public int? Subaccount { get; init; }
    public int? Limit { get; init; }
}

/// <summary>Filters for <c>GET /portfolio/positions</c>.</summary>
public sealed record PositionQuery
{
    public MarketTicker? Ticker { get; init; }
    public EventTicker? EventTicker { get; init; }
    /// <summary>Comma list of <c>position</c>, <c>total_traded</c>: keep only rows where these are non-zero.</summary>
    public string? CountFilter { get; init; }
    public int? Subaccount { get; init; }
}

/// <summary>Filters for <c>GET /portfolio/settlements</c>.</summary>
public sealed record SettlementQuery
{
    public MarketTicker? Ticker { get; init; }
    public EventTicker? EventTicker { get; init; }
    public DateTimeOffset? Min { get; init; }
    public DateTimeOffset? Max { get; init; }
    public int? Subaccount { get; init; }
    public int? Limit { get; init; }
}
