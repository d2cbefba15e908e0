using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KalshiTrader.Kalshi.Wire.Ws;

/// <summary>Serialization helpers over <see cref="KalshiWsJsonContext"/> (no reflection).</summary>
public static class WsJson
{
    /// <summary>Serializes any registered WebSocket wire type.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    /// <summary>Serializes to UTF-8 bytes, ready for <c>WebSocket.SendAsync</c>.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, TypeInfo<T>());

    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8) => JsonSerializer.Deserialize(utf8, TypeInfo<T>());

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize(json, TypeInfo<T>());

    /// <summary>A server message with a body, e.g. <c>WsJson.Message("orderbook_delta", delta, sid: 1, seq: 7)</c>.</summary>
    public static string Message<TMsg>(string type, TMsg msg, long? sid = null, long? seq = null, long? id = null) =>
        Serialize(new WsMessage<TMsg> { Type = type, Msg = msg, Sid = sid, Seq = seq, Id = id });

    private static JsonTypeInfo<T> TypeInfo<T>() =>
        KalshiWsJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new NotSupportedException($"{typeof(T).Name} is not registered in {nameof(KalshiWsJsonContext)}");
}
