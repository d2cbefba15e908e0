using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Tests.Support;

namespace KalshiTrader.Exchange.Tests.Matching;

public sealed class OrderGroupTests
{
    [Fact]
    public void ReachingTheLimitCancelsTheGroupAndBlocksNewOrdersUntilReset()
    {
        var f = new EngineFixture();
        var group = f.Engine.CreateOrderGroup(f.Alice, Quantity.FromContracts(5)).Unwrap();
        var a = f.Place(f.Alice, OrderSide.Bid, 40, 3, tweak: r => r with { OrderGroupId = group });
        var b = f.Place(f.Alice, OrderSide.Bid, 39, 10, tweak: r => r with { OrderGroupId = group });

        f.Place(f.Bob, OrderSide.Ask, 39, 3); // 3 matched: under the limit
        Assert.Equal(OrderStatus.Resting, f.Order(f.Alice, b).Status);
        f.Place(f.Bob, OrderSide.Ask, 39, 2); // 5 within 15 s: triggered

        Assert.Equal(OrderStatus.Executed, f.Order(f.Alice, a).Status);
        Assert.Equal(OrderStatus.Canceled, f.Order(f.Alice, b).Status);
        Assert.True(f.Engine.GetOrderGroup(f.Alice, group).Unwrap().IsTriggered);
        Assert.Equal("order_group_triggered", f.TryPlace(f.Alice, OrderSide.Bid, 30, 1, tweak: r => r with { OrderGroupId = group }).Error!.Code);
        Assert.Contains(f.Events.Of<OrderGroupChangedEvent>(), e => e.EventType == "triggered");

        f.Engine.ResetOrderGroup(f.Alice, group).Unwrap();
        Assert.True(f.TryPlace(f.Alice, OrderSide.Bid, 30, 1, tweak: r => r with { OrderGroupId = group }).IsOk);
    }

    [Fact]
    public void MatchesOlderThanFifteenSecondsLeaveTheWindow()
    {
        var f = new EngineFixture();
        var group = f.Engine.CreateOrderGroup(f.Alice, Quantity.FromContracts(5)).Unwrap();
        var order = f.Place(f.Alice, OrderSide.Bid, 40, 10, tweak: r => r with { OrderGroupId = group });
        f.Place(f.Bob, OrderSide.Ask, 40, 4);
        f.Clock.Advance(TimeSpan.FromSeconds(16));
        f.Place(f.Bob, OrderSide.Ask, 40, 4);

        Assert.False(f.Engine.GetOrderGroup(f.Alice, group).Unwrap().IsTriggered);
        Assert.Equal(OrderStatus.Resting, f.Order(f.Alice, order).Status);
    }

    [Fact]
    public void TriggerByHandAndDeleteCancelTheGroupsOrders()
    {
        var f = new EngineFixture();
        var group = f.Engine.CreateOrderGroup(f.Alice, Quantity.FromContracts(50)).Unwrap();
        var order = f.Place(f.Alice, OrderSide.Bid, 40, 10, tweak: r => r with { OrderGroupId = group });
        f.Engine.TriggerOrderGroup(f.Alice, group).Unwrap();
        Assert.Equal(OrderStatus.Canceled, f.Order(f.Alice, order).Status);

        f.Engine.ResetOrderGroup(f.Alice, group).Unwrap();
        var again = f.Place(f.Alice, OrderSide.Bid, 40, 10, tweak: r => r with { OrderGroupId = group });
        f.Engine.DeleteOrderGroup(f.Alice, group).Unwrap();
        Assert.Equal(OrderStatus.Canceled, f.Order(f.Alice, again).Status);
        Assert.Equal(404, f.Engine.GetOrderGroup(f.Alice, group).Error!.HttpStatus);
    }

    [Fact]
    public void LoweringTheLimitBelowTheWindowTriggersTheGroup()
    {
        var f = new EngineFixture();
        var group = f.Engine.CreateOrderGroup(f.Alice, Quantity.FromContracts(50)).Unwrap();
        f.Place(f.Alice, OrderSide.Bid, 40, 10, tweak: r => r with { OrderGroupId = group });
        f.Place(f.Bob, OrderSide.Ask, 40, 4);
        f.Engine.UpdateOrderGroupLimit(f.Alice, group, Quantity.FromContracts(3)).Unwrap();
        Assert.True(f.Engine.GetOrderGroup(f.Alice, group).Unwrap().IsTriggered);
    }
}
