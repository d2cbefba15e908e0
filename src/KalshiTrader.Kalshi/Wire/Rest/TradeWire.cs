using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Rest;

/// <summary>A public trade (<c>GET /markets/trades</c>, <c>GET /historical/trades</c>).</summary>
public sealed record TradeWire
{
    [JsonPropertyName("trade_id")] public string TradeId { get; init; } = "";
    [JsonPropertyName("ticker")] public string Ticker { get; init; } = "";
    [JsonPropertyName("count_fp")] public string? CountFp { get; init; }
    [JsonPropertyName("yes_price_dollars")] public string? YesPriceDollars { get; init; }
    [JsonPropertyName("no_price_dollars")] public string? NoPriceDollars { get; init; }
    /// <summary><c>yes</c> or <c>no</c>.</summary>
    [JsonPropertyName("taker_outcome_side")] public string? TakerOutcomeSide { get; init; }
    /// <summary><c>bid</c> or <c>ask</c>.</summary>
    [JsonPropertyName("taker_book_side")] public string? TakerBookSide { get; init; }
    /// <summary>Deprecated twin of <see cref="TakerOutcomeSide"/>.</summary>
    [JsonPropertyName("taker_side")] public string? TakerSide { get; init; }
    [JsonPropertyName("created_time")] public string? CreatedTime { get; init; }
    [JsonPropertyName("is_block_trade")] public bool? IsBlockTrade { get; init; }

    // Legacy integer forms.
    [JsonPropertyName("count")] public long? Count { get; init; }
    [JsonPropertyName("yes_price")] public long? YesPrice { get; init; }
    [JsonPropertyName("no_price")] public long? NoPrice { get; init; }
}

/// <summary>One page of trades.</summary>
public sealed record TradesResponse
{
    [JsonPropertyName("trades")] public List<TradeWire> Trades { get; init; } = [];
    [JsonPropertyName("cursor")] public string? Cursor { get; init; }
}
