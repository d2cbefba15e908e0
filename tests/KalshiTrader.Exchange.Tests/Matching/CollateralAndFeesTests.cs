using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Tests.Support;

namespace KalshiTrader.Exchange.Tests.Matching;

public sealed class CollateralAndFeesTests
{
    [Fact]
    public void RestingBuyReservesCostPlusMaximumFeeRoundedUpToTheCent()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Bid, 40, 10); // 4.00 + taker fee 0.07×10×0.4×0.6 = 0.168 → 4.17
        Assert.Equal(Money.Parse("4.17"), f.Reserved(f.Alice));
        Assert.Equal(Money.Parse("995.83"), f.Cash(f.Alice));
    }

    [Fact]
    public void InsufficientFundsAreRejectedWithAClearCode()
    {
        var f = new EngineFixture(funding: Money.Parse("5.00"));
        var result = f.TryPlace(f.Alice, OrderSide.Bid, 50, 10);
        Assert.False(result.IsOk);
        Assert.Equal("insufficient_balance", result.Error!.Code);
        Assert.Equal(400, result.Error.HttpStatus);
        Assert.Contains("available 5.00", result.Error.Message);
        Assert.Empty(f.Engine.GetOrders(f.Alice));
    }

    [Fact]
    public void TakerPaysPriceAndFeeFlooredToTheCent()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Bid, 40, 10);
        f.Place(f.Bob, OrderSide.Ask, 40, 4); // buys NO at 0.60: 2.40 + fee 0.0672 = 2.4672 → 2.47

        Assert.Equal(Money.Parse("997.53"), f.Cash(f.Bob));
        Assert.Equal(Money.Parse("0.0672"), f.Engine.GetFills(f.Bob).Single().Fee);
        Assert.Equal(Money.Zero, f.Engine.GetFills(f.Alice).Single().Fee); // quadratic: makers pay nothing
        Assert.Equal(Money.Parse("998.40"), f.Cash(f.Alice) + f.Reserved(f.Alice));
        f.AssertLedgerBalances();
    }

    [Fact]
    public void MakerPaysAQuarterRateOnMakerFeeSeries()
    {
        var f = new EngineFixture(fees: new FeeSchedule(FeeType.QuadraticWithMakerFees, 1m));
        f.Place(f.Alice, OrderSide.Bid, 40, 10);
        f.Place(f.Bob, OrderSide.Ask, 40, 4);
        Assert.Equal(Money.Parse("0.0168"), f.Engine.GetFills(f.Alice).Single().Fee);
        f.AssertLedgerBalances();
    }

    [Fact]
    public void SubCentFeesRoundUpToTheTickAndBalancesFloorToTheCent()
    {
        // The reference's worked example: 1 @ $0.055 → fee 0.00363825 → 0.0037; −0.0587 floors to −0.06.
        var f = new EngineFixture(priceLevelStructure: "deci_cent");
        f.Engine.Submit(f.Alice, new OrderRequest
        {
            Ticker = EngineFixture.Ticker, Side = OrderSide.Ask, YesPrice = Price.FromTicks(550), Count = Quantity.FromContracts(1),
        }).Unwrap();
        var before = f.Cash(f.Bob);
        f.Engine.Submit(f.Bob, new OrderRequest
        {
            Ticker = EngineFixture.Ticker, Side = OrderSide.Bid, YesPrice = Price.FromTicks(550), Count = Quantity.FromContracts(1),
        }).Unwrap();

        Assert.Equal(Money.Parse("0.0037"), f.Engine.GetFills(f.Bob).Single().Fee);
        Assert.Equal(Money.Parse("-0.06"), f.Cash(f.Bob) - before);
        Assert.True(f.Engine.GetLedger().RoundingFees >= Money.Parse("0.0013"));
        f.AssertLedgerBalances();
    }

    [Fact]
    public void BuyingNoWhileLongYesRedeemsPairsForADollar()
    {
        var f = new EngineFixture();
        f.Place(f.Bob, OrderSide.Ask, 40, 4);
        f.Place(f.Alice, OrderSide.Bid, 40, 4); // Alice long 4 YES at 0.40 (as taker: fee 0.0672 → pays 1.67)
        var afterBuy = f.Cash(f.Alice);

        f.Place(f.Carol, OrderSide.Bid, 50, 4);
        f.Place(f.Alice, OrderSide.Ask, 50, 4); // buys NO at 0.50 against her YES: receives 4 × (1 − 0.50) − fee

        Assert.Equal(Quantity.Zero, f.PositionOf(f.Alice));
        var fee = f.Engine.GetFills(f.Alice).First().Fee; // 0.07×4×0.25 = 0.07
        Assert.Equal(Money.Parse("0.07"), fee);
        Assert.Equal(Money.Parse("1.93"), f.Cash(f.Alice) - afterBuy);
        var position = f.Engine.GetPositions(f.Alice).Single();
        Assert.Equal(Money.Parse("0.40"), position.RealizedPnl);
        f.AssertLedgerBalances();
    }

    [Fact]
    public void SellingAHeldPositionNeedsNoCash()
    {
        var f = new EngineFixture(funding: Money.Parse("2.00"));
        f.Engine.Fund(f.Bob, Money.Parse("100")).Unwrap();
        f.Place(f.Bob, OrderSide.Ask, 40, 4);
        f.Place(f.Alice, OrderSide.Bid, 40, 4); // spends 1.67 of 2.00
        var sell = f.TryPlace(f.Alice, OrderSide.Ask, 90, 4); // buys NO at 0.10 ×4 = 0.40 > cash, but it closes YES
        Assert.True(sell.IsOk, sell.Error?.ToString());
        Assert.Equal(Money.Zero, f.Reserved(f.Alice));
    }

    [Fact]
    public void OpenInterestCountsOutstandingPairs()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Bid, 40, 5);
        f.Place(f.Bob, OrderSide.Ask, 40, 5);
        Assert.Equal(Quantity.FromContracts(5), f.Engine.GetMarket(EngineFixture.Ticker)!.OpenInterest);
        f.Place(f.Alice, OrderSide.Ask, 40, 2);
        f.Place(f.Bob, OrderSide.Bid, 40, 2); // both close 2
        Assert.Equal(Quantity.FromContracts(3), f.Engine.GetMarket(EngineFixture.Ticker)!.OpenInterest);
        Assert.Equal(Money.Parse("3.00"), f.Engine.GetLedger().Collateral);
        f.AssertLedgerBalances();
    }

    [Fact]
    public void ReservationAloneCoversTheMakersFill()
    {
        var f = new EngineFixture(funding: Money.Parse("10.00"));
        var bid = f.Place(f.Alice, OrderSide.Bid, 50, 10); // reserves 5.18
        f.Engine.Fund(f.Alice, -f.Cash(f.Alice)).Unwrap(); // withdraw the rest
        f.Place(f.Bob, OrderSide.Ask, 50, 10);
        Assert.Equal(OrderStatus.Executed, f.Order(f.Alice, bid).Status);
        Assert.Equal(Money.Parse("0.18"), f.Cash(f.Alice));
        f.AssertLedgerBalances();
    }

    [Fact]
    public void MakerWhoCannotPayIsMarginCanceled()
    {
        var f = new EngineFixture();
        f.Place(f.Bob, OrderSide.Ask, 40, 4);
        f.Place(f.Alice, OrderSide.Bid, 40, 4);               // Alice long 4 YES
        var sell = f.Place(f.Alice, OrderSide.Ask, 90, 4);    // closes YES, so nothing is reserved
        f.Place(f.Carol, OrderSide.Bid, 60, 4);
        f.Place(f.Alice, OrderSide.Ask, 60, 4);               // sold elsewhere: the resting ask now opens NO
        f.Engine.Fund(f.Alice, -f.Cash(f.Alice)).Unwrap();

        var hit = f.Place(f.Bob, OrderSide.Bid, 90, 4);

        Assert.True(hit.FillCount.IsZero);
        Assert.Equal("MarginCancel", f.Order(f.Alice, sell).LastUpdateReason);
        Assert.True(f.Cash(f.Alice) >= Money.Zero);
        f.AssertLedgerBalances();
    }
}
