using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Tests.Primitives;

public sealed class PriceTests
{
    [Theory]
    [InlineData("0.0770", 770)]
    [InlineData("0.5110", 5110)]
    [InlineData("1.0000", 10000)]
    [InlineData("0", 0)]
    [InlineData("0.42", 4200)]
    [InlineData("0.077000", 770)] // responses may carry 6 decimals; trailing zeros are exact
    [InlineData(" 0.0001 ", 1)]
    public void DollarStringsParseToExactTicks(string text, int ticks) =>
        Assert.Equal(ticks, Price.Parse(text).Ticks);

    [Theory]
    [InlineData(770, "0.0770")]
    [InlineData(1, "0.0001")]
    [InlineData(10000, "1.0000")]
    [InlineData(0, "0.0000")]
    public void TicksFormatAsKalshiFourDecimalStrings(int ticks, string text) =>
        Assert.Equal(text, Price.FromTicks(ticks).ToDollarString());

    [Theory]
    [InlineData("0.07705")]
    [InlineData("0.000001")]
    public void ExtraPrecisionIsAnErrorNamingTheFieldNotARounding(string text)
    {
        var ex = Assert.Throws<FormatException>(() => Price.Parse(text, "yes_bid_dollars"));
        Assert.Contains("yes_bid_dollars", ex.Message);
        Assert.Contains(text, ex.Message);
    }

    [Theory]
    [InlineData("1.0001")]
    [InlineData("-0.0100")]
    [InlineData("2")]
    public void PricesOutsideZeroToOneAreRejected(string text)
    {
        var ex = Assert.Throws<FormatException>(() => Price.Parse(text, "price_dollars"));
        Assert.Contains("price_dollars", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("0.1.2")]
    [InlineData(".")]
    [InlineData("-")]
    [InlineData("0,5")]
    public void MalformedTextIsRejected(string text)
    {
        Assert.False(Price.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Price.Parse(text));
    }

    [Fact]
    public void ComplementIsOneMinusThePrice() =>
        Assert.Equal(Price.FromTicks(9230), Price.Parse("0.0770").Complement);

    [Fact]
    public void Utf8ParsingAgreesWithStringParsing()
    {
        Assert.True(Price.TryParse("0.0410"u8, out var p));
        Assert.Equal(410, p.Ticks);
        Assert.False(Price.TryParse("0.04101"u8, out _));
    }

    [Fact]
    public void PriceTimesCountIsExactMicroDollars()
    {
        // 0.0410 × 6251.22 = 256.30002 dollars exactly.
        var cost = Price.Parse("0.0410").Times(Quantity.Parse("6251.22"));
        Assert.Equal(256_300_020, cost.Micros);
    }

    [Fact]
    public void ConstructingOutOfRangeTicksThrows() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Price.FromTicks(10_001));

    [Fact]
    public void FromDollarsRejectsValuesOffTheTickGrid()
    {
        Assert.Equal(770, Price.FromDollars(0.077m).Ticks);
        Assert.Throws<ArgumentOutOfRangeException>(() => Price.FromDollars(0.07705m));
    }
}
