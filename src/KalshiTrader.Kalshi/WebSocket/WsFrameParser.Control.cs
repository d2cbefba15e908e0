using System.Text.Json;

namespace KalshiTrader.Kalshi.WebSocket;

public sealed partial class WsFrameParser
{
    private Body ParseSubscribed(ref Utf8JsonReader reader)
    {
        string? channel = null;
        long? sid = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("channel"u8)) { reader.Read(); channel = ReadString(ref reader); }
            else if (reader.ValueTextEquals("sid"u8)) { reader.Read(); sid = ReadLongField(ref reader, "sid"); }
            else { reader.Read(); reader.Skip(); }
        }

        if (channel is null) Fail("channel is missing");
        if (sid is null) Fail("sid is missing");
        return _error is null ? new Body { Subscribed = new WsSubscriptionRef(channel!, sid!.Value) } : default;
    }

    private Body ParseOk(ref Utf8JsonReader reader)
    {
        List<string>? tickers = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("market_tickers"u8))
            {
                reader.Read();
                tickers = ReadStringList(ref reader, "market_tickers");
            }
            else { reader.Read(); reader.Skip(); }
        }

        return new Body { MarketTickers = tickers };
    }

    private Body ParseSubscriptionList(ref Utf8JsonReader reader)
    {
        var list = new List<WsSubscriptionRef>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                Fail("list_subscriptions entry is not an object");
                reader.Skip();
                continue;
            }

            var sub = ParseSubscribed(ref reader);
            if (sub.Subscribed is { } s) list.Add(s);
        }

        return new Body { Subscriptions = list };
    }

    private Body ParseError(ref Utf8JsonReader reader)
    {
        long? code = null;
        string? text = null, ticker = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("code"u8)) { reader.Read(); code = ReadLongField(ref reader, "code"); }
            else if (reader.ValueTextEquals("msg"u8)) { reader.Read(); text = ReadString(ref reader); }
            else if (reader.ValueTextEquals("market_ticker"u8)) { reader.Read(); ticker = ReadTicker(ref reader, "market_ticker"); }
            else { reader.Read(); reader.Skip(); }
        }

        return new Body { ErrorCode = (int?)code ?? 0, ErrorMessage = text, Ticker = ticker };
    }

    private List<string>? ReadStringList(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Fail($"{field} is not an array");
            reader.Skip();
            return null;
        }

        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (ReadTicker(ref reader, field) is { } s) list.Add(s);
        }

        return list;
    }
}
