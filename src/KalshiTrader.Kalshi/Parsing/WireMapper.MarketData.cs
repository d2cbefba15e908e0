using System.Globalization;
using System.Text.Json;
using KalshiTrader.Core.Books;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Parsing;

public static partial class WireMapper
{
    /// <summary>An order book reply; <c>orderbook_fp</c> wins over the legacy <c>orderbook</c>.</summary>
    public static OrderBookLevels ToOrderBook(MarketTicker ticker, OrderbookResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return ToOrderBook(ticker, response.OrderbookFp, response.Orderbook);
    }

    /// <summary>One book of a batch reply.</summary>
    public static OrderBookLevels ToOrderBook(TickerOrderbookWire item)
    {
        ArgumentNullException.ThrowIfNull(item);
        return ToOrderBook(item.Ticker, item.OrderbookFp, item.Orderbook);
    }

    /// <summary>Either form of a book; an absent side is empty.</summary>
    public static OrderBookLevels ToOrderBook(MarketTicker ticker, OrderbookFpWire? fp, LegacyOrderbookWire? legacy)
    {
        var c = "orderbook " + ticker.Value;
        if (fp is not null)
        {
            return new OrderBookLevels(ticker, ToLevels(fp.YesDollars, c, "yes_dollars"), ToLevels(fp.NoDollars, c, "no_dollars"));
        }

        if (legacy is not null)
        {
            return new OrderBookLevels(ticker, ToLegacyLevels(legacy.YesDollars, legacy.Yes, c, "yes"), ToLegacyLevels(legacy.NoDollars, legacy.No, c, "no"));
        }

        return new OrderBookLevels(ticker, [], []);
    }

    /// <summary>Levels to the <c>orderbook_fp</c> wire form, ascending.</summary>
    public static OrderbookFpWire ToOrderbookWire(ReadOnlySpan<PriceLevel> yesBids, ReadOnlySpan<PriceLevel> noBids) => new()
    {
        YesDollars = ToPairs(yesBids),
        NoDollars = ToPairs(noBids),
    };

    /// <summary>A public trade.</summary>
    public static Trade ToTrade(TradeWire w, DateTimeOffset receivedTime = default)
    {
        ArgumentNullException.ThrowIfNull(w);
        var c = "trade " + w.TradeId;
        var yes = ParsePrice(w.YesPriceDollars, w.YesPrice, c, "yes_price_dollars", "yes_price")
                  ?? ParsePrice(w.NoPriceDollars, w.NoPrice, c, "no_price_dollars", "no_price")?.Complement
                  ?? throw new FormatException($"{c} yes_price_dollars: missing");
        var taker = !string.IsNullOrEmpty(w.TakerOutcomeSide) ? w.TakerOutcomeSide : w.TakerSide;
        return new Trade
        {
            TradeId = new TradeId(w.TradeId),
            Ticker = w.Ticker,
            YesPrice = yes,
            Count = ParseQuantity(w.CountFp, w.Count, c, "count_fp"),
            TakerOutcome = string.IsNullOrEmpty(taker) ? null : ParseOutcome(taker, c, "taker_outcome_side"),
            IsBlockTrade = w.IsBlockTrade ?? false,
            Time = ParseTime(w.CreatedTime, c, "created_time") ?? default,
            ReceivedTime = receivedTime,
        };
    }

    /// <summary>The domain trade to its wire form.</summary>
    public static TradeWire ToWire(Trade t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new TradeWire
        {
            TradeId = t.TradeId.Value,
            Ticker = t.Ticker.Value,
            CountFp = t.Count.ToFpString(),
            YesPriceDollars = t.YesPrice.ToDollarString(),
            NoPriceDollars = t.NoPrice.ToDollarString(),
            TakerOutcomeSide = t.TakerOutcome is { } o ? ToWire(o) : null,
            TakerBookSide = t.TakerOutcome is { } o2 ? ToWire(o2.ToBuy()) : null,
            TakerSide = t.TakerOutcome is { } o3 ? ToWire(o3) : null,
            CreatedTime = FormatTime(t.Time),
            IsBlockTrade = t.IsBlockTrade,
        };
    }

    /// <summary>A candle; <paramref name="periodMinutes"/> is the requested interval (1, 60 or 1440).</summary>
    public static Candlestick ToCandlestick(MarketTicker ticker, int periodMinutes, CandlestickWire w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var c = $"candlestick {ticker.Value}@{w.EndPeriodTs.ToString(CultureInfo.InvariantCulture)}";
        var p = w.Price;
        return new Candlestick
        {
            Ticker = ticker,
            PeriodMinutes = periodMinutes,
            EndPeriod = DateTimeOffset.FromUnixTimeSeconds(w.EndPeriodTs),
            YesBid = ToOhlc(w.YesBid, c, "yes_bid"),
            YesAsk = ToOhlc(w.YesAsk, c, "yes_ask"),
            TradePrice = p is null ? null : ToOhlc(p.OpenDollars, p.HighDollars, p.LowDollars, p.CloseDollars, p.Open, p.High, p.Low, p.Close, c, "price"),
            // A mean is an average, not a tradable price, and Kalshi sends it with up to 6 decimals: round it to
            // the nearest $0.0001 rather than reject it (the only rounding in this mapper, and only here).
            MeanPrice = p is null ? null : MeanPrice(p.MeanDollars, p.Mean, c),
            PreviousPrice = p is null ? null : ParsePrice(p.PreviousDollars, p.Previous, c, "price.previous_dollars", "price.previous"),
            Volume = ParseQuantity(w.VolumeFp, w.Volume, c, "volume_fp"),
            OpenInterest = ParseQuantity(w.OpenInterestFp, w.OpenInterest, c, "open_interest_fp"),
        };
    }

    /// <summary>The domain candle to its wire form.</summary>
    public static CandlestickWire ToWire(Candlestick k)
    {
        ArgumentNullException.ThrowIfNull(k);
        return new CandlestickWire
        {
            EndPeriodTs = k.EndPeriod.ToUnixTimeSeconds(),
            YesBid = k.YesBid is { } b ? ToQuoteWire(b) : new QuoteOhlcWire(),
            YesAsk = k.YesAsk is { } a ? ToQuoteWire(a) : new QuoteOhlcWire(),
            Price = new TradePriceWire
            {
                OpenDollars = k.TradePrice?.Open.ToDollarString(),
                HighDollars = k.TradePrice?.High.ToDollarString(),
                LowDollars = k.TradePrice?.Low.ToDollarString(),
                CloseDollars = k.TradePrice?.Close.ToDollarString(),
                MeanDollars = k.MeanPrice?.ToDollarString(),
                PreviousDollars = k.PreviousPrice?.ToDollarString(),
            },
            VolumeFp = k.Volume.ToFpString(),
            OpenInterestFp = k.OpenInterest.ToFpString(),
        };
    }

    private static QuoteOhlcWire ToQuoteWire(Ohlc o) => new()
    {
        OpenDollars = o.Open.ToDollarString(),
        HighDollars = o.High.ToDollarString(),
        LowDollars = o.Low.ToDollarString(),
        CloseDollars = o.Close.ToDollarString(),
    };

    private static Ohlc? ToOhlc(QuoteOhlcWire? q, string c, string f) =>
        q is null ? null : ToOhlc(q.OpenDollars, q.HighDollars, q.LowDollars, q.CloseDollars, q.Open, q.High, q.Low, q.Close, c, f);

    private static Ohlc? ToOhlc(string? open, string? high, string? low, string? close, long? o, long? h, long? l, long? cl, string c, string f)
    {
        var po = ParsePrice(open, o, c, f + ".open_dollars", f + ".open");
        var ph = ParsePrice(high, h, c, f + ".high_dollars", f + ".high");
        var pl = ParsePrice(low, l, c, f + ".low_dollars", f + ".low");
        var pc = ParsePrice(close, cl, c, f + ".close_dollars", f + ".close");
        return po is { } a && ph is { } b && pl is { } d && pc is { } e ? new Ohlc(a, b, d, e) : null;
    }

    private static Price? MeanPrice(string? dollars, long? cents, string c)
    {
        if (string.IsNullOrEmpty(dollars)) return cents is { } ct ? PriceFromCents(ct, c, "price.mean") : null;
        var micros = Money.Parse(dollars, $"{c} price.mean_dollars").Micros;
        var ticks = (long)Math.Round(micros / 100m, MidpointRounding.AwayFromZero);
        if (ticks is < 0 or > Price.TicksPerDollar) throw new FormatException($"{c} price.mean_dollars: '{dollars}' is outside [0, 1]");
        return Price.FromTicks((int)ticks);
    }

    private static PriceLevel[] ToLevels(List<List<string>>? pairs, string c, string field)
    {
        if (pairs is null || pairs.Count == 0) return [];
        var levels = new PriceLevel[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i];
            if (pair is null || pair.Count != 2) throw new FormatException($"{c} {field}[{i}]: expected [price_dollars, size_fp]");
            var price = Price.Parse(pair[0], $"{c} {field}[{i}] price");
            var size = Quantity.Parse(pair[1], $"{c} {field}[{i}] size");
            if (!size.IsPositive) throw new FormatException($"{c} {field}[{i}] size: '{pair[1]}' must be positive");
            levels[i] = new PriceLevel(price, size);
        }

        return SortAscending(levels, c, field);
    }

    private static PriceLevel[] ToLegacyLevels(List<List<JsonElement>>? dollars, List<List<JsonElement>>? cents, string c, string side)
    {
        var useDollars = dollars is { Count: > 0 };
        var pairs = useDollars ? dollars : cents;
        if (pairs is null || pairs.Count == 0) return [];
        var field = useDollars ? side + "_dollars" : side;
        var levels = new PriceLevel[pairs.Count];
        for (var i = 0; i < pairs.Count; i++)
        {
            var pair = pairs[i];
            if (pair is null || pair.Count != 2) throw new FormatException($"{c} {field}[{i}]: expected a [price, count] pair");
            Price price;
            if (pair[0].ValueKind == JsonValueKind.String) price = Price.Parse(pair[0].GetString(), $"{c} {field}[{i}] price");
            else if (pair[0].TryGetInt64(out var ct)) price = PriceFromCents(ct, c, $"{field}[{i}] price");
            else throw new FormatException($"{c} {field}[{i}] price: '{Truncate(pair[0].GetRawText())}' is not a price");

            Quantity size;
            if (pair[1].ValueKind == JsonValueKind.String) size = Quantity.Parse(pair[1].GetString(), $"{c} {field}[{i}] size");
            else if (pair[1].TryGetInt64(out var n)) size = Quantity.FromContracts(n);
            else throw new FormatException($"{c} {field}[{i}] size: '{Truncate(pair[1].GetRawText())}' is not a count");
            if (!size.IsPositive) throw new FormatException($"{c} {field}[{i}] size: must be positive");
            levels[i] = new PriceLevel(price, size);
        }

        return SortAscending(levels, c, field);
    }

    private static PriceLevel[] SortAscending(PriceLevel[] levels, string c, string field)
    {
        // Kalshi sends ascending; sort anyway (cheap) so a reordered payload cannot mislead, but reject duplicates,
        // which would make the size at a price ambiguous.
        Array.Sort(levels, static (a, b) => a.Price.Ticks.CompareTo(b.Price.Ticks));
        for (var i = 1; i < levels.Length; i++)
        {
            if (levels[i].Price == levels[i - 1].Price) throw new FormatException($"{c} {field}: price {levels[i].Price} appears twice");
        }

        return levels;
    }

    private static List<List<string>> ToPairs(ReadOnlySpan<PriceLevel> levels)
    {
        var sorted = levels.ToArray();
        Array.Sort(sorted, static (a, b) => a.Price.Ticks.CompareTo(b.Price.Ticks));
        var list = new List<List<string>>(sorted.Length);
        foreach (var l in sorted) list.Add([l.Price.ToDollarString(), l.Size.ToFpString()]);
        return list;
    }
}
