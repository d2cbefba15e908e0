using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Tests.Primitives;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("12.3400", 12_340_000)]
    [InlineData("-0.0587", -58_700)]
    [InlineData("0.003638", 3_638)]
    public void DollarStringsParseToMicros(string text, long micros) =>
        Assert.Equal(micros, Money.Parse(text).Micros);

    [Theory]
    [InlineData(3_638, "0.003638")]
    [InlineData(58_700, "0.0587")]
    [InlineData(1_000_000, "1.0000")]
    [InlineData(-60_000, "-0.0600")]
    public void FormatsWithFourDecimalsOrMoreWhenNeeded(long micros, string text) =>
        Assert.Equal(text, Money.FromMicros(micros).ToDollarString());

    [Fact]
    public void CeilingToTickRoundsFeesUp()
    {
        Assert.Equal(3_700, Money.FromMicros(3_638).CeilingToTick().Micros);
        Assert.Equal(3_700, Money.FromMicros(3_700).CeilingToTick().Micros);
    }

    [Fact]
    public void FloorToCentRoundsTowardMinusInfinity()
    {
        // The reference example: a balance change of −0.0587 floors to −0.06.
        Assert.Equal(-60_000, Money.Parse("-0.0587").FloorToCent().Micros);
        Assert.Equal(50_000, Money.Parse("0.0587").FloorToCent().Micros);
    }

    [Fact]
    public void DisplayStringShowsCents() =>
        Assert.Equal("-$1.23", Money.Parse("-1.2345").ToDisplayString());
}
