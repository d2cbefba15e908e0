using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Tests.Support;

namespace KalshiTrader.Exchange.Tests.Matching;

public sealed class LifecycleTests
{
    [Fact]
    public void PauseCancelsOnlyOrdersThatAskedForItAndBlocksTrading()
    {
        var f = new EngineFixture();
        var keep = f.Place(f.Alice, OrderSide.Bid, 40, 1);
        var halt = f.Place(f.Alice, OrderSide.Bid, 41, 1, tweak: r => r with { CancelOrderOnPause = true });
        f.Engine.Pause(EngineFixture.Ticker).Unwrap();

        Assert.Equal("HaltCancel", f.Order(f.Alice, halt).LastUpdateReason);
        Assert.Equal(Core.Primitives.OrderStatus.Resting, f.Order(f.Alice, keep).Status);
        Assert.Equal("market_closed", f.TryPlace(f.Bob, OrderSide.Ask, 40, 1).Error!.Code);
        Assert.Contains(f.Events.Of<MarketLifecycleEvent>(), e => e.EventType == "deactivated");
    }

    [Fact]
    public void ReactivationCancelsEveryRestingOrder()
    {
        var f = new EngineFixture();
        var order = f.Place(f.Alice, OrderSide.Bid, 40, 1);
        f.Engine.Pause(EngineFixture.Ticker).Unwrap();
        f.Engine.Resume(EngineFixture.Ticker).Unwrap();

        Assert.Equal(Core.Primitives.OrderStatus.Canceled, f.Order(f.Alice, order).Status);
        Assert.Equal(MarketStatus.Active, f.Engine.GetMarket(EngineFixture.Ticker)!.Status);
        Assert.Contains(f.Events.Of<MarketLifecycleEvent>(), e => e.EventType == "activated");
    }

    [Fact]
    public void CloseTimeClosesTheMarketAndCancelsRestingOrders()
    {
        var f = new EngineFixture();
        var order = f.Place(f.Alice, OrderSide.Bid, 40, 1);
        f.Clock.Advance(TimeSpan.FromDays(1));
        f.Engine.ProcessTimers();

        Assert.Equal(MarketStatus.Closed, f.Engine.GetMarket(EngineFixture.Ticker)!.Status);
        Assert.Equal("CloseCancel", f.Order(f.Alice, order).LastUpdateReason);
        Assert.Equal(Money.Zero, f.Reserved(f.Alice));
    }

    [Fact]
    public void InitializedMarketOpensAtItsOpenTime()
    {
        var f = new EngineFixture();
        f.Engine.AddMarket(new Market
        {
            Ticker = "KXTEST-LATER", EventTicker = "KXTEST-26MAR02", Status = MarketStatus.Initialized,
            OpenTime = EngineFixture.Start.AddHours(1), CloseTime = EngineFixture.Start.AddHours(2),
        }).Unwrap();
        Assert.Equal("market_closed", f.TryPlace(f.Alice, OrderSide.Bid, 40, 1, ticker: "KXTEST-LATER").Error!.Code);

        f.Clock.Advance(TimeSpan.FromHours(1));
        Assert.True(f.TryPlace(f.Alice, OrderSide.Bid, 40, 1, ticker: "KXTEST-LATER").IsOk);
    }

    [Fact]
    public void SettlementPaysADollarPerWinningContractAndWritesRecords()
    {
        var f = new EngineFixture(settlementTimerSeconds: 300);
        f.Place(f.Alice, OrderSide.Bid, 40, 10);
        f.Place(f.Bob, OrderSide.Ask, 40, 10);
        var aliceBefore = f.Cash(f.Alice) + f.Reserved(f.Alice);
        var bobBefore = f.Cash(f.Bob);

        f.Engine.Determine(EngineFixture.Ticker, MarketResult.Yes).Unwrap();
        Assert.Equal(MarketStatus.Determined, f.Engine.GetMarket(EngineFixture.Ticker)!.Status);
        Assert.Empty(f.Engine.GetSettlements(f.Alice));

        f.Clock.Advance(TimeSpan.FromSeconds(300));
        f.Engine.ProcessTimers();

        Assert.Equal(MarketStatus.Finalized, f.Engine.GetMarket(EngineFixture.Ticker)!.Status);
        Assert.Equal(Money.Parse("10.00"), f.Cash(f.Alice) - aliceBefore);
        Assert.Equal(Money.Zero, f.Cash(f.Bob) - bobBefore);
        var s = f.Engine.GetSettlements(f.Alice).Single();
        Assert.Equal(Money.Parse("10.00"), s.Revenue);
        Assert.Equal(Quantity.FromContracts(10), s.YesCount);
        Assert.Equal(Money.Parse("4.00"), s.YesTotalCost);
        Assert.Equal(Quantity.FromContracts(10), f.Engine.GetSettlements(f.Bob).Single().NoCount);
        Assert.Equal(Quantity.Zero, f.PositionOf(f.Alice));
        Assert.Equal(Money.Zero, f.Engine.GetLedger().Collateral);
        Assert.Contains(f.Events.Of<MarketLifecycleEvent>(), e => e.EventType == "determined");
        Assert.Contains(f.Events.Of<MarketLifecycleEvent>(), e => e.EventType == "settled");
        f.AssertLedgerBalances();
    }

    [Fact]
    public void ScalarSettlementPaysTheValuePerYesAndTheRestPerNo()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Bid, 40, 10);
        f.Place(f.Bob, OrderSide.Ask, 40, 10);
        var aliceBefore = f.Cash(f.Alice) + f.Reserved(f.Alice);
        var bobBefore = f.Cash(f.Bob);

        f.Engine.Determine(EngineFixture.Ticker, MarketResult.Scalar, Price.FromCents(30), finalizeNow: true).Unwrap();

        Assert.Equal(Money.Parse("3.00"), f.Cash(f.Alice) - aliceBefore);
        Assert.Equal(Money.Parse("7.00"), f.Cash(f.Bob) - bobBefore);
        f.AssertLedgerBalances();
    }

    [Fact]
    public void MovingCloseTimeLaterReopensAClosedMarket()
    {
        var f = new EngineFixture();
        f.Engine.Close(EngineFixture.Ticker).Unwrap();
        f.Engine.UpdateCloseTime(EngineFixture.Ticker, EngineFixture.Start.AddDays(3)).Unwrap();
        Assert.Equal(MarketStatus.Active, f.Engine.GetMarket(EngineFixture.Ticker)!.Status);
        Assert.Contains(f.Events.Of<MarketLifecycleEvent>(), e => e.EventType == "close_date_updated");
    }
}
