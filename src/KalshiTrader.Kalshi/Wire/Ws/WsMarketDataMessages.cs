using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Ws;

/// <summary>
/// Body of <c>orderbook_snapshot</c>: bids only, as <c>[price_dollars, count_fp]</c> pairs ascending. A side with no
/// bids has its key omitted. NO levels are in NO prices unless the subscription asked for <c>use_yes_price</c>.
/// </summary>
public sealed record WsOrderbookSnapshot
{
    [JsonPropertyName("market_ticker")] public required string MarketTicker { get; init; }
    [JsonPropertyName("market_id")] public string? MarketId { get; init; }
    [JsonPropertyName("yes_dollars_fp")] public IReadOnlyList<IReadOnlyList<string>>? YesDollarsFp { get; init; }
    [JsonPropertyName("no_dollars_fp")] public IReadOnlyList<IReadOnlyList<string>>? NoDollarsFp { get; init; }

    /// <summary>Legacy (pre-2026-03): <c>[[cents, count]]</c>. Read only when the <c>_dollars_fp</c> key is absent.</summary>
    [JsonPropertyName("yes")] public IReadOnlyList<IReadOnlyList<long>>? Yes { get; init; }

    /// <summary>Legacy (pre-2026-03): <c>[[cents, count]]</c>.</summary>
    [JsonPropertyName("no")] public IReadOnlyList<IReadOnlyList<long>>? No { get; init; }
}

/// <summary>Body of <c>orderbook_delta</c>: a signed size change at one bid level.</summary>
public sealed record WsOrderbookDelta
{
    [JsonPropertyName("market_ticker")] public required string MarketTicker { get; init; }
    [JsonPropertyName("market_id")] public string? MarketId { get; init; }
    [JsonPropertyName("price_dollars")] public string? PriceDollars { get; init; }

    /// <summary>Signed, e.g. "-54.00".</summary>
    [JsonPropertyName("delta_fp")] public string? DeltaFp { get; init; }

    /// <summary>"yes" or "no".</summary>
    [JsonPropertyName("side")] public required string Side { get; init; }

    /// <summary>Present only when our own order caused the change.</summary>
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
    [JsonPropertyName("subaccount")] public int? Subaccount { get; init; }
    [JsonPropertyName("ts_ms")] public long? TsMs { get; init; }

    /// <summary>Deprecated RFC3339 time.</summary>
    [JsonPropertyName("ts")] public string? Ts { get; init; }

    /// <summary>Legacy integer cents.</summary>
    [JsonPropertyName("price")] public long? Price { get; init; }

    /// <summary>Legacy integer count.</summary>
    [JsonPropertyName("delta")] public long? Delta { get; init; }
}

/// <summary>Body of <c>ticker</c> (not sequenced).</summary>
public sealed record WsTicker
{
    [JsonPropertyName("market_ticker")] public required string MarketTicker { get; init; }
    [JsonPropertyName("market_id")] public string? MarketId { get; init; }

    /// <summary>Last traded price.</summary>
    [JsonPropertyName("price_dollars")] public string? PriceDollars { get; init; }
    [JsonPropertyName("yes_bid_dollars")] public string? YesBidDollars { get; init; }
    [JsonPropertyName("yes_ask_dollars")] public string? YesAskDollars { get; init; }
    [JsonPropertyName("yes_bid_size_fp")] public string? YesBidSizeFp { get; init; }
    [JsonPropertyName("yes_ask_size_fp")] public string? YesAskSizeFp { get; init; }
    [JsonPropertyName("last_trade_size_fp")] public string? LastTradeSizeFp { get; init; }
    [JsonPropertyName("volume_fp")] public string? VolumeFp { get; init; }
    [JsonPropertyName("open_interest_fp")] public string? OpenInterestFp { get; init; }

    /// <summary>Signed whole dollars.</summary>
    [JsonPropertyName("dollar_volume")] public long? DollarVolume { get; init; }
    [JsonPropertyName("dollar_open_interest")] public long? DollarOpenInterest { get; init; }

    /// <summary>Deprecated Unix seconds.</summary>
    [JsonPropertyName("ts")] public long? Ts { get; init; }
    [JsonPropertyName("ts_ms")] public long? TsMs { get; init; }

    /// <summary>Deprecated RFC3339 time.</summary>
    [JsonPropertyName("time")] public string? Time { get; init; }

    [JsonPropertyName("price")] public long? Price { get; init; }
    [JsonPropertyName("yes_bid")] public long? YesBid { get; init; }
    [JsonPropertyName("yes_ask")] public long? YesAsk { get; init; }
    [JsonPropertyName("volume")] public long? Volume { get; init; }
    [JsonPropertyName("open_interest")] public long? OpenInterest { get; init; }
}

/// <summary>Body of <c>trade</c> (sequenced).</summary>
public sealed record WsTrade
{
    [JsonPropertyName("trade_id")] public required string TradeId { get; init; }
    [JsonPropertyName("market_ticker")] public required string MarketTicker { get; init; }
    [JsonPropertyName("yes_price_dollars")] public string? YesPriceDollars { get; init; }
    [JsonPropertyName("no_price_dollars")] public string? NoPriceDollars { get; init; }
    [JsonPropertyName("count_fp")] public string? CountFp { get; init; }

    /// <summary>"yes" or "no": the outcome the taker bought.</summary>
    [JsonPropertyName("taker_outcome_side")] public string? TakerOutcomeSide { get; init; }

    /// <summary>"bid" or "ask".</summary>
    [JsonPropertyName("taker_book_side")] public string? TakerBookSide { get; init; }

    /// <summary>Deprecated; same bit as <see cref="TakerOutcomeSide"/>.</summary>
    [JsonPropertyName("taker_side")] public string? TakerSide { get; init; }
    [JsonPropertyName("is_block_trade")] public bool? IsBlockTrade { get; init; }
    [JsonPropertyName("ts")] public long? Ts { get; init; }
    [JsonPropertyName("ts_ms")] public long? TsMs { get; init; }

    [JsonPropertyName("yes_price")] public long? YesPrice { get; init; }
    [JsonPropertyName("no_price")] public long? NoPrice { get; init; }
    [JsonPropertyName("count")] public long? Count { get; init; }
}
