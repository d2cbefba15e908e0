using System.Text.Json;
using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Ws;

/// <summary>Body of <c>market_lifecycle_v2</c> (sequenced). Which optional keys appear depends on <see cref="EventType"/>.</summary>
public sealed record WsMarketLifecycle
{
    [JsonPropertyName("market_ticker")] public required string MarketTicker { get; init; }

    /// <summary>created | activated | deactivated | close_date_updated | determined | settled | price_level_structure_updated | metadata_updated.</summary>
    [JsonPropertyName("event_type")] public required string EventType { get; init; }
    [JsonPropertyName("exchange_index")] public int? ExchangeIndex { get; init; }

    /// <summary>Unix seconds.</summary>
    [JsonPropertyName("open_ts")] public long? OpenTs { get; init; }
    [JsonPropertyName("close_ts")] public long? CloseTs { get; init; }
    [JsonPropertyName("determination_ts")] public long? DeterminationTs { get; init; }
    [JsonPropertyName("settled_ts")] public long? SettledTs { get; init; }

    /// <summary>yes | no | scalar.</summary>
    [JsonPropertyName("result")] public string? Result { get; init; }

    /// <summary>Fixed-point dollars, e.g. "0.5000".</summary>
    [JsonPropertyName("settlement_value")] public string? SettlementValue { get; init; }
    [JsonPropertyName("is_deactivated")] public bool? IsDeactivated { get; init; }
    [JsonPropertyName("additional_metadata")] public WsLifecycleMetadata? AdditionalMetadata { get; init; }
    [JsonPropertyName("price_level_structure")] public string? PriceLevelStructure { get; init; }
    [JsonPropertyName("price_ranges")] public IReadOnlyList<WsPriceRange>? PriceRanges { get; init; }

    // metadata_updated carries these at the top level.
    [JsonPropertyName("strike_type")] public string? StrikeType { get; init; }
    [JsonPropertyName("floor_strike")] public decimal? FloorStrike { get; init; }
    [JsonPropertyName("cap_strike")] public decimal? CapStrike { get; init; }
    [JsonPropertyName("custom_strike")] public JsonElement? CustomStrike { get; init; }
    [JsonPropertyName("yes_sub_title")] public string? YesSubTitle { get; init; }
}

/// <summary>A valid price band: ticks of <see cref="Step"/> from <see cref="Start"/> to <see cref="End"/>, all dollar strings.</summary>
public sealed record WsPriceRange
{
    [JsonPropertyName("start")] public required string Start { get; init; }
    [JsonPropertyName("end")] public required string End { get; init; }
    [JsonPropertyName("step")] public required string Step { get; init; }
}

/// <summary>Market details sent with a <c>created</c> lifecycle message.</summary>
public sealed record WsLifecycleMetadata
{
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("yes_sub_title")] public string? YesSubTitle { get; init; }
    [JsonPropertyName("no_sub_title")] public string? NoSubTitle { get; init; }
    [JsonPropertyName("rules_primary")] public string? RulesPrimary { get; init; }
    [JsonPropertyName("rules_secondary")] public string? RulesSecondary { get; init; }
    [JsonPropertyName("can_close_early")] public bool? CanCloseEarly { get; init; }
    [JsonPropertyName("event_ticker")] public string? EventTicker { get; init; }
    [JsonPropertyName("expected_expiration_ts")] public long? ExpectedExpirationTs { get; init; }
    [JsonPropertyName("strike_type")] public string? StrikeType { get; init; }
    [JsonPropertyName("floor_strike")] public decimal? FloorStrike { get; init; }
    [JsonPropertyName("cap_strike")] public decimal? CapStrike { get; init; }
    [JsonPropertyName("custom_strike")] public JsonElement? CustomStrike { get; init; }
}

/// <summary>Body of <c>event_lifecycle</c> (on channel market_lifecycle_v2; sequenced): an event was created.</summary>
public sealed record WsEventLifecycle
{
    [JsonPropertyName("event_ticker")] public required string EventTicker { get; init; }
    [JsonPropertyName("series_ticker")] public string? SeriesTicker { get; init; }
    [JsonPropertyName("exchange_index")] public int? ExchangeIndex { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("subtitle")] public string? Subtitle { get; init; }

    /// <summary>MECNET | DIRECNET | "".</summary>
    [JsonPropertyName("collateral_return_type")] public string? CollateralReturnType { get; init; }

    /// <summary>Unix seconds.</summary>
    [JsonPropertyName("strike_date")] public long? StrikeDate { get; init; }
    [JsonPropertyName("strike_period")] public string? StrikePeriod { get; init; }
}

/// <summary>Body of <c>event_fee_update</c> (on channel market_lifecycle_v2; sequenced). Both overrides are written as null when cleared.</summary>
public sealed record WsEventFeeUpdate
{
    [JsonPropertyName("event_ticker")] public required string EventTicker { get; init; }

    /// <summary>quadratic | quadratic_with_maker_fees | quadratic_with_combo_maker_fees | flat | ...; null = cleared.</summary>
    [JsonPropertyName("fee_type_override")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? FeeTypeOverride { get; init; }

    /// <summary>A JSON number; null = cleared.</summary>
    [JsonPropertyName("fee_multiplier_override")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public decimal? FeeMultiplierOverride { get; init; }
}
