using System.Globalization;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Recorder;

/// <summary>
/// THE candles CSV format, written by <c>kalshi-trader candles --format csv</c> and read by
/// <c>kalshi-trader db import candles --csv</c> (RFC 4180, one header line, no field can hold a comma):
/// <code>
/// ticker,period_minutes,end_period_ts,end_period_utc,yes_bid_open,yes_bid_high,yes_bid_low,yes_bid_close,yes_ask_open,yes_ask_high,yes_ask_low,yes_ask_close,price_open,price_high,price_low,price_close,price_mean,price_previous,volume_fp,open_interest_fp
/// </code>
/// <list type="bullet">
/// <item><c>end_period_ts</c>: Unix seconds at the END of the period (Kalshi's convention); <c>end_period_utc</c> the same
/// instant as ISO 8601 UTC, for people (ignored on input when <c>end_period_ts</c> is present).</item>
/// <item>Prices are 4-decimal dollar strings (<c>0.4200</c>), exactly as Kalshi sent them; <c>price_*</c> are trade prices,
/// EMPTY for a period without trades. An empty field is an absent value.</item>
/// <item><c>volume_fp</c>, <c>open_interest_fp</c>: contract counts with 2 decimals (<c>120.50</c>).</item>
/// <item>Rows are grouped by ticker, in ascending <c>end_period_ts</c>.</item>
/// </list>
/// On input the older names <c>end_period</c> (RFC 3339 or Unix seconds), <c>volume</c> and <c>open_interest</c> are accepted
/// too; a file naming no volume column is refused rather than imported with zero volume.
/// </summary>
public static class CandleCsv
{
    public static readonly string[] Columns =
    [
        "ticker", "period_minutes", "end_period_ts", "end_period_utc",
        "yes_bid_open", "yes_bid_high", "yes_bid_low", "yes_bid_close",
        "yes_ask_open", "yes_ask_high", "yes_ask_low", "yes_ask_close",
        "price_open", "price_high", "price_low", "price_close", "price_mean", "price_previous",
        "volume_fp", "open_interest_fp",
    ];

    public static string Header => string.Join(",", Columns);

    // Other spellings accepted on input, in order of preference (the first present wins).
    private static readonly Dictionary<string, string[]> Aliases = new(StringComparer.Ordinal)
    {
        ["end_period_ts"] = ["end_period", "end_period_utc"],
        ["volume_fp"] = ["volume"],
        ["open_interest_fp"] = ["open_interest"],
    };

    public static string Format(Candlestick c)
    {
        static string P(Price? p) => p?.ToDollarString() ?? "";
        static IEnumerable<string> O(Ohlc? o) => o is { } x ? [P(x.Open), P(x.High), P(x.Low), P(x.Close)] : ["", "", "", ""];
        IEnumerable<string> fields =
        [
            c.Ticker.Value, c.PeriodMinutes.ToString(CultureInfo.InvariantCulture),
            c.EndPeriod.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            c.EndPeriod.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            .. O(c.YesBid), .. O(c.YesAsk), .. O(c.TradePrice), P(c.MeanPrice), P(c.PreviousPrice), c.Volume.ToFpString(), c.OpenInterest.ToFpString(),
        ];
        return string.Join(",", fields);
    }

    public static async Task WriteAsync(TextWriter writer, IEnumerable<Candlestick> candles, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(Header.AsMemory(), cancellationToken).ConfigureAwait(false);
        foreach (var c in candles) await writer.WriteLineAsync(Format(c).AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Parses every line; a bad line throws <see cref="FormatException"/> naming the line number and the column.</summary>
    public static async IAsyncEnumerable<Candlestick> ReadAsync(
        TextReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var header = await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new FormatException("candles csv: the file is empty (expected a header line)");
        var names = header.Trim().Split(',').Select(n => n.Trim()).ToArray();
        var index = Columns.ToDictionary(c => c, c => Array.IndexOf(names, c));
        foreach (var (column, others) in Aliases)
        {
            foreach (var other in others)
            {
                if (index[column] < 0) index[column] = Array.IndexOf(names, other);
            }
        }

        foreach (var required in new[] { "ticker", "period_minutes", "end_period_ts", "volume_fp" })
        {
            if (index[required] < 0)
            {
                var also = Aliases.TryGetValue(required, out var a) ? $" (or {string.Join(" or ", a.Select(x => $"'{x}'"))})" : "";
                throw new FormatException($"candles csv: header lacks the '{required}' column{also}");
            }
        }

        var lineNumber = 1;
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var f = line.Split(',');
            string? Get(string column) => index[column] is var i and >= 0 && i < f.Length && f[i].Trim().Length > 0 ? f[i].Trim() : null;
            Candlestick candle;
            try
            {
                Price? P(string column) => Get(column) is { } s ? Price.Parse(s, column) : null;
                Ohlc? O(string prefix) => P(prefix + "_open") is { } open
                    ? new Ohlc(open, P(prefix + "_high") ?? open, P(prefix + "_low") ?? open, P(prefix + "_close") ?? open)
                    : null;
                candle = new Candlestick
                {
                    Ticker = Get("ticker") ?? throw new FormatException("ticker: empty"),
                    PeriodMinutes = int.Parse(Get("period_minutes") ?? throw new FormatException("period_minutes: empty"), CultureInfo.InvariantCulture),
                    EndPeriod = ParseTime(Get("end_period_ts") ?? throw new FormatException("end_period_ts: empty")),
                    YesBid = O("yes_bid"),
                    YesAsk = O("yes_ask"),
                    TradePrice = O("price"),
                    MeanPrice = P("price_mean"),
                    PreviousPrice = P("price_previous"),
                    Volume = Get("volume_fp") is { } v ? Quantity.Parse(v, "volume_fp") : Quantity.Zero,
                    OpenInterest = Get("open_interest_fp") is { } oi ? Quantity.Parse(oi, "open_interest_fp") : Quantity.Zero,
                };
            }
            catch (Exception ex) when (ex is FormatException or OverflowException)
            {
                throw new FormatException($"candles csv line {lineNumber}: {ex.Message}", ex);
            }

            yield return candle;
        }
    }

    private static DateTimeOffset ParseTime(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
