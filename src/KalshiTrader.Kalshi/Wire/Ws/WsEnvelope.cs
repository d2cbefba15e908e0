using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Ws;

/// <summary>
/// A server → client message: <c>{"type","id"?,"sid"?,"seq"?,"msg"}</c>. <c>seq</c> is per <c>sid</c> and only on
/// sequenced channels; <c>id</c> echoes the command a reply answers.
/// </summary>
public sealed record WsMessage<TMsg>
{
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("id")] public long? Id { get; init; }
    [JsonPropertyName("sid")] public long? Sid { get; init; }
    [JsonPropertyName("seq")] public long? Seq { get; init; }
    [JsonPropertyName("msg")] public TMsg? Msg { get; init; }
}

/// <summary>A server message without a body (<c>unsubscribed</c>).</summary>
public sealed record WsBareMessage
{
    [JsonPropertyName("type")] public required string Type { get; init; }
    [JsonPropertyName("id")] public long? Id { get; init; }
    [JsonPropertyName("sid")] public long? Sid { get; init; }
    [JsonPropertyName("seq")] public long? Seq { get; init; }
}
