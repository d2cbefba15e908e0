using System.Text.Json;
using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Rest;

/// <summary>A settlement source of an event or series.</summary>
public sealed record SettlementSourceWire
{
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("url")] public string? Url { get; init; }
}

/// <summary>An event; <see cref="Markets"/> is present only with <c>with_nested_markets=true</c>.</summary>
public sealed record EventWire
{
    [JsonPropertyName("event_ticker")] public string EventTicker { get; init; } = "";
    [JsonPropertyName("series_ticker")] public string SeriesTicker { get; init; } = "";
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("sub_title")] public string? SubTitle { get; init; }
    [JsonPropertyName("category")] public string? Category { get; init; }
    [JsonPropertyName("mutually_exclusive")] public bool? MutuallyExclusive { get; init; }
    [JsonPropertyName("collateral_return_type")] public string? CollateralReturnType { get; init; }
    [JsonPropertyName("strike_date")] public string? StrikeDate { get; init; }
    [JsonPropertyName("strike_period")] public string? StrikePeriod { get; init; }
    [JsonPropertyName("settlement_sources")] public List<SettlementSourceWire>? SettlementSources { get; init; }
    [JsonPropertyName("fee_type_override")] public string? FeeTypeOverride { get; init; }
    [JsonPropertyName("fee_multiplier_override")] public decimal? FeeMultiplierOverride { get; init; }
    [JsonPropertyName("exchange_index")] public int? ExchangeIndex { get; init; }
    [JsonPropertyName("last_updated_ts")] public string? LastUpdatedTs { get; init; }
    [JsonPropertyName("available_on_brokers")] public bool? AvailableOnBrokers { get; init; }
    [JsonPropertyName("markets")] public List<MarketWire>? Markets { get; init; }
}

/// <summary><c>GET /events/{event_ticker}</c>. The top-level <see cref="Markets"/> is deprecated; prefer
/// <c>event.markets</c> (the mapper falls back to the top level when the nested list is absent).</summary>
public sealed record EventResponse
{
    [JsonPropertyName("event")] public EventWire Event { get; init; } = new();
    [JsonPropertyName("markets")] public List<MarketWire>? Markets { get; init; }
}

/// <summary><c>GET /events</c> and <c>GET /events/multivariate</c>: one page.</summary>
public sealed record EventsResponse
{
    [JsonPropertyName("events")] public List<EventWire> Events { get; init; } = [];
    [JsonPropertyName("milestones")] public JsonElement? Milestones { get; init; }
    [JsonPropertyName("cursor")] public string? Cursor { get; init; }
}

/// <summary>A series (<c>GET /series/{ticker}</c>, <c>GET /series</c>).</summary>
public sealed record SeriesWire
{
    [JsonPropertyName("ticker")] public string Ticker { get; init; } = "";
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("category")] public string? Category { get; init; }
    [JsonPropertyName("categories")] public List<string>? Categories { get; init; }
    [JsonPropertyName("tags")] public List<string>? Tags { get; init; }
    [JsonPropertyName("frequency")] public string? Frequency { get; init; }
    [JsonPropertyName("fee_type")] public string? FeeType { get; init; }
    [JsonPropertyName("fee_multiplier")] public decimal? FeeMultiplier { get; init; }
    [JsonPropertyName("settlement_sources")] public List<SettlementSourceWire>? SettlementSources { get; init; }
    [JsonPropertyName("contract_url")] public string? ContractUrl { get; init; }
    [JsonPropertyName("contract_terms_url")] public string? ContractTermsUrl { get; init; }
    [JsonPropertyName("additional_prohibitions")] public List<string>? AdditionalProhibitions { get; init; }
    [JsonPropertyName("volume_fp")] public string? VolumeFp { get; init; }
}

/// <summary><c>GET /series/{series_ticker}</c>.</summary>
public sealed record SeriesResponse
{
    [JsonPropertyName("series")] public SeriesWire Series { get; init; } = new();
}

/// <summary><c>GET /series</c>.</summary>
public sealed record SeriesListResponse
{
    [JsonPropertyName("series")] public List<SeriesWire> Series { get; init; } = [];
    [JsonPropertyName("cursor")] public string? Cursor { get; init; }
}
