using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Tests.Support;

namespace KalshiTrader.Exchange.Tests.Matching;

public sealed class OrderTypesTests
{
    [Fact]
    public void FillOrKillThatCannotFillCompletelyDoesNothing()
    {
        var f = new EngineFixture();
        var resting = f.Place(f.Alice, OrderSide.Bid, 40, 3);
        var fok = f.Place(f.Bob, OrderSide.Ask, 40, 5, TimeInForce.FillOrKill);

        Assert.True(fok.FillCount.IsZero);
        Assert.Equal(OrderStatus.Canceled, f.Order(f.Bob, fok).Status);
        Assert.Equal(Quantity.FromContracts(3), f.Order(f.Alice, resting).RemainingCount);
    }

    [Fact]
    public void FillOrKillThatCanFillExecutesCompletely()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Bid, 40, 3);
        f.Place(f.Carol, OrderSide.Bid, 39, 3);
        var fok = f.Place(f.Bob, OrderSide.Ask, 39, 5, TimeInForce.FillOrKill);

        Assert.Equal(Quantity.FromContracts(5), fok.FillCount);
        Assert.Equal(OrderStatus.Executed, f.Order(f.Bob, fok).Status);
    }

    [Fact]
    public void ImmediateOrCancelFillsWhatItCanAndCancelsTheRest()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Bid, 40, 3);
        var ioc = f.Place(f.Bob, OrderSide.Ask, 40, 5, TimeInForce.ImmediateOrCancel);

        var order = f.Order(f.Bob, ioc);
        Assert.Equal(Quantity.FromContracts(3), order.FillCount);
        Assert.True(order.RemainingCount.IsZero);
        Assert.Equal(OrderStatus.Canceled, order.Status);
        Assert.Empty(f.Engine.GetBook(EngineFixture.Ticker)!.NoBids);
    }

    [Fact]
    public void UnfilledImmediateOrCancelEndsCanceled()
    {
        var f = new EngineFixture();
        var ioc = f.Place(f.Bob, OrderSide.Ask, 40, 5, TimeInForce.ImmediateOrCancel);
        Assert.Equal(OrderStatus.Canceled, f.Order(f.Bob, ioc).Status);
        Assert.Equal(f.Cash(f.Alice), f.Cash(f.Bob));
    }

    [Fact]
    public void GoodTillTimeExpiresWithExpiryCancel()
    {
        var f = new EngineFixture();
        var gtt = f.Place(f.Alice, OrderSide.Bid, 40, 3, tweak: r => r with { Expiration = EngineFixture.Start.AddMinutes(5) });
        f.Clock.Advance(TimeSpan.FromMinutes(4));
        f.Engine.ProcessTimers();
        Assert.Equal(OrderStatus.Resting, f.Order(f.Alice, gtt).Status);

        f.Clock.Advance(TimeSpan.FromMinutes(1));
        f.Engine.ProcessTimers();
        var order = f.Order(f.Alice, gtt);
        Assert.Equal(OrderStatus.Canceled, order.Status);
        Assert.Equal("ExpiryCancel", order.LastUpdateReason);
        Assert.True(f.Reserved(f.Alice).Micros == 0);
    }

    [Fact]
    public void ExpirationWithImmediateOrCancelIsRejected()
    {
        var f = new EngineFixture();
        var result = f.TryPlace(f.Alice, OrderSide.Bid, 40, 3, TimeInForce.ImmediateOrCancel, r => r with { Expiration = EngineFixture.Start.AddMinutes(5) });
        Assert.Equal(400, result.Error!.HttpStatus);
    }

    [Fact]
    public void PostOnlyThatWouldCrossIsCanceled()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Bid, 40, 3);
        var post = f.Place(f.Bob, OrderSide.Ask, 40, 3, tweak: r => r with { PostOnly = true });

        var order = f.Order(f.Bob, post);
        Assert.Equal(OrderStatus.Canceled, order.Status);
        Assert.Equal("PostOnlyCrossCancel", order.LastUpdateReason);
        Assert.True(order.FillCount.IsZero);
    }

    [Fact]
    public void PostOnlyThatDoesNotCrossRests()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Bid, 40, 3);
        var post = f.Place(f.Bob, OrderSide.Ask, 41, 3, tweak: r => r with { PostOnly = true });
        Assert.Equal(OrderStatus.Resting, f.Order(f.Bob, post).Status);
    }

    [Fact]
    public void ReduceOnlyWithNothingToReduceIsCanceled()
    {
        var f = new EngineFixture();
        var ro = f.Place(f.Alice, OrderSide.Ask, 40, 3, tweak: r => r with { ReduceOnly = true });
        var order = f.Order(f.Alice, ro);
        Assert.Equal(OrderStatus.Canceled, order.Status);
        Assert.Equal("ReduceOnlyCancel", order.LastUpdateReason);
    }

    [Fact]
    public void ReduceOnlyIsCappedAtThePosition()
    {
        var f = new EngineFixture();
        f.Place(f.Bob, OrderSide.Ask, 40, 2);
        f.Place(f.Alice, OrderSide.Bid, 40, 2); // Alice long 2 YES
        f.Place(f.Carol, OrderSide.Bid, 45, 10);
        var ro = f.Place(f.Alice, OrderSide.Ask, 45, 5, tweak: r => r with { ReduceOnly = true });

        Assert.Equal(Quantity.FromContracts(2), ro.FillCount);
        Assert.Equal(Quantity.Zero, f.PositionOf(f.Alice));
    }

    [Fact]
    public void SelfTradeTakerAtCrossCancelsTheIncomingRemainder()
    {
        var f = new EngineFixture();
        f.Place(f.Bob, OrderSide.Bid, 42, 1);
        var own = f.Place(f.Alice, OrderSide.Bid, 41, 5);
        var incoming = f.Place(f.Alice, OrderSide.Ask, 40, 4);

        var order = f.Order(f.Alice, incoming);
        Assert.Equal(Quantity.FromContracts(1), order.FillCount);
        Assert.Equal(OrderStatus.Canceled, order.Status);
        Assert.Equal("SelfTradeCancel", order.LastUpdateReason);
        Assert.Equal(OrderStatus.Resting, f.Order(f.Alice, own).Status);
    }

    [Fact]
    public void SelfTradeMakerCancelsTheRestingOrderAndKeepsMatching()
    {
        var f = new EngineFixture();
        var own = f.Place(f.Alice, OrderSide.Bid, 41, 5);
        f.Place(f.Bob, OrderSide.Bid, 40, 5);
        var incoming = f.Place(f.Alice, OrderSide.Ask, 40, 4, tweak: r => r with { SelfTradePrevention = SelfTradePrevention.Maker });

        Assert.Equal("SelfTradeCancel", f.Order(f.Alice, own).LastUpdateReason);
        Assert.Equal(Quantity.FromContracts(4), incoming.FillCount);
        Assert.Equal(0.40m, f.Engine.GetFills(f.Alice).First().YesPrice.Dollars);
    }

    [Fact]
    public void ReusedClientOrderIdIsAConflict()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Bid, 40, 1, tweak: r => r with { ClientOrderId = new ClientOrderId("abc") });
        var again = f.TryPlace(f.Alice, OrderSide.Bid, 41, 1, tweak: r => r with { ClientOrderId = new ClientOrderId("abc") });
        var otherAccount = f.TryPlace(f.Bob, OrderSide.Bid, 41, 1, tweak: r => r with { ClientOrderId = new ClientOrderId("abc") });

        Assert.Equal(409, again.Error!.HttpStatus);
        Assert.True(otherAccount.IsOk);
    }

    [Fact]
    public void AmendTakesTheNewTotalCountAndLosesQueuePriority()
    {
        var f = new EngineFixture();
        var first = f.Place(f.Alice, OrderSide.Bid, 40, 5);
        var second = f.Place(f.Bob, OrderSide.Bid, 40, 5);
        f.Place(f.Carol, OrderSide.Ask, 40, 2); // Alice filled 2, 3 remain

        var change = f.Engine.Amend(f.Alice, first.OrderId, OrderSide.Bid, Price.FromCents(40), Quantity.FromContracts(6)).Unwrap();

        Assert.Equal(Quantity.FromContracts(4), change.RemainingCount);
        Assert.Equal(Quantity.FromContracts(5), f.Engine.GetQueuePosition(f.Alice, first.OrderId));
        Assert.Equal("Amend", f.Order(f.Alice, first).LastUpdateReason);
        Assert.Equal(Quantity.Zero, f.Engine.GetQueuePosition(f.Bob, second.OrderId));
    }

    [Fact]
    public void AmendToACrossingPriceTrades()
    {
        var f = new EngineFixture();
        f.Place(f.Bob, OrderSide.Ask, 45, 3);
        var mine = f.Place(f.Alice, OrderSide.Bid, 40, 3);
        f.Engine.Amend(f.Alice, mine.OrderId, OrderSide.Bid, Price.FromCents(46), Quantity.FromContracts(3)).Unwrap();
        var order = f.Order(f.Alice, mine);
        Assert.Equal(OrderStatus.Executed, order.Status);
        Assert.Equal(0.45m, f.Engine.GetFills(f.Alice).Single().YesPrice.Dollars);
    }

    [Fact]
    public void DecreaseByAndToShrinkTheOrderAndKeepItsPlace()
    {
        var f = new EngineFixture();
        var mine = f.Place(f.Alice, OrderSide.Bid, 40, 10);
        f.Place(f.Bob, OrderSide.Bid, 40, 1);

        Assert.Equal(Quantity.FromContracts(7), f.Engine.DecreaseBy(f.Alice, mine.OrderId, Quantity.FromContracts(3)).Unwrap().RemainingCount);
        Assert.Equal(Quantity.FromContracts(2), f.Engine.DecreaseTo(f.Alice, mine.OrderId, Quantity.FromContracts(2)).Unwrap().RemainingCount);
        Assert.Equal(Quantity.Zero, f.Engine.GetQueuePosition(f.Alice, mine.OrderId));
        Assert.False(f.Engine.DecreaseTo(f.Alice, mine.OrderId, Quantity.FromContracts(5)).IsOk);
    }

    [Fact]
    public void CancelIsDecreaseToZeroAndReportsReducedBy()
    {
        var f = new EngineFixture();
        var mine = f.Place(f.Alice, OrderSide.Bid, 40, 10);
        f.Place(f.Bob, OrderSide.Ask, 40, 4);
        var change = f.Engine.Cancel(f.Alice, mine.OrderId).Unwrap();

        Assert.Equal(Quantity.FromContracts(6), change.ReducedBy);
        Assert.Equal(OrderStatus.Canceled, f.Order(f.Alice, mine).Status);
        Assert.Equal(Money.Zero, f.Reserved(f.Alice));
        Assert.Equal(404, f.Engine.Cancel(f.Bob, mine.OrderId).Error!.HttpStatus);
    }

    [Fact]
    public void BatchCreateAndCancelReturnOneResultPerItem()
    {
        var f = new EngineFixture();
        var requests = new[]
        {
            new OrderRequest { Ticker = EngineFixture.Ticker, Side = OrderSide.Bid, YesPrice = Price.FromCents(30), Count = Quantity.FromContracts(1) },
            new OrderRequest { Ticker = "NOPE", Side = OrderSide.Bid, YesPrice = Price.FromCents(30), Count = Quantity.FromContracts(1) },
            new OrderRequest { Ticker = EngineFixture.Ticker, Side = OrderSide.Bid, YesPrice = Price.FromCents(31), Count = Quantity.FromContracts(1) },
        };
        var results = f.Engine.SubmitBatch(f.Alice, requests);
        Assert.True(results[0].IsOk);
        Assert.Equal(404, results[1].Error!.HttpStatus);
        Assert.True(results[2].IsOk);

        var cancels = f.Engine.CancelBatch(f.Alice, [results[0].Value!.OrderId, new OrderId("missing"), results[2].Value!.OrderId]);
        Assert.True(cancels[0].IsOk);
        Assert.False(cancels[1].IsOk);
        Assert.Equal(Quantity.FromContracts(1), cancels[2].Value!.ReducedBy);
    }

    [Fact]
    public void CancelAllCancelsOnlyThatAccountsRestingOrders()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Bid, 30, 1);
        f.Place(f.Alice, OrderSide.Ask, 70, 1);
        var bobs = f.Place(f.Bob, OrderSide.Bid, 31, 1);
        Assert.Equal(2, f.Engine.CancelAll(f.Alice));
        Assert.Equal(OrderStatus.Resting, f.Order(f.Bob, bobs).Status);
        Assert.Empty(f.Engine.GetOrders(f.Alice, status: OrderStatus.Resting));
    }

    [Fact]
    public void PartialFillFaultFillsHalfAndRestsTheRest()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Bid, 40, 10);
        f.Engine.InjectPartialFills(1);
        var ack = f.Place(f.Bob, OrderSide.Ask, 40, 8);
        Assert.Equal(Quantity.FromContracts(4), ack.FillCount);
        Assert.Equal(Quantity.FromContracts(4), ack.RemainingCount);
        var next = f.Place(f.Carol, OrderSide.Ask, 40, 2);
        Assert.Equal(Quantity.FromContracts(2), next.FillCount);
    }
}
