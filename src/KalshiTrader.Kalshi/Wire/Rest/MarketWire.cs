using System.Text.Json;
using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Rest;

/// <summary>One step band of a market's price grid; all three are dollar strings.</summary>
public sealed record PriceRangeWire
{
    [JsonPropertyName("start")] public string Start { get; init; } = "";
    [JsonPropertyName("end")] public string End { get; init; } = "";
    [JsonPropertyName("step")] public string Step { get; init; } = "";
}

/// <summary>
/// A market as <c>GET /markets</c>, <c>GET /markets/{ticker}</c> and nested events return it. Dollar and
/// <c>_fp</c> fields stay strings (parsed once by <see cref="Parsing.WireMapper"/>); the integer-cent fields at
/// the end are the pre-2026-03 form, read only when the <c>_dollars</c>/<c>_fp</c> twin is absent.
/// Times are RFC3339 strings as sent.
/// </summary>
public sealed record MarketWire
{
    [JsonPropertyName("ticker")] public string Ticker { get; init; } = "";
    [JsonPropertyName("event_ticker")] public string EventTicker { get; init; } = "";
    [JsonPropertyName("market_type")] public string? MarketType { get; init; }
    [JsonPropertyName("title")] public string? Title { get; init; }
    [JsonPropertyName("subtitle")] public string? Subtitle { get; init; }
    [JsonPropertyName("yes_sub_title")] public string? YesSubTitle { get; init; }
    [JsonPropertyName("no_sub_title")] public string? NoSubTitle { get; init; }
    [JsonPropertyName("rules_primary")] public string? RulesPrimary { get; init; }
    [JsonPropertyName("rules_secondary")] public string? RulesSecondary { get; init; }

    [JsonPropertyName("created_time")] public string? CreatedTime { get; init; }
    [JsonPropertyName("updated_time")] public string? UpdatedTime { get; init; }
    [JsonPropertyName("open_time")] public string? OpenTime { get; init; }
    [JsonPropertyName("close_time")] public string? CloseTime { get; init; }
    [JsonPropertyName("expiration_time")] public string? ExpirationTime { get; init; }
    [JsonPropertyName("expected_expiration_time")] public string? ExpectedExpirationTime { get; init; }
    [JsonPropertyName("latest_expiration_time")] public string? LatestExpirationTime { get; init; }
    [JsonPropertyName("settlement_timer_seconds")] public int? SettlementTimerSeconds { get; init; }
    [JsonPropertyName("occurrence_datetime")] public string? OccurrenceDatetime { get; init; }
    [JsonPropertyName("fee_waiver_expiration_time")] public string? FeeWaiverExpirationTime { get; init; }

    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("result")] public string? Result { get; init; }
    [JsonPropertyName("settlement_value_dollars")] public string? SettlementValueDollars { get; init; }
    [JsonPropertyName("settlement_ts")] public string? SettlementTs { get; init; }
    [JsonPropertyName("expiration_value")] public string? ExpirationValue { get; init; }
    [JsonPropertyName("can_close_early")] public bool? CanCloseEarly { get; init; }
    [JsonPropertyName("early_close_condition")] public string? EarlyCloseCondition { get; init; }
    [JsonPropertyName("is_provisional")] public bool? IsProvisional { get; init; }

    [JsonPropertyName("strike_type")] public string? StrikeType { get; init; }
    [JsonPropertyName("floor_strike")] public decimal? FloorStrike { get; init; }
    [JsonPropertyName("cap_strike")] public decimal? CapStrike { get; init; }
    [JsonPropertyName("functional_strike")] public string? FunctionalStrike { get; init; }
    /// <summary>Free-form object, e.g. <c>{"Pres candidate":"Gavin Newsom"}</c>.</summary>
    [JsonPropertyName("custom_strike")] public JsonElement? CustomStrike { get; init; }

    [JsonPropertyName("price_level_structure")] public string? PriceLevelStructure { get; init; }
    [JsonPropertyName("price_ranges")] public List<PriceRangeWire>? PriceRanges { get; init; }

    [JsonPropertyName("yes_bid_dollars")] public string? YesBidDollars { get; init; }
    [JsonPropertyName("yes_ask_dollars")] public string? YesAskDollars { get; init; }
    [JsonPropertyName("no_bid_dollars")] public string? NoBidDollars { get; init; }
    [JsonPropertyName("no_ask_dollars")] public string? NoAskDollars { get; init; }
    [JsonPropertyName("yes_bid_size_fp")] public string? YesBidSizeFp { get; init; }
    [JsonPropertyName("yes_ask_size_fp")] public string? YesAskSizeFp { get; init; }
    [JsonPropertyName("last_price_dollars")] public string? LastPriceDollars { get; init; }
    [JsonPropertyName("previous_price_dollars")] public string? PreviousPriceDollars { get; init; }
    [JsonPropertyName("previous_yes_bid_dollars")] public string? PreviousYesBidDollars { get; init; }
    [JsonPropertyName("previous_yes_ask_dollars")] public string? PreviousYesAskDollars { get; init; }
    [JsonPropertyName("volume_fp")] public string? VolumeFp { get; init; }
    [JsonPropertyName("volume_24h_fp")] public string? Volume24hFp { get; init; }
    [JsonPropertyName("open_interest_fp")] public string? OpenInterestFp { get; init; }
    [JsonPropertyName("notional_value_dollars")] public string? NotionalValueDollars { get; init; }
    [JsonPropertyName("liquidity_dollars")] public string? LiquidityDollars { get; init; }

    [JsonPropertyName("mve_collection_ticker")] public string? MveCollectionTicker { get; init; }
    [JsonPropertyName("mve_selected_legs")] public JsonElement? MveSelectedLegs { get; init; }
    [JsonPropertyName("exchange_index")] public int? ExchangeIndex { get; init; }

    // Legacy integer-cent and integer-count fields (removed from responses 2026-03-12).
    [JsonPropertyName("yes_bid")] public long? YesBid { get; init; }
    [JsonPropertyName("yes_ask")] public long? YesAsk { get; init; }
    [JsonPropertyName("no_bid")] public long? NoBid { get; init; }
    [JsonPropertyName("no_ask")] public long? NoAsk { get; init; }
    [JsonPropertyName("last_price")] public long? LastPrice { get; init; }
    [JsonPropertyName("previous_price")] public long? PreviousPrice { get; init; }
    [JsonPropertyName("previous_yes_bid")] public long? PreviousYesBid { get; init; }
    [JsonPropertyName("previous_yes_ask")] public long? PreviousYesAsk { get; init; }
    [JsonPropertyName("volume")] public long? Volume { get; init; }
    [JsonPropertyName("volume_24h")] public long? Volume24h { get; init; }
    [JsonPropertyName("open_interest")] public long? OpenInterest { get; init; }
    [JsonPropertyName("notional_value")] public long? NotionalValue { get; init; }
    [JsonPropertyName("settlement_value")] public long? SettlementValue { get; init; }
    [JsonPropertyName("tick_size")] public long? TickSize { get; init; }
}

/// <summary><c>GET /markets/{ticker}</c> and <c>GET /historical/markets/{ticker}</c>.</summary>
public sealed record MarketResponse
{
    [JsonPropertyName("market")] public MarketWire Market { get; init; } = new();
}

/// <summary><c>GET /markets</c> and <c>GET /historical/markets</c>: one page.</summary>
public sealed record MarketsResponse
{
    [JsonPropertyName("markets")] public List<MarketWire> Markets { get; init; } = [];
    [JsonPropertyName("cursor")] public string? Cursor { get; init; }
}
