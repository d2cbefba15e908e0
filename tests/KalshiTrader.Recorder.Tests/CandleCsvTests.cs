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
    public async Task ABadPriceNamesTheLineAndTheColumn()
    {
        var text = CandleCsv.Header + "\nX,60,1773500400,0.12345,,,,,,,,,,,,,,1.00,0\n";
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
