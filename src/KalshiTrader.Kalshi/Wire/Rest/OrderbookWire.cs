using System.Text.Json;
using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Rest;

/// <summary>
/// The current order book form: YES bids and NO bids (each in its own outcome's price) as
/// <c>[price_dollars, size_fp]</c> string pairs, ascending, best bid last. A side may be missing or empty.
/// </summary>
public sealed record OrderbookFpWire
{
    [JsonPropertyName("yes_dollars")] public List<List<string>>? YesDollars { get; init; }
    [JsonPropertyName("no_dollars")] public List<List<string>>? NoDollars { get; init; }
}

/// <summary>
/// The legacy <c>orderbook</c> form (removed in 2026): <c>yes</c>/<c>no</c> as <c>[cents, count]</c> integer
/// pairs, sometimes with <c>yes_dollars</c>/<c>no_dollars</c> as <c>["0.42", count]</c>. Elements are kept
/// raw because their JSON types varied.
/// </summary>
public sealed record LegacyOrderbookWire
{
    [JsonPropertyName("yes")] public List<List<JsonElement>>? Yes { get; init; }
    [JsonPropertyName("no")] public List<List<JsonElement>>? No { get; init; }
    [JsonPropertyName("yes_dollars")] public List<List<JsonElement>>? YesDollars { get; init; }
    [JsonPropertyName("no_dollars")] public List<List<JsonElement>>? NoDollars { get; init; }
}

/// <summary><c>GET /markets/{ticker}/orderbook</c>; <see cref="OrderbookFp"/> is preferred when both are present.</summary>
public sealed record OrderbookResponse
{
    [JsonPropertyName("orderbook_fp")] public OrderbookFpWire? OrderbookFp { get; init; }
    [JsonPropertyName("orderbook")] public LegacyOrderbookWire? Orderbook { get; init; }
}

/// <summary>One market's book in <c>GET /markets/orderbooks</c>.</summary>
public sealed record TickerOrderbookWire
{
    [JsonPropertyName("ticker")] public string Ticker { get; init; } = "";
    [JsonPropertyName("orderbook_fp")] public OrderbookFpWire? OrderbookFp { get; init; }
    [JsonPropertyName("orderbook")] public LegacyOrderbookWire? Orderbook { get; init; }
}

/// <summary><c>GET /markets/orderbooks?tickers=a,b</c> (at most 100 tickers).</summary>
public sealed record BatchOrderbooksResponse
{
    [JsonPropertyName("orderbooks")] public List<TickerOrderbookWire> Orderbooks { get; init; } = [];
}
