using System.Text.Json;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Kalshi.WebSocket;

public sealed partial class WsFrameParser
{
    private Body ParseTicker(ref Utf8JsonReader reader, DateTimeOffset received)
    {
        string? ticker = null;
        Price? last = null, bid = null, ask = null, lastC = null, bidC = null, askC = null;
        Quantity? bidSize = null, askSize = null, lastSize = null, volume = null, oi = null, volumeC = null, oiC = null;
        DateTimeOffset? tsMs = null, ts = null;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("market_ticker"u8)) { reader.Read(); ticker = ReadTicker(ref reader, "market_ticker"); }
            else if (reader.ValueTextEquals("price_dollars"u8)) { reader.Read(); last = ReadPrice(ref reader, "price_dollars"); }
            else if (reader.ValueTextEquals("yes_bid_dollars"u8)) { reader.Read(); bid = ReadPrice(ref reader, "yes_bid_dollars"); }
            else if (reader.ValueTextEquals("yes_ask_dollars"u8)) { reader.Read(); ask = ReadPrice(ref reader, "yes_ask_dollars"); }
            else if (reader.ValueTextEquals("yes_bid_size_fp"u8)) { reader.Read(); bidSize = ReadQuantity(ref reader, "yes_bid_size_fp"); }
            else if (reader.ValueTextEquals("yes_ask_size_fp"u8)) { reader.Read(); askSize = ReadQuantity(ref reader, "yes_ask_size_fp"); }
            else if (reader.ValueTextEquals("last_trade_size_fp"u8)) { reader.Read(); lastSize = ReadQuantity(ref reader, "last_trade_size_fp"); }
            else if (reader.ValueTextEquals("volume_fp"u8)) { reader.Read(); volume = ReadQuantity(ref reader, "volume_fp"); }
            else if (reader.ValueTextEquals("open_interest_fp"u8)) { reader.Read(); oi = ReadQuantity(ref reader, "open_interest_fp"); }
            else if (reader.ValueTextEquals("ts_ms"u8)) { reader.Read(); tsMs = ReadMillis(ref reader, "ts_ms"); }
            else if (reader.ValueTextEquals("ts"u8)) { reader.Read(); ts = ReadFlexibleTime(ref reader, "ts"); }
            else if (reader.ValueTextEquals("time"u8)) { reader.Read(); var t = ReadFlexibleTime(ref reader, "time"); ts ??= t; }
            else if (reader.ValueTextEquals("price"u8)) { reader.Read(); lastC = ReadCents(ref reader, "price"); }
            else if (reader.ValueTextEquals("yes_bid"u8)) { reader.Read(); bidC = ReadCents(ref reader, "yes_bid"); }
            else if (reader.ValueTextEquals("yes_ask"u8)) { reader.Read(); askC = ReadCents(ref reader, "yes_ask"); }
            else if (reader.ValueTextEquals("volume"u8)) { reader.Read(); volumeC = ReadWholeCount(ref reader, "volume"); }
            else if (reader.ValueTextEquals("open_interest"u8)) { reader.Read(); oiC = ReadWholeCount(ref reader, "open_interest"); }
            else { reader.Read(); reader.Skip(); }
        }

        if (ticker is null) Fail("market_ticker is missing");
        if (_error is not null) return new Body { Ticker = ticker };
        var update = new TickerUpdate
        {
            Ticker = new MarketTicker(ticker!),
            LastPrice = last ?? lastC,
            YesBid = bid ?? bidC,
            YesAsk = ask ?? askC,
            YesBidSize = bidSize ?? Quantity.Zero,
            YesAskSize = askSize ?? Quantity.Zero,
            LastTradeSize = lastSize ?? Quantity.Zero,
            Volume = volume ?? volumeC ?? Quantity.Zero,
            OpenInterest = oi ?? oiC ?? Quantity.Zero,
            Time = tsMs ?? ts ?? received,
            ReceivedTime = received,
        };
        return new Body { Ticker = ticker, Event = new TickerEvent(update) { ReceivedTime = received } };
    }

    private Body ParseTrade(ref Utf8JsonReader reader, DateTimeOffset received)
    {
        string? ticker = null, tradeId = null;
        Price? yes = null, no = null, yesC = null, noC = null;
        Quantity? count = null, countC = null;
        Outcome? takerOutcome = null, takerLegacy = null;
        OrderSide? takerBook = null;
        bool? block = null;
        DateTimeOffset? tsMs = null, ts = null;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("market_ticker"u8)) { reader.Read(); ticker = ReadTicker(ref reader, "market_ticker"); }
            else if (reader.ValueTextEquals("trade_id"u8)) { reader.Read(); tradeId = ReadString(ref reader); }
            else if (reader.ValueTextEquals("yes_price_dollars"u8)) { reader.Read(); yes = ReadPrice(ref reader, "yes_price_dollars"); }
            else if (reader.ValueTextEquals("no_price_dollars"u8)) { reader.Read(); no = ReadPrice(ref reader, "no_price_dollars"); }
            else if (reader.ValueTextEquals("count_fp"u8)) { reader.Read(); count = ReadQuantity(ref reader, "count_fp"); }
            else if (reader.ValueTextEquals("taker_outcome_side"u8)) { reader.Read(); takerOutcome = ReadOutcome(ref reader, "taker_outcome_side"); }
            else if (reader.ValueTextEquals("taker_book_side"u8)) { reader.Read(); takerBook = ReadBookSide(ref reader, "taker_book_side"); }
            else if (reader.ValueTextEquals("taker_side"u8)) { reader.Read(); takerLegacy = ReadOutcome(ref reader, "taker_side"); }
            else if (reader.ValueTextEquals("is_block_trade"u8)) { reader.Read(); block = ReadBool(ref reader, "is_block_trade"); }
            else if (reader.ValueTextEquals("ts_ms"u8)) { reader.Read(); tsMs = ReadMillis(ref reader, "ts_ms"); }
            else if (reader.ValueTextEquals("ts"u8)) { reader.Read(); ts = ReadFlexibleTime(ref reader, "ts"); }
            else if (reader.ValueTextEquals("yes_price"u8)) { reader.Read(); yesC = ReadCents(ref reader, "yes_price"); }
            else if (reader.ValueTextEquals("no_price"u8)) { reader.Read(); noC = ReadCents(ref reader, "no_price"); }
            else if (reader.ValueTextEquals("count"u8)) { reader.Read(); countC = ReadWholeCount(ref reader, "count"); }
            else { reader.Read(); reader.Skip(); }
        }

        if (ticker is null) Fail("market_ticker is missing");
        if (tradeId is null) Fail("trade_id is missing");
        var yesPrice = yes ?? no?.Complement ?? yesC ?? noC?.Complement;
        if (yesPrice is null) Fail("yes_price_dollars is missing");
        if ((count ?? countC) is null) Fail("count_fp is missing");
        if (_error is not null) return new Body { Ticker = ticker };

        var time = tsMs ?? ts ?? received;
        var trade = new Trade
        {
            TradeId = new TradeId(tradeId!),
            Ticker = new MarketTicker(ticker!),
            YesPrice = yesPrice!.Value,
            Count = (count ?? countC)!.Value,
            TakerOutcome = takerOutcome ?? takerBook?.Buys() ?? takerLegacy,
            IsBlockTrade = block ?? false,
            Time = time,
            ReceivedTime = received,
        };
        return new Body { Ticker = ticker, Event = new TradeEvent(trade) { ReceivedTime = received } };
    }

    private Body ParseLifecycle(ref Utf8JsonReader reader, ReadOnlySpan<byte> source, DateTimeOffset received)
    {
        var start = (int)reader.TokenStartIndex;
        string? ticker = null, eventType = null, result = null;
        Price? settlement = null;
        DateTimeOffset? close = null, determined = null, settled = null, opened = null;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("market_ticker"u8)) { reader.Read(); ticker = ReadTicker(ref reader, "market_ticker"); }
            else if (reader.ValueTextEquals("event_type"u8)) { reader.Read(); eventType = ReadString(ref reader); }
            else if (reader.ValueTextEquals("result"u8)) { reader.Read(); result = ReadString(ref reader); }
            else if (reader.ValueTextEquals("settlement_value"u8)) { reader.Read(); settlement = ReadPrice(ref reader, "settlement_value"); }
            else if (reader.ValueTextEquals("close_ts"u8)) { reader.Read(); close = ReadSeconds(ref reader, "close_ts"); }
            else if (reader.ValueTextEquals("determination_ts"u8)) { reader.Read(); determined = ReadSeconds(ref reader, "determination_ts"); }
            else if (reader.ValueTextEquals("settled_ts"u8)) { reader.Read(); settled = ReadSeconds(ref reader, "settled_ts"); }
            else if (reader.ValueTextEquals("open_ts"u8)) { reader.Read(); opened = ReadSeconds(ref reader, "open_ts"); }
            else { reader.Read(); reader.Skip(); }
        }

        var end = (int)reader.BytesConsumed;
        if (ticker is null) Fail("market_ticker is missing");
        if (eventType is null) Fail("event_type is missing");
        MarketResult? parsedResult = null;
        if (!string.IsNullOrEmpty(result))
        {
            try
            {
                parsedResult = MarketEnumsWire.ParseResult(result);
            }
            catch (FormatException)
            {
                Fail($"result: '{Truncate(result, MaxQuotedValue)}' is not yes, no or scalar");
            }
        }

        if (_error is not null) return new Body { Ticker = ticker };
        var raw = System.Text.Encoding.UTF8.GetString(source[start..end]);
        var evt = new LifecycleEvent(new MarketTicker(ticker!), eventType!, parsedResult, settlement, close,
            settled ?? determined ?? opened, raw) { ReceivedTime = received };
        return new Body { Ticker = ticker, Event = evt };
    }

    private Body ParseEventLifecycle(ref Utf8JsonReader reader, DateTimeOffset received)
    {
        string? eventTicker = null, series = null, title = null, subtitle = null, collateral = null, period = null;
        DateTimeOffset? strikeDate = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("event_ticker"u8)) { reader.Read(); eventTicker = ReadString(ref reader); }
            else if (reader.ValueTextEquals("series_ticker"u8)) { reader.Read(); series = ReadString(ref reader); }
            else if (reader.ValueTextEquals("title"u8)) { reader.Read(); title = ReadString(ref reader); }
            else if (reader.ValueTextEquals("subtitle"u8)) { reader.Read(); subtitle = ReadString(ref reader); }
            else if (reader.ValueTextEquals("collateral_return_type"u8)) { reader.Read(); collateral = ReadString(ref reader); }
            else if (reader.ValueTextEquals("strike_date"u8)) { reader.Read(); strikeDate = ReadSeconds(ref reader, "strike_date"); }
            else if (reader.ValueTextEquals("strike_period"u8)) { reader.Read(); period = ReadString(ref reader); }
            else { reader.Read(); reader.Skip(); }
        }

        if (eventTicker is null) Fail("event_ticker is missing");
        if (_error is not null) return default;
        var evt = new EventLifecycleEvent(new EventTicker(eventTicker!), series is null ? (SeriesTicker?)null : new SeriesTicker(series), title, subtitle,
            collateral, strikeDate, period) { ReceivedTime = received };
        return new Body { Event = evt };
    }

    private Body ParseFeeUpdate(ref Utf8JsonReader reader, DateTimeOffset received)
    {
        string? eventTicker = null, feeType = null;
        decimal? multiplier = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("event_ticker"u8)) { reader.Read(); eventTicker = ReadString(ref reader); }
            else if (reader.ValueTextEquals("fee_type_override"u8)) { reader.Read(); feeType = ReadString(ref reader); }
            else if (reader.ValueTextEquals("fee_multiplier_override"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var m)) multiplier = m;
                else if (reader.TokenType == JsonTokenType.String && decimal.TryParse(reader.GetString(), System.Globalization.NumberStyles.Number,
                             System.Globalization.CultureInfo.InvariantCulture, out var ms)) multiplier = ms;
                else if (reader.TokenType != JsonTokenType.Null) Fail($"fee_multiplier_override: {Quote(ref reader)} is not a number");
            }
            else { reader.Read(); reader.Skip(); }
        }

        if (eventTicker is null) Fail("event_ticker is missing");
        if (_error is not null) return default;
        return new Body { Event = new EventFeeUpdateEvent(new EventTicker(eventTicker!), feeType, multiplier) { ReceivedTime = received } };
    }
}
