using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Recorder.Tests;

public sealed class CandleCsvTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CandlesSurviveAWriteAndReadExactly()
    {
        var candle = new Candlestick
        {
            Ticker = "KXTEST-26MAR-T3.1", PeriodMinutes = 60, EndPeriod = new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero),
            YesBid = new Ohlc(Price.FromTicks(1), Price.FromTicks(9999), Price.FromTicks(1), Price.FromTicks(4205)),
            YesAsk = null, TradePrice = new Ohlc(Price.FromTicks(770), Price.FromTicks(775), Price.FromTicks(765), Price.FromTicks(771)),
            MeanPrice = Price.FromTicks(772), PreviousPrice = null, Volume = Quantity.FromHundredths(413220), OpenInterest = Quantity.FromHundredths(1),
        };
        using var writer = new StringWriter();
        await CandleCsv.WriteAsync(writer, [candle], Ct);
        Assert.Contains("0.0001,0.9999,0.0001,0.4205", writer.ToString(), StringComparison.Ordinal);

        var back = new List<Candlestick>();
        await foreach (var c in CandleCsv.ReadAsync(new StringReader(writer.ToString()), Ct)) back.Add(c);
        var only = Assert.Single(back);
        Assert.Equal(candle.YesBid, only.YesBid);
        Assert.Null(only.YesAsk);
        Assert.Equal(candle.TradePrice, only.TradePrice);
        Assert.Equal(candle.EndPeriod, only.EndPeriod);
        Assert.Equal(candle.Volume, only.Volume);
    }

    [Fact]
    public async Task TheCsvOfTheCandlesCommandImportsToo()
    {
        // The header and a row as `kalshi-trader candles --format csv` writes them (Cli/Common/CandleCsv).
        var text = "ticker,period_minutes,end_period_ts,end_period_utc,yes_bid_open,yes_bid_high,yes_bid_low,yes_bid_close,"
            + "yes_ask_open,yes_ask_high,yes_ask_low,yes_ask_close,price_open,price_high,price_low,price_close,price_mean,price_previous,"
            + "volume_fp,open_interest_fp\n"
            + "KXTEST-26MAR-T3.1,60,1773500400,2026-03-14T15:00:00Z,0.4100,0.4300,0.4000,0.4200,,,,,0.4150,0.4150,0.4150,0.4150,,,120.50,7.00\n";
        var only = Assert.Single(await ReadAllAsync(text));
        Assert.Equal(new DateTimeOffset(2026, 3, 14, 15, 0, 0, TimeSpan.Zero), only.EndPeriod);
        Assert.Equal(Quantity.FromHundredths(12050), only.Volume);
        Assert.Equal(Quantity.FromHundredths(700), only.OpenInterest);
        Assert.Equal(Price.FromTicks(4200), only.YesBid!.Value.Close);
    }

    [Fact]
    public async Task AFileWithoutAVolumeColumnIsRefusedRatherThanImportedAsZero()
    {
        var ex = await Assert.ThrowsAsync<FormatException>(() => ReadAllAsync("ticker,period_minutes,end_period\nX,60,1773500400\n"));
        Assert.Contains("'volume'", ex.Message, StringComparison.Ordinal);
    }

    private static async Task<List<Candlestick>> ReadAllAsync(string text)
    {
        var list = new List<Candlestick>();
        await foreach (var c in CandleCsv.ReadAsync(new StringReader(text), Ct)) list.Add(c);
        return list;
    }

    [Fact]
    public async Task ABadPriceNamesTheLineAndTheColumn()
    {
        var text = CandleCsv.Header + "\nX,60,1773500400,,0.12345,,,,,,,,,,,,,,1.00,0\n";
        var ex = await Assert.ThrowsAsync<FormatException>(async () =>
        {
            await foreach (var _ in CandleCsv.ReadAsync(new StringReader(text), Ct))
            {
            }
        });
        Assert.Contains("line 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("yes_bid_open", ex.Message, StringComparison.Ordinal);
    }
}
