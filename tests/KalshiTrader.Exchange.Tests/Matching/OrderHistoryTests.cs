using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Tests.Support;

namespace KalshiTrader.Exchange.Tests.Matching;

/// <summary>
/// Finished orders live on as values while their live objects serve new orders: history must read the same, and
/// nothing keyed to a finished order (an expiration, an id) may reach the order that took over its object.
/// </summary>
public sealed class OrderHistoryTests
{
    [Fact]
    public void ACancelledOrdersExpirationDoesNotCancelTheOrderThatReusedItsObject()
    {
        var f = new EngineFixture();
        var gtt = f.Place(f.Alice, OrderSide.Bid, 40, 3, tweak: r => r with { Expiration = EngineFixture.Start.AddMinutes(5) });
        f.Engine.Cancel(f.Alice, gtt.OrderId).Unwrap();
        var successor = f.Place(f.Alice, OrderSide.Bid, 41, 2);

        f.Clock.Advance(TimeSpan.FromMinutes(10));
        f.Engine.ProcessTimers();

        Assert.Equal(OrderStatus.Resting, f.Order(f.Alice, successor).Status);
        Assert.Equal("Decrease", f.Order(f.Alice, gtt).LastUpdateReason);
        f.AssertLedgerBalances();
    }

    [Fact]
    public void FinishedOrdersReadTheSameAfterTheirObjectsServeManyMore()
    {
        var f = new EngineFixture();
        f.Place(f.Bob, OrderSide.Ask, 45, 2);
        var taker = f.Place(f.Alice, OrderSide.Bid, 45, 2, TimeInForce.ImmediateOrCancel);
        var cancelled = f.Place(f.Carol, OrderSide.Bid, 30, 7, tweak: r => r with { ClientOrderId = new ClientOrderId("carol-1") });
        f.Engine.Cancel(f.Carol, cancelled.OrderId).Unwrap();
        var executed = f.Order(f.Alice, taker);
        var gone = f.Order(f.Carol, cancelled);

        for (var i = 0; i < 300; i++)
        {
            var o = f.Place(f.Carol, OrderSide.Bid, 10 + (i % 20), 1);
            f.Engine.Cancel(f.Carol, o.OrderId).Unwrap();
        }

        Assert.Equal(executed, f.Order(f.Alice, taker));
        Assert.Equal(gone, f.Order(f.Carol, cancelled));
        Assert.Equal(new ClientOrderId("carol-1"), gone.ClientOrderId);
        Assert.Equal(OrderStatus.Executed, executed.Status);
        Assert.Equal(Quantity.FromContracts(2), executed.FillCount);
        var fill = Assert.Single(f.Engine.GetFills(f.Alice, orderId: taker.OrderId));
        Assert.Equal(taker.OrderId, fill.OrderId);
        Assert.Equal(301, f.Engine.GetOrders(f.Carol).Count);
        Assert.Equal(Enumerable.Range(0, 301).Select(_ => OrderStatus.Canceled), f.Engine.GetOrders(f.Carol).Select(o => o.Status));
    }

    [Fact]
    public void AnotherAccountsOrderIdIsNotFound()
    {
        var f = new EngineFixture();
        var mine = f.Place(f.Alice, OrderSide.Bid, 40, 1);
        Assert.Null(f.Engine.GetOrder(f.Bob, mine.OrderId));
        Assert.Equal("order_not_found", f.Engine.Cancel(f.Bob, mine.OrderId).Error!.Code);
        Assert.Equal("order_not_found", f.Engine.Cancel(f.Alice, new OrderId("not-an-order")).Error!.Code);
    }

    [Fact]
    public void EventsKeepTheOrderAsItWasWhenTheyWerePublished()
    {
        var f = new EngineFixture();
        var resting = f.Place(f.Alice, OrderSide.Bid, 40, 5);
        f.Place(f.Bob, OrderSide.Ask, 40, 2);
        f.Engine.Cancel(f.Alice, resting.OrderId).Unwrap();

        var updates = f.Events.Of<OrderChangedEvent>().Where(e => e.Order.Id == resting.OrderId).Select(e => e.Order).ToList();
        Assert.Equal([OrderStatus.Resting, OrderStatus.Resting, OrderStatus.Canceled], updates.Select(o => o.Status));
        Assert.Equal([Quantity.FromContracts(5), Quantity.FromContracts(3), Quantity.Zero], updates.Select(o => o.RemainingCount));
    }

    [Fact]
    public void AFinishedOrderReadsExactlyAsItsLastUpdateShowedIt()
    {
        // Finished orders are kept without references (account, market and group as numbers, the reason as a code, the
        // client order id aside): every field must come back as the order's final update published it, in a second
        // market, for orders old enough that their chunk of the live index has been dropped.
        var f = new EngineFixture();
        f.AddMarket("KXTEST-26MAR02-T60");
        var group = f.Engine.CreateOrderGroup(f.Alice, Quantity.FromContracts(1_000)).Unwrap();
        f.Place(f.Bob, OrderSide.Ask, 47, 3, ticker: "KXTEST-26MAR02-T60");
        var traded = f.Place(f.Alice, OrderSide.Bid, 47, 5, TimeInForce.ImmediateOrCancel, ticker: "KXTEST-26MAR02-T60",
            tweak: r => r with { ClientOrderId = new ClientOrderId("alice-ioc"), OrderGroupId = group });
        var expiring = f.Place(f.Alice, OrderSide.Ask, 70, 4, ticker: "KXTEST-26MAR02-T60",
            tweak: r => r with { Expiration = EngineFixture.Start.AddMinutes(5), PostOnly = true, CancelOrderOnPause = true, ClientOrderId = new ClientOrderId("alice-gtt") });
        var amended = f.Place(f.Carol, OrderSide.Bid, 20, 2);
        f.Engine.Amend(f.Carol, amended.OrderId, OrderSide.Bid, Price.FromCents(21), Quantity.FromContracts(3), new ClientOrderId("carol-amended")).Unwrap();
        f.Engine.Cancel(f.Carol, amended.OrderId).Unwrap();
        f.Clock.Advance(TimeSpan.FromMinutes(10));
        f.Engine.ProcessTimers();
        for (var i = 0; i < 1_100; i++)
        {
            var o = f.Place(f.Bob, OrderSide.Bid, 10 + (i % 20), 1);
            f.Engine.Cancel(f.Bob, o.OrderId).Unwrap();
        }

        foreach (var (who, ack) in new[] { (f.Alice, traded), (f.Alice, expiring), (f.Carol, amended) })
        {
            var last = f.Events.Of<OrderChangedEvent>().Last(e => e.Order.Id == ack.OrderId).Order;
            Assert.NotEqual(OrderStatus.Resting, last.Status);
            Assert.Equal(last, f.Order(who, ack));
        }

        Assert.Equal(group, f.Order(f.Alice, traded).OrderGroupId);
        Assert.Equal("ExpiryCancel", f.Order(f.Alice, expiring).LastUpdateReason);
        Assert.Equal(new ClientOrderId("carol-amended"), f.Order(f.Carol, amended).ClientOrderId);
    }

    [Fact]
    public void AnAccountsOrdersAndFillsReadBackInFullAcrossHistoryChunks()
    {
        // An account's order seqs and fills live in chunks of a few thousand and a few hundred rows: well past both.
        var f = new EngineFixture(funding: Money.FromCents(10_000_000));
        var placed = new List<OrderId>();
        for (var i = 0; i < 2_100; i++)
        {
            var o = f.Place(f.Alice, OrderSide.Bid, 10 + (i % 20), 1);
            f.Engine.Cancel(f.Alice, o.OrderId).Unwrap();
            placed.Add(o.OrderId);
        }

        for (var i = 0; i < 300; i++)
        {
            f.Place(f.Bob, OrderSide.Ask, 50, 1);
            placed.Add(f.Place(f.Alice, OrderSide.Bid, 50, 1, TimeInForce.ImmediateOrCancel).OrderId);
        }

        Assert.Equal(Enumerable.Reverse(placed), f.Engine.GetOrders(f.Alice).Select(o => o.Id));
        var fills = f.Engine.GetFills(f.Alice);
        Assert.Equal(300, fills.Count);
        Assert.Equal(Enumerable.Reverse(placed.Skip(2_100)), fills.Select(x => x.OrderId));
        Assert.Equal(Quantity.FromContracts(300), f.PositionOf(f.Alice));
        f.AssertLedgerBalances();
    }
}
