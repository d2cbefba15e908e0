using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Tests.Markets;

public sealed class TickGridTests
{
    private static Price P(string s) => Price.Parse(s);

    [Theory]
    [InlineData("0.0010", true)]
    [InlineData("0.0990", true)]
    [InlineData("0.0995", false)]
    [InlineData("0.1000", true)]
    [InlineData("0.1010", false)] // cents only between 0.10 and 0.90
    [InlineData("0.5100", true)]
    [InlineData("0.9010", true)]
    [InlineData("0.9990", true)]
    [InlineData("0.0000", false)] // 0 and 1 are never tradeable
    [InlineData("1.0000", false)]
    public void TaperedDeciCentAcceptsTheRightPrices(string price, bool valid) =>
        Assert.Equal(valid, TickGrid.TaperedDeciCent.IsValid(P(price)));

    [Fact]
    public void RoundingTowardASideNeverImprovesThePriceForTheTrader()
    {
        var grid = TickGrid.TaperedDeciCent;
        Assert.Equal(P("0.5100"), grid.RoundToward(P("0.5150"), OrderSide.Bid));
        Assert.Equal(P("0.5200"), grid.RoundToward(P("0.5150"), OrderSide.Ask));
        Assert.Equal(P("0.0990"), grid.RoundDown(P("0.0999")));
    }

    [Fact]
    public void NextTicksCrossBandBoundaries()
    {
        var grid = TickGrid.TaperedDeciCent;
        Assert.Equal(P("0.1100"), grid.NextUp(P("0.1000")));
        Assert.Equal(P("0.0990"), grid.NextDown(P("0.1000")));
        Assert.Equal(P("0.9010"), grid.NextUp(P("0.9000")));
        Assert.Equal(P("0.8900"), grid.NextDown(P("0.9000")));
        Assert.Null(grid.NextUp(P("0.9990")));
        Assert.Null(grid.NextDown(P("0.0010")));
    }

    [Fact]
    public void LinearCentRejectsSubCentPrices()
    {
        Assert.True(TickGrid.LinearCent.IsValid(P("0.4200")));
        Assert.False(TickGrid.LinearCent.IsValid(P("0.4250")));
        Assert.Equal(P("0.4300"), TickGrid.LinearCent.RoundUp(P("0.4201")));
    }

    [Fact]
    public void UnknownStructureFallsBackToCents() =>
        Assert.Same(TickGrid.LinearCent, TickGrid.FromStructure("center_something_edge_other"));

    [Fact]
    public void ABadRangeIsRejected() =>
        Assert.Throws<ArgumentException>(() => new TickGrid([new PriceRange(P("0.5"), P("0.4"), P("0.01"))]));
}
