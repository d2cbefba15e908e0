using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using KalshiTrader.Core.Books;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Kalshi.WebSocket;

/// <summary>
/// The hot path from a WebSocket frame to a domain event: one forward pass of <see cref="Utf8JsonReader"/>, no DOM,
/// ticker strings shared per market, prices and counts parsed exactly from their UTF-8 bytes. A bad value never
/// throws out of <see cref="Parse"/>: the frame comes back with <see cref="WsFrame.ParseError"/> naming the message
/// type, the market and the field. Not thread-safe: one parser per connection (or replay).
/// </summary>
public sealed partial class WsFrameParser
{
    private const int MaxQuotedValue = 40;
    private readonly TickerCache _tickers = new();
    private PriceLevel[] _yes = new PriceLevel[64];
    private PriceLevel[] _no = new PriceLevel[64];
    private string? _error;

    /// <param name="useYesPrice">True when the subscription asked for <c>use_yes_price</c>: NO-side book levels then
    /// arrive as YES prices and are converted back to NO prices (the book keeps each side in its own terms).</param>
    public WsFrameParser(bool useYesPrice = false) => UseYesPrice = useYesPrice;

    public bool UseYesPrice { get; set; }

    /// <summary>Parses one complete frame (one JSON message).</summary>
    public WsFrame Parse(ReadOnlySpan<byte> utf8, DateTimeOffset receivedTime)
    {
        _error = null;
        try
        {
            return ParseCore(utf8, receivedTime);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or OverflowException
                                       or ArgumentOutOfRangeException)
        {
            return new WsFrame
            {
                Type = WsFrameType.Malformed,
                ParseError = "malformed frame: " + Truncate(ex.Message, 200),
                Ticker = FindTickerInRaw(utf8),
            };
        }
    }

    private WsFrame ParseCore(ReadOnlySpan<byte> utf8, DateTimeOffset receivedTime)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return new WsFrame { Type = WsFrameType.Malformed, ParseError = "malformed frame: not a JSON object" };
        }

        var type = WsFrameType.Malformed;
        var typeSeen = false;
        string? unknownName = null;
        long? id = null, sid = null, seq = null;
        long usedSid = 0, usedSeq = 0;
        var msgStart = -1;
        var msgEnd = 0;
        var body = default(Body);
        var bodySeen = false;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                type = MapType(ref reader, out unknownName);
                typeSeen = true;
            }
            else if (reader.ValueTextEquals("sid"u8))
            {
                reader.Read();
                sid = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("seq"u8))
            {
                reader.Read();
                seq = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                id = ReadLong(ref reader);
            }
            else if (reader.ValueTextEquals("msg"u8))
            {
                reader.Read();
                bodySeen = true;
                if (typeSeen)
                {
                    usedSid = sid ?? 0;
                    usedSeq = seq ?? 0;
                    body = ParseBody(type, ref reader, utf8, usedSid, usedSeq, receivedTime);
                }
                else
                {
                    // Kalshi sends "type" first; if a sender does not, read the body once the type is known.
                    msgStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    msgEnd = (int)reader.BytesConsumed;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (!typeSeen)
        {
            return new WsFrame { Type = WsFrameType.Malformed, ParseError = "malformed frame: no \"type\"", Ticker = FindTickerInRaw(utf8) };
        }

        if (msgStart >= 0)
        {
            var bodyBytes = utf8[msgStart..msgEnd];
            var r2 = new Utf8JsonReader(bodyBytes);
            r2.Read();
            usedSid = sid ?? 0;
            usedSeq = seq ?? 0;
            body = ParseBody(type, ref r2, bodyBytes, usedSid, usedSeq, receivedTime);
        }

        if (!bodySeen && NeedsBody(type))
        {
            _error = "no \"msg\"";
        }

        var evt = body.Event;
        if (evt is BookSnapshotEvent s && (s.Sid != (sid ?? 0) || s.Seq != (seq ?? 0))) evt = s with { Sid = sid ?? 0, Seq = seq ?? 0 };
        else if (evt is BookDeltaEvent d && (d.Sid != (sid ?? 0) || d.Seq != (seq ?? 0))) evt = d with { Sid = sid ?? 0, Seq = seq ?? 0 };

        string? error = null;
        if (_error is not null)
        {
            var name = type == WsFrameType.Unknown ? unknownName : TypeName(type);
            error = body.Ticker is { } t ? $"{name} for {t}: {_error}" : $"{name}: {_error}";
            evt = null;
        }

        return new WsFrame
        {
            Type = type,
            UnknownTypeName = unknownName,
            Id = id,
            Sid = sid,
            Seq = seq,
            Event = evt,
            ParseError = error,
            Ticker = body.Ticker is { } tk ? new MarketTicker(tk) : (MarketTicker?)null,
            Subscribed = body.Subscribed,
            MarketTickers = body.MarketTickers,
            Subscriptions = body.Subscriptions,
            ErrorCode = body.ErrorCode,
            ErrorMessage = body.ErrorMessage,
        };
    }

    private static bool NeedsBody(WsFrameType type) =>
        type is not (WsFrameType.Unknown or WsFrameType.Unsubscribed or WsFrameType.Ok or WsFrameType.Malformed);

    /// <summary>What a body parse yields; the envelope wraps it into a <see cref="WsFrame"/>.</summary>
    private struct Body
    {
        public FeedEvent? Event;
        public string? Ticker;
        public WsSubscriptionRef? Subscribed;
        public IReadOnlyList<string>? MarketTickers;
        public IReadOnlyList<WsSubscriptionRef>? Subscriptions;
        public int? ErrorCode;
        public string? ErrorMessage;
    }

    private Body ParseBody(WsFrameType type, ref Utf8JsonReader reader, ReadOnlySpan<byte> source, long sid, long seq, DateTimeOffset received)
    {
        if (type == WsFrameType.Ok && reader.TokenType == JsonTokenType.StartArray) return ParseSubscriptionList(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            if (type is WsFrameType.Unknown or WsFrameType.Ok or WsFrameType.Unsubscribed) return default;
            Fail("\"msg\" is not an object");
            return default;
        }

        switch (type)
        {
            case WsFrameType.OrderbookDelta: return ParseDelta(ref reader, sid, seq, received);
            case WsFrameType.OrderbookSnapshot: return ParseSnapshot(ref reader, sid, seq, received);
            case WsFrameType.Ticker: return ParseTicker(ref reader, received);
            case WsFrameType.Trade: return ParseTrade(ref reader, received);
            case WsFrameType.Fill: return ParseFill(ref reader, received);
            case WsFrameType.MarketPosition: return ParsePosition(ref reader, received);
            case WsFrameType.UserOrder: return ParseUserOrder(ref reader, received);
            case WsFrameType.MarketLifecycle: return ParseLifecycle(ref reader, source, received);
            case WsFrameType.EventLifecycle: return ParseEventLifecycle(ref reader, received);
            case WsFrameType.EventFeeUpdate: return ParseFeeUpdate(ref reader, received);
            case WsFrameType.OrderGroupUpdates: return ParseOrderGroup(ref reader, received);
            case WsFrameType.Subscribed: return ParseSubscribed(ref reader);
            case WsFrameType.Ok: return ParseOk(ref reader);
            case WsFrameType.Error: return ParseError(ref reader);
            default:
                reader.Skip();
                return default;
        }
    }

    private static WsFrameType MapType(ref Utf8JsonReader reader, out string? unknownName)
    {
        unknownName = null;
        if (reader.TokenType != JsonTokenType.String) throw new JsonException("\"type\" is not a string");
        if (reader.ValueTextEquals("orderbook_delta"u8)) return WsFrameType.OrderbookDelta;
        if (reader.ValueTextEquals("ticker"u8)) return WsFrameType.Ticker;
        if (reader.ValueTextEquals("trade"u8)) return WsFrameType.Trade;
        if (reader.ValueTextEquals("orderbook_snapshot"u8)) return WsFrameType.OrderbookSnapshot;
        if (reader.ValueTextEquals("fill"u8)) return WsFrameType.Fill;
        if (reader.ValueTextEquals("user_order"u8)) return WsFrameType.UserOrder;
        if (reader.ValueTextEquals("market_position"u8)) return WsFrameType.MarketPosition;
        if (reader.ValueTextEquals("market_lifecycle_v2"u8)) return WsFrameType.MarketLifecycle;
        if (reader.ValueTextEquals("event_lifecycle"u8)) return WsFrameType.EventLifecycle;
        if (reader.ValueTextEquals("event_fee_update"u8)) return WsFrameType.EventFeeUpdate;
        if (reader.ValueTextEquals("order_group_updates"u8)) return WsFrameType.OrderGroupUpdates;
        if (reader.ValueTextEquals("subscribed"u8)) return WsFrameType.Subscribed;
        if (reader.ValueTextEquals("unsubscribed"u8)) return WsFrameType.Unsubscribed;
        if (reader.ValueTextEquals("ok"u8)) return WsFrameType.Ok;
        if (reader.ValueTextEquals("error"u8)) return WsFrameType.Error;
        unknownName = reader.GetString();
        return WsFrameType.Unknown;
    }

    internal static string TypeName(WsFrameType type) => type switch
    {
        WsFrameType.OrderbookDelta => "orderbook_delta",
        WsFrameType.OrderbookSnapshot => "orderbook_snapshot",
        WsFrameType.Ticker => "ticker",
        WsFrameType.Trade => "trade",
        WsFrameType.Fill => "fill",
        WsFrameType.UserOrder => "user_order",
        WsFrameType.MarketPosition => "market_position",
        WsFrameType.MarketLifecycle => "market_lifecycle_v2",
        WsFrameType.EventLifecycle => "event_lifecycle",
        WsFrameType.EventFeeUpdate => "event_fee_update",
        WsFrameType.OrderGroupUpdates => "order_group_updates",
        WsFrameType.Subscribed => "subscribed",
        WsFrameType.Unsubscribed => "unsubscribed",
        WsFrameType.Ok => "ok",
        WsFrameType.Error => "error",
        _ => type.ToString(),
    };

    // ---- value readers: each records the first bad value (field named) and lets the frame finish parsing ----

    private void Fail(string message) => _error ??= message;

    private string? ReadTicker(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            Fail($"{field} is not a string");
            reader.Skip();
            return null;
        }

        if (reader.ValueIsEscaped || reader.HasValueSequence) return reader.GetString();
        return _tickers.Get(reader.ValueSpan);
    }

    private static long? ReadLong(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var v)) return v;
        throw new JsonException($"expected an integer, found {reader.TokenType}");
    }

    private long? ReadLongField(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var v)) return v;
        Fail($"{field}: expected an integer, found {Quote(ref reader)}");
        reader.Skip();
        return null;
    }

    private bool? ReadBool(ref Utf8JsonReader reader, string field)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True: return true;
            case JsonTokenType.False: return false;
            case JsonTokenType.Null: return null;
            default:
                Fail($"{field}: expected true or false, found {Quote(ref reader)}");
                reader.Skip();
                return null;
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String) return reader.GetString();
        if (reader.TokenType == JsonTokenType.Null) return null;
        reader.Skip();
        return null;
    }

    /// <summary>A dollar price: a string ("0.0770") or, from older senders, a JSON number; null when absent.</summary>
    private Price? ReadPrice(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
        {
            Span<byte> scratch = stackalloc byte[64];
            ReadOnlySpan<byte> span = reader.ValueIsEscaped || reader.HasValueSequence ? scratch[..CopyValue(ref reader, scratch)] : reader.ValueSpan;
            if (Price.TryParse(span, out var p)) return p;
        }

        Fail($"{field}: {Quote(ref reader)} is not a price within [0, 1] with at most 4 decimals");
        reader.Skip();
        return null;
    }

    private Quantity? ReadQuantity(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
        {
            Span<byte> scratch = stackalloc byte[64];
            ReadOnlySpan<byte> span = reader.ValueIsEscaped || reader.HasValueSequence ? scratch[..CopyValue(ref reader, scratch)] : reader.ValueSpan;
            if (Quantity.TryParse(span, out var q)) return q;
        }

        Fail($"{field}: {Quote(ref reader)} is not a count with at most 2 decimals");
        reader.Skip();
        return null;
    }

    private Money? ReadMoney(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType is JsonTokenType.String or JsonTokenType.Number)
        {
            Span<byte> scratch = stackalloc byte[64];
            ReadOnlySpan<byte> span = reader.ValueIsEscaped || reader.HasValueSequence ? scratch[..CopyValue(ref reader, scratch)] : reader.ValueSpan;
            if (FixedPoint.TryParse(span, 6, out var micros)) return Money.FromMicros(micros);
        }

        Fail($"{field}: {Quote(ref reader)} is not a dollar amount with at most 6 decimals");
        reader.Skip();
        return null;
    }

    /// <summary>Legacy integer cents (1–99 on the wire, 0–100 accepted).</summary>
    private Price? ReadCents(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var c) && c is >= 0 and <= 100) return Price.FromCents(c);
        Fail($"{field}: {Quote(ref reader)} is not a price in whole cents within [0, 100]");
        reader.Skip();
        return null;
    }

    /// <summary>Legacy integer contract count (signed for deltas).</summary>
    private Quantity? ReadWholeCount(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var n) && Math.Abs(n) < long.MaxValue / 100) return Quantity.FromContracts(n);
        Fail($"{field}: {Quote(ref reader)} is not a whole contract count");
        reader.Skip();
        return null;
    }

    private DateTimeOffset? ReadMillis(ref Utf8JsonReader reader, string field) =>
        ReadLongField(ref reader, field) is { } ms ? FromMillis(ms, field) : null;

    private DateTimeOffset? ReadSeconds(ref Utf8JsonReader reader, string field) =>
        ReadLongField(ref reader, field) is { } s ? FromMillis(s * 1000, field) : null;

    /// <summary>A time given either as Unix seconds (a number) or RFC3339 (a string).</summary>
    private DateTimeOffset? ReadFlexibleTime(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Number) return ReadSeconds(ref reader, field);
        if (reader.TokenType == JsonTokenType.String)
        {
            var text = reader.GetString();
            if (string.IsNullOrEmpty(text)) return null;
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t;
            Fail($"{field}: '{Truncate(text, MaxQuotedValue)}' is not an RFC3339 time");
            return null;
        }

        reader.Skip();
        return null;
    }

    private DateTimeOffset? FromMillis(long ms, string field)
    {
        if (ms is >= -62_135_596_800_000 and <= 253_402_300_799_999) return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        Fail($"{field}: {ms} is not a valid timestamp");
        return null;
    }

    /// <summary>Copies an escaped or segmented value into <paramref name="scratch"/>; 0 when it does not fit (and so fails to parse).</summary>
    private static int CopyValue(ref Utf8JsonReader reader, scoped Span<byte> scratch)
    {
        var len = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (len > scratch.Length) return 0;
        if (reader.TokenType == JsonTokenType.String) return reader.CopyString(scratch);
        if (reader.HasValueSequence) reader.ValueSequence.CopyTo(scratch);
        else reader.ValueSpan.CopyTo(scratch);
        return (int)len;
    }

    private static string Quote(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
            case JsonTokenType.Number:
                var raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
                var text = Encoding.UTF8.GetString(raw);
                return reader.TokenType == JsonTokenType.String ? "'" + Truncate(text, MaxQuotedValue) + "'" : Truncate(text, MaxQuotedValue);
            case JsonTokenType.StartObject: return "an object";
            case JsonTokenType.StartArray: return "an array";
            default: return reader.TokenType.ToString().ToLowerInvariant();
        }
    }

    internal static string Truncate(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    /// <summary>Best effort on a frame that is not valid JSON: the <c>market_ticker</c> it names, if any.</summary>
    internal static MarketTicker? FindTickerInRaw(ReadOnlySpan<byte> utf8)
    {
        var at = utf8.IndexOf("\"market_ticker\""u8);
        var keyLength = "\"market_ticker\""u8.Length;
        if (at < 0)
        {
            at = utf8.IndexOf("\"ticker\""u8);
            keyLength = "\"ticker\""u8.Length;
        }

        if (at < 0) return null;
        var rest = utf8[(at + keyLength)..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] != (byte)':') return null;
        rest = rest[1..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] != (byte)'"') return null;
        rest = rest[1..];
        var end = rest.IndexOfAny("\"\\"u8);
        if (end <= 0 || end > 128 || rest[end] != (byte)'"') return null;
        var value = rest[..end];
        if (value.IndexOfAnyInRange((byte)0, (byte)31) >= 0) return null;
        return new MarketTicker(Encoding.UTF8.GetString(value));
    }

    private static T[] Grow<T>(T[] array) => array.Length >= 1 << 20 ? throw new FormatException("too many book levels") : Resize(array);

    private static T[] Resize<T>(T[] array)
    {
        var bigger = new T[array.Length * 2];
        array.CopyTo(bigger, 0);
        return bigger;
    }
}
