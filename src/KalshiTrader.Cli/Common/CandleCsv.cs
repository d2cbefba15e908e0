using System.Globalization;
using KalshiTrader.Core.Markets;

namespace KalshiTrader.Cli.Common;

/// <summary>
/// The CSV format of <c>kalshi-trader candles --format csv</c> (RFC 4180, comma-separated, one header line,
/// "\n" line ends, no quoting needed because no field can hold a comma):
/// <code>
/// ticker,period_minutes,end_period_ts,end_period_utc,yes_bid_open,yes_bid_high,yes_bid_low,yes_bid_close,yes_ask_open,yes_ask_high,yes_ask_low,yes_ask_close,price_open,price_high,price_low,price_close,price_mean,price_previous,volume_fp,open_interest_fp
/// </code>
/// <list type="bullet">
/// <item><c>end_period_ts</c>: Unix seconds at the END of the period (Kalshi's convention); <c>end_period_utc</c> the same as ISO 8601 UTC.</item>
/// <item>Prices are dollar strings with 4 decimals (<c>0.4200</c>), exactly as parsed; <c>price_*</c> are trade prices and are
/// EMPTY for a period without trades (as are any quote fields Kalshi left out). <c>price_mean</c> is rounded to $0.0001.</item>
/// <item><c>volume_fp</c> and <c>open_interest_fp</c> are contract counts with 2 decimals (<c>120.50</c>).</item>
/// <item>Rows are grouped by ticker, in ascending <c>end_period_ts</c>.</item>
/// </list>
/// </summary>
internal static class CandleCsv
{
    public const string Header =
        "ticker,period_minutes,end_period_ts,end_period_utc,yes_bid_open,yes_bid_high,yes_bid_low,yes_bid_close,"
        + "yes_ask_open,yes_ask_high,yes_ask_low,yes_ask_close,price_open,price_high,price_low,price_close,price_mean,price_previous,"
        + "volume_fp,open_interest_fp";

    public static void Write(TextWriter writer, IEnumerable<Candlestick> candles)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header + "\n");
        foreach (var c in candles) writer.Write(Row(c) + "\n");
    }

    public static string Row(Candlestick c)
    {
        ArgumentNullException.ThrowIfNull(c);
        string[] cells =
        [
            c.Ticker.Value,
            c.PeriodMinutes.ToString(CultureInfo.InvariantCulture),
            c.EndPeriod.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            c.EndPeriod.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            .. Ohlc(c.YesBid), .. Ohlc(c.YesAsk), .. Ohlc(c.TradePrice),
            c.MeanPrice?.ToDollarString() ?? "",
            c.PreviousPrice?.ToDollarString() ?? "",
            c.Volume.ToFpString(),
            c.OpenInterest.ToFpString(),
        ];
        return string.Join(',', cells);
    }

    private static string[] Ohlc(Ohlc? o) => o is { } v
        ? [v.Open.ToDollarString(), v.High.ToDollarString(), v.Low.ToDollarString(), v.Close.ToDollarString()]
        : ["", "", "", ""];
}
