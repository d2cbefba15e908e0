using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Tests.Fees;

public sealed class FeeModelTests
{
    private static readonly FeeSchedule Standard = FeeSchedule.Standard;

    [Fact]
    public void TakerFeePeaksAtOneAndThreeQuarterCentsAtFiftyCents() =>
        Assert.Equal("0.0175", FeeModel.TakerFee(Price.Parse("0.50"), Quantity.FromContracts(1), Standard).ToDollarString());

    [Fact]
    public void TakerFeeRoundsUpToTheNextHundredthOfACent()
    {
        // Reference example: 1 @ $0.055 → 0.00363825 → 0.0037.
        var fee = FeeModel.TakerFee(Price.Parse("0.055"), Quantity.FromContracts(1), Standard);
        Assert.Equal(3_700, fee.Micros);
    }

    [Fact]
    public void RetailBalanceChangeFloorsToTheCentLeavingARoundingFee()
    {
        var price = Price.Parse("0.055");
        var count = Quantity.FromContracts(1);
        var exact = -(price.Times(count) + FeeModel.TakerFee(price, count, Standard));
        Assert.Equal("-0.0587", exact.ToDollarString());
        Assert.Equal("-0.0600", FeeModel.RetailBalanceChange(exact).ToDollarString());
    }

    [Fact]
    public void FeeScalesWithCountBeforeRounding()
    {
        // 100 contracts at 0.30: 0.07 × 100 × 0.3 × 0.7 = 1.47 exactly.
        Assert.Equal("1.4700", FeeModel.TakerFee(Price.Parse("0.30"), Quantity.FromContracts(100), Standard).ToDollarString());
        // 0.5 contract at 0.30: 0.00735 → 0.0074.
        Assert.Equal("0.0074", FeeModel.TakerFee(Price.Parse("0.30"), Quantity.Parse("0.50"), Standard).ToDollarString());
    }

    [Fact]
    public void MakersPayNothingOnPlainQuadraticSeries() =>
        Assert.Equal(Money.Zero, FeeModel.MakerFee(Price.Parse("0.50"), Quantity.FromContracts(10), Standard));

    [Fact]
    public void MakersPayAQuarterOnSeriesThatChargeMakers()
    {
        var schedule = new FeeSchedule(FeeType.QuadraticWithMakerFees, 1m);
        // 0.0175 × 100 × 0.5 × 0.5 = 0.4375.
        Assert.Equal("0.4375", FeeModel.MakerFee(Price.Parse("0.50"), Quantity.FromContracts(100), schedule).ToDollarString());
    }

    [Fact]
    public void MultiplierAndEventOverridesApply()
    {
        var series = new FeeSchedule(FeeType.Quadratic, 1m);
        var overridden = series.WithOverrides(FeeType.QuadraticWithMakerFees, 0.5m);
        Assert.Equal(FeeType.QuadraticWithMakerFees, overridden.Type);
        // 0.5 × 0.07 × 100 × 0.25 = 0.875.
        Assert.Equal("0.8750", FeeModel.TakerFee(Price.Parse("0.50"), Quantity.FromContracts(100), overridden).ToDollarString());
        Assert.Equal(series, series.WithOverrides(null, null));
    }

    [Fact]
    public void AWaiverZeroesFeesUntilItExpires()
    {
        var until = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var schedule = Standard with { WaiverExpiration = until };
        Assert.Equal(Money.Zero, FeeModel.TakerFee(Price.Parse("0.50"), Quantity.FromContracts(1), schedule, until.AddSeconds(-1)));
        Assert.Equal(17_500, FeeModel.TakerFee(Price.Parse("0.50"), Quantity.FromContracts(1), schedule, until).Micros);
    }

    [Fact]
    public void FeeIsSymmetricInYesAndNoPrice() =>
        Assert.Equal(
            FeeModel.TakerFee(Price.Parse("0.12"), Quantity.FromContracts(7), Standard),
            FeeModel.TakerFee(Price.Parse("0.88"), Quantity.FromContracts(7), Standard));

    [Fact]
    public void ConservativeOrderFeeRoundsUpToTheCent() =>
        Assert.Equal("0.0100", FeeModel.ConservativeOrderFee(Price.Parse("0.055"), Quantity.FromContracts(1), Standard).ToDollarString());

    [Fact]
    public void UnknownFeeTypeIsAnError() =>
        Assert.Throws<FormatException>(() => FeeSchedule.ParseType("mystery"));
}
