using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Ws;

/// <summary>Body of <c>subscribed</c>: one per channel of a subscribe command.</summary>
public sealed record WsSubscribed
{
    [JsonPropertyName("channel")] public required string Channel { get; init; }
    [JsonPropertyName("sid")] public long Sid { get; init; }
}

/// <summary>Body of <c>ok</c> answering <c>update_subscription</c>: the subscription's full market list afterwards.</summary>
public sealed record WsOk
{
    [JsonPropertyName("market_tickers")] public IReadOnlyList<string>? MarketTickers { get; init; }
    [JsonPropertyName("market_ids")] public IReadOnlyList<string>? MarketIds { get; init; }
}

/// <summary>One element of the <c>ok</c> body answering <c>list_subscriptions</c> (the body is an array of these).</summary>
public sealed record WsSubscriptionInfo
{
    [JsonPropertyName("channel")] public required string Channel { get; init; }
    [JsonPropertyName("sid")] public long Sid { get; init; }
}

/// <summary>Body of <c>error</c>. <see cref="WsErrorCodes"/> lists the codes.</summary>
public sealed record WsError
{
    [JsonPropertyName("code")] public int Code { get; init; }
    [JsonPropertyName("msg")] public string? Msg { get; init; }
    [JsonPropertyName("market_ticker")] public string? MarketTicker { get; init; }
    [JsonPropertyName("market_tickers")] public IReadOnlyList<string>? MarketTickers { get; init; }
}
