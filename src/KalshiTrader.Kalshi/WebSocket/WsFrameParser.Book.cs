using System.Text.Json;
using KalshiTrader.Core.Books;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Kalshi.WebSocket;

public sealed partial class WsFrameParser
{
    private Body ParseDelta(ref Utf8JsonReader reader, long sid, long seq, DateTimeOffset received)
    {
        string? ticker = null;
        Price? price = null, legacyPrice = null;
        Quantity? delta = null, legacyDelta = null;
        Outcome? side = null;
        DateTimeOffset? time = null;
        string? clientOrderId = null;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("market_ticker"u8)) { reader.Read(); ticker = ReadTicker(ref reader, "market_ticker"); }
            else if (reader.ValueTextEquals("price_dollars"u8)) { reader.Read(); price = ReadPrice(ref reader, "price_dollars"); }
            else if (reader.ValueTextEquals("delta_fp"u8)) { reader.Read(); delta = ReadQuantity(ref reader, "delta_fp"); }
            else if (reader.ValueTextEquals("side"u8)) { reader.Read(); side = ReadOutcome(ref reader, "side"); }
            else if (reader.ValueTextEquals("ts_ms"u8)) { reader.Read(); time = ReadMillis(ref reader, "ts_ms"); }
            else if (reader.ValueTextEquals("client_order_id"u8)) { reader.Read(); clientOrderId = ReadString(ref reader); }
            else if (reader.ValueTextEquals("ts"u8)) { reader.Read(); var t = ReadFlexibleTime(ref reader, "ts"); time ??= t; }
            else if (reader.ValueTextEquals("price"u8)) { reader.Read(); legacyPrice = ReadCents(ref reader, "price"); }
            else if (reader.ValueTextEquals("delta"u8)) { reader.Read(); legacyDelta = ReadWholeCount(ref reader, "delta"); }
            else { reader.Read(); reader.Skip(); }
        }

        price ??= legacyPrice;
        delta ??= legacyDelta;
        if (ticker is null) Fail("market_ticker is missing");
        if (side is null) Fail("side is missing");
        if (price is null) Fail("price_dollars is missing");
        if (delta is null) Fail("delta_fp is missing");
        if (_error is not null) return new Body { Ticker = ticker };

        var p = price!.Value;
        if (UseYesPrice && side == Outcome.No) p = p.Complement;
        return new Body
        {
            Ticker = ticker,
            Event = new BookDeltaEvent(new MarketTicker(ticker!), side!.Value, p, delta!.Value, sid, seq, time,
                clientOrderId is null ? null : new ClientOrderId(clientOrderId)) { ReceivedTime = received },
        };
    }

    private Body ParseSnapshot(ref Utf8JsonReader reader, long sid, long seq, DateTimeOffset received)
    {
        string? ticker = null;
        int yesCount = 0, noCount = 0;
        bool yesFp = false, noFp = false;
        List<PriceLevel>? legacyYes = null, legacyNo = null;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("market_ticker"u8)) { reader.Read(); ticker = ReadTicker(ref reader, "market_ticker"); }
            else if (reader.ValueTextEquals("yes_dollars_fp"u8)) { reader.Read(); yesCount = ReadLevels(ref reader, ref _yes, "yes_dollars_fp", false); yesFp = true; }
            else if (reader.ValueTextEquals("no_dollars_fp"u8)) { reader.Read(); noCount = ReadLevels(ref reader, ref _no, "no_dollars_fp", UseYesPrice); noFp = true; }
            else if (reader.ValueTextEquals("yes"u8)) { reader.Read(); legacyYes = ReadLegacyLevels(ref reader, "yes", false); }
            else if (reader.ValueTextEquals("no"u8)) { reader.Read(); legacyNo = ReadLegacyLevels(ref reader, "no", UseYesPrice); }
            else { reader.Read(); reader.Skip(); }
        }

        if (ticker is null) Fail("market_ticker is missing");
        if (_error is not null) return new Body { Ticker = ticker };

        var yes = yesFp ? _yes.AsSpan(0, yesCount).ToArray() : legacyYes?.ToArray() ?? [];
        var no = noFp ? _no.AsSpan(0, noCount).ToArray() : legacyNo?.ToArray() ?? [];
        return new Body
        {
            Ticker = ticker,
            Event = new BookSnapshotEvent(new MarketTicker(ticker!), yes, no, sid, seq) { ReceivedTime = received },
        };
    }

    /// <summary>Reads <c>[["0.0800","300.00"],...]</c> into <paramref name="buffer"/>; returns the level count.</summary>
    private int ReadLevels(ref Utf8JsonReader reader, ref PriceLevel[] buffer, string field, bool complement)
    {
        if (reader.TokenType == JsonTokenType.Null) return 0;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Fail($"{field} is not an array of [price, size] pairs");
            reader.Skip();
            return 0;
        }

        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                Fail($"{field}[{count}] is not a [price, size] pair");
                reader.Skip();
                continue;
            }

            reader.Read();
            var price = reader.TokenType == JsonTokenType.EndArray ? null : ReadPrice(ref reader, $"{field}[{count}] price");
            Quantity? size = null;
            if (reader.TokenType != JsonTokenType.EndArray && reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                size = ReadQuantity(ref reader, $"{field}[{count}] size");
                reader.Read();
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                Fail($"{field}[{count}] has more than two elements");
                SkipToEndOfArray(ref reader);
            }

            if (price is null || size is null)
            {
                Fail($"{field}[{count}] is not a [price, size] pair");
                count++;
                continue;
            }

            if (size.Value.IsNegative) Fail($"{field}[{count}] size: {size.Value} is negative");
            if (count == buffer.Length) buffer = Grow(buffer);
            buffer[count++] = new PriceLevel(complement ? price.Value.Complement : price.Value, size.Value);
        }

        return count;
    }

    /// <summary>Pre-2026 snapshots: <c>[[cents, count],...]</c>.</summary>
    private List<PriceLevel> ReadLegacyLevels(ref Utf8JsonReader reader, string field, bool complement)
    {
        var levels = new List<PriceLevel>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            if (reader.TokenType != JsonTokenType.Null) Fail($"{field} is not an array of [cents, count] pairs");
            reader.Skip();
            return levels;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartArray)
            {
                Fail($"{field}[{levels.Count}] is not a [cents, count] pair");
                reader.Skip();
                continue;
            }

            reader.Read();
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                Fail($"{field}[{levels.Count}] is an empty pair");
                continue;
            }

            var price = ReadCents(ref reader, $"{field}[{levels.Count}] price");
            reader.Read();
            var size = ReadWholeCount(ref reader, $"{field}[{levels.Count}] count");
            reader.Read();
            SkipToEndOfArray(ref reader);
            if (price is { } p && size is { } q) levels.Add(new PriceLevel(complement ? p.Complement : p, q));
        }

        return levels;
    }

    /// <summary>From inside an array, skips whatever is left up to its closing bracket.</summary>
    private static void SkipToEndOfArray(ref Utf8JsonReader reader)
    {
        while (reader.TokenType != JsonTokenType.EndArray)
        {
            reader.Skip();
            if (!reader.Read()) throw new JsonException("unterminated array");
        }
    }

    private Outcome? ReadOutcome(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("yes"u8)) return Outcome.Yes;
            if (reader.ValueTextEquals("no"u8)) return Outcome.No;
        }
        else if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Fail($"{field}: {Quote(ref reader)} is neither \"yes\" nor \"no\"");
        reader.Skip();
        return null;
    }

    private OrderSide? ReadBookSide(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("bid"u8)) return OrderSide.Bid;
            if (reader.ValueTextEquals("ask"u8)) return OrderSide.Ask;
        }
        else if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        Fail($"{field}: {Quote(ref reader)} is neither \"bid\" nor \"ask\"");
        reader.Skip();
        return null;
    }
}
