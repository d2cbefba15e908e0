using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Ws;

/// <summary>A client → server command: <c>{"id":n,"cmd":"subscribe","params":{...}}</c>. Ids are unique per connection; 0 means none.</summary>
public sealed record WsCommand
{
    [JsonPropertyName("id")] public long Id { get; init; }
    [JsonPropertyName("cmd")] public required string Cmd { get; init; }
    [JsonPropertyName("params")] public WsCommandParams? Params { get; init; }
}

/// <summary>Parameters of every command; unused ones are omitted on the wire.</summary>
public sealed record WsCommandParams
{
    [JsonPropertyName("channels")] public IReadOnlyList<string>? Channels { get; init; }
    [JsonPropertyName("market_ticker")] public string? MarketTicker { get; init; }
    [JsonPropertyName("market_tickers")] public IReadOnlyList<string>? MarketTickers { get; init; }
    [JsonPropertyName("market_id")] public string? MarketId { get; init; }
    [JsonPropertyName("market_ids")] public IReadOnlyList<string>? MarketIds { get; init; }
    [JsonPropertyName("send_initial_snapshot")] public bool? SendInitialSnapshot { get; init; }
    [JsonPropertyName("skip_ticker_ack")] public bool? SkipTickerAck { get; init; }

    /// <summary>When true, NO-side book levels arrive in YES prices (1 − NO price).</summary>
    [JsonPropertyName("use_yes_price")] public bool? UseYesPrice { get; init; }
    [JsonPropertyName("sid")] public long? Sid { get; init; }
    [JsonPropertyName("sids")] public IReadOnlyList<long>? Sids { get; init; }

    /// <summary><see cref="WsActions"/> for <c>update_subscription</c>.</summary>
    [JsonPropertyName("action")] public string? Action { get; init; }
}
