using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Rest;

/// <summary>Open/low/high/close of a quote (YES bid or YES ask) over one period.</summary>
public sealed record QuoteOhlcWire
{
    [JsonPropertyName("open_dollars")] public string? OpenDollars { get; init; }
    [JsonPropertyName("low_dollars")] public string? LowDollars { get; init; }
    [JsonPropertyName("high_dollars")] public string? HighDollars { get; init; }
    [JsonPropertyName("close_dollars")] public string? CloseDollars { get; init; }

    // Legacy cents.
    [JsonPropertyName("open")] public long? Open { get; init; }
    [JsonPropertyName("low")] public long? Low { get; init; }
    [JsonPropertyName("high")] public long? High { get; init; }
    [JsonPropertyName("close")] public long? Close { get; init; }
}

/// <summary>Trade-price statistics over one period; all absent when nothing traded.</summary>
public sealed record TradePriceWire
{
    [JsonPropertyName("open_dollars")] public string? OpenDollars { get; init; }
    [JsonPropertyName("low_dollars")] public string? LowDollars { get; init; }
    [JsonPropertyName("high_dollars")] public string? HighDollars { get; init; }
    [JsonPropertyName("close_dollars")] public string? CloseDollars { get; init; }
    [JsonPropertyName("mean_dollars")] public string? MeanDollars { get; init; }
    [JsonPropertyName("previous_dollars")] public string? PreviousDollars { get; init; }
    [JsonPropertyName("min_dollars")] public string? MinDollars { get; init; }
    [JsonPropertyName("max_dollars")] public string? MaxDollars { get; init; }

    // Legacy cents.
    [JsonPropertyName("open")] public long? Open { get; init; }
    [JsonPropertyName("low")] public long? Low { get; init; }
    [JsonPropertyName("high")] public long? High { get; init; }
    [JsonPropertyName("close")] public long? Close { get; init; }
    [JsonPropertyName("mean")] public long? Mean { get; init; }
    [JsonPropertyName("previous")] public long? Previous { get; init; }
}

/// <summary>One candle; <see cref="EndPeriodTs"/> is Unix seconds at the period's end.</summary>
public sealed record CandlestickWire
{
    [JsonPropertyName("end_period_ts")] public long EndPeriodTs { get; init; }
    [JsonPropertyName("yes_bid")] public QuoteOhlcWire? YesBid { get; init; }
    [JsonPropertyName("yes_ask")] public QuoteOhlcWire? YesAsk { get; init; }
    [JsonPropertyName("price")] public TradePriceWire? Price { get; init; }
    [JsonPropertyName("volume_fp")] public string? VolumeFp { get; init; }
    [JsonPropertyName("open_interest_fp")] public string? OpenInterestFp { get; init; }

    // Legacy integer counts.
    [JsonPropertyName("volume")] public long? Volume { get; init; }
    [JsonPropertyName("open_interest")] public long? OpenInterest { get; init; }
}

/// <summary><c>GET /series/{s}/markets/{t}/candlesticks</c> and <c>GET /historical/markets/{t}/candlesticks</c>.</summary>
public sealed record CandlesticksResponse
{
    [JsonPropertyName("ticker")] public string? Ticker { get; init; }
    [JsonPropertyName("candlesticks")] public List<CandlestickWire> Candlesticks { get; init; } = [];
}

/// <summary>One market in a batch candlestick reply.</summary>
public sealed record MarketCandlesticksWire
{
    [JsonPropertyName("market_ticker")] public string MarketTicker { get; init; } = "";
    [JsonPropertyName("candlesticks")] public List<CandlestickWire> Candlesticks { get; init; } = [];
}

/// <summary><c>GET /markets/candlesticks?market_tickers=a,b</c> (at most 100 tickers, 10,000 candles).</summary>
public sealed record BatchCandlesticksResponse
{
    [JsonPropertyName("markets")] public List<MarketCandlesticksWire> Markets { get; init; } = [];
}

/// <summary>
/// <c>GET /series/{s}/events/{e}/candlesticks</c>: parallel arrays, <c>market_candlesticks[i]</c> belongs to
/// <c>market_tickers[i]</c>; <see cref="AdjustedEndTs"/> is where a truncated reply stopped (page from there).
/// </summary>
public sealed record EventCandlesticksResponse
{
    [JsonPropertyName("market_tickers")] public List<string> MarketTickers { get; init; } = [];
    [JsonPropertyName("market_candlesticks")] public List<List<CandlestickWire>> MarketCandlesticks { get; init; } = [];
    [JsonPropertyName("adjusted_end_ts")] public long? AdjustedEndTs { get; init; }
}
