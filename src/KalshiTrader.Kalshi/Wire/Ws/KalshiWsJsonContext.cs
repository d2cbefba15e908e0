using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Ws;

/// <summary>
/// Source-generated System.Text.Json metadata for every WebSocket v2 wire type, for reading (tests, tools) and
/// writing (the local exchange). Absent optional fields are omitted, as Kalshi does. The client's hot path does
/// not use this: it reads frames with <c>Utf8JsonReader</c> straight into domain events.
/// </summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(WsCommand))]
[JsonSerializable(typeof(WsBareMessage))]
[JsonSerializable(typeof(WsMessage<WsSubscribed>))]
[JsonSerializable(typeof(WsMessage<WsOk>))]
[JsonSerializable(typeof(WsMessage<IReadOnlyList<WsSubscriptionInfo>>))]
[JsonSerializable(typeof(WsMessage<WsError>))]
[JsonSerializable(typeof(WsMessage<WsOrderbookSnapshot>))]
[JsonSerializable(typeof(WsMessage<WsOrderbookDelta>))]
[JsonSerializable(typeof(WsMessage<WsTicker>))]
[JsonSerializable(typeof(WsMessage<WsTrade>))]
[JsonSerializable(typeof(WsMessage<WsFill>))]
[JsonSerializable(typeof(WsMessage<WsMarketPosition>))]
[JsonSerializable(typeof(WsMessage<WsUserOrder>))]
[JsonSerializable(typeof(WsMessage<WsMarketLifecycle>))]
[JsonSerializable(typeof(WsMessage<WsEventLifecycle>))]
[JsonSerializable(typeof(WsMessage<WsEventFeeUpdate>))]
[JsonSerializable(typeof(WsMessage<WsOrderGroupUpdate>))]
public sealed partial class KalshiWsJsonContext : JsonSerializerContext;
