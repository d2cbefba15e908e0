using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Tests.Primitives;

public sealed class QuantityTests
{
    [Theory]
    [InlineData("4132.20", 413220)]
    [InlineData("6251.22", 625122)]
    [InlineData("-54.00", -5400)]
    [InlineData("0.01", 1)]
    [InlineData("1687417.73", 168741773)]
    [InlineData("75", 7500)]
    public void FixedPointCountsParseToHundredths(string text, long hundredths) =>
        Assert.Equal(hundredths, Quantity.Parse(text).Hundredths);

    [Theory]
    [InlineData(413220, "4132.20")]
    [InlineData(-5400, "-54.00")]
    [InlineData(1, "0.01")]
    [InlineData(0, "0.00")]
    public void HundredthsFormatAsTwoDecimalStrings(long hundredths, string text) =>
        Assert.Equal(text, Quantity.FromHundredths(hundredths).ToFpString());

    [Fact]
    public void ThousandthsOfAContractAreRejectedWithTheFieldNamed()
    {
        var ex = Assert.Throws<FormatException>(() => Quantity.Parse("1.005", "delta_fp"));
        Assert.Contains("delta_fp", ex.Message);
    }

    [Fact]
    public void ArithmeticStaysInHundredths()
    {
        var a = Quantity.Parse("10.25");
        var b = Quantity.Parse("0.75");
        Assert.Equal("11.00", (a + b).ToFpString());
        Assert.Equal("9.50", (a - b).ToFpString());
        Assert.True((a + b).IsWholeContracts);
        Assert.Equal(b, Quantity.Min(a, b));
    }
}
