using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Matching;

namespace KalshiTrader.Exchange.Tests.Matching;

public sealed class FeeCalculatorTests
{
    [Theory]
    [InlineData(FeeType.Quadratic, "1")]
    [InlineData(FeeType.QuadraticWithMakerFees, "1")]
    [InlineData(FeeType.QuadraticWithComboMakerFees, "0.5")]
    [InlineData(FeeType.Flat, "2.25")]
    [InlineData(FeeType.Quadratic, "7.3")]
    [InlineData(FeeType.QuadraticWithMakerFees, "0.0125")]
    public void IntegerFeesEqualTheCoreFeeModel(FeeType type, string multiplier)
    {
        var schedule = new FeeSchedule(type, decimal.Parse(multiplier, System.Globalization.CultureInfo.InvariantCulture));
        var calc = new FeeCalculator(schedule);
        var rng = new Random(42);
        for (var i = 0; i < 2000; i++)
        {
            var price = Price.FromTicks(rng.Next(1, 10_000));
            var count = Quantity.FromHundredths(rng.Next(1, 5_000_000));
            foreach (var taker in new[] { true, false })
            {
                var expected = FeeModel.FillFee(taker, price, count, schedule);
                Assert.Equal(expected.Micros, calc.Fee(taker, price.Ticks, count.Hundredths, 0));
            }
        }
    }

    [Fact]
    public void WaivedFeesAreZeroUntilTheWaiverExpires()
    {
        var until = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var calc = new FeeCalculator(FeeSchedule.Standard with { WaiverExpiration = until });
        Assert.Equal(0, calc.Fee(true, 5000, 100, until.AddSeconds(-1).UtcTicks));
        Assert.True(calc.Fee(true, 5000, 100, until.UtcTicks) > 0);
    }
}
