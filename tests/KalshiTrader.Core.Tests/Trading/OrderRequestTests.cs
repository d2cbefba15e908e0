using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Core.Tests.Trading;

public sealed class OrderRequestTests
{
    [Fact]
    public void BuyingNoIsAnAskAtTheComplementYesPrice()
    {
        var order = OrderRequest.Buy("KX-1", Outcome.No, Price.Parse("0.30"), Quantity.FromContracts(5));
        Assert.Equal(OrderSide.Ask, order.Side);
        Assert.Equal(Price.Parse("0.70"), order.YesPrice);
        Assert.Equal(Price.Parse("0.30"), order.OutcomePrice);
        Assert.Equal(Outcome.No, order.Buys);
    }

    [Fact]
    public void BuyingYesIsABidAtThatPrice()
    {
        var order = OrderRequest.Buy("KX-1", Outcome.Yes, Price.Parse("0.42"), Quantity.FromContracts(1));
        Assert.Equal(OrderSide.Bid, order.Side);
        Assert.Equal(Price.Parse("0.42"), order.YesPrice);
        Assert.Null(order.Validate());
    }

    [Fact]
    public void ValidationNamesWhatIsWrong()
    {
        var baseOrder = OrderRequest.Buy("KX-1", Outcome.Yes, Price.Parse("0.42"), Quantity.FromContracts(1));
        Assert.Contains("count", (baseOrder with { Count = Quantity.Zero }).Validate());
        Assert.Contains("price", (baseOrder with { YesPrice = Price.One }).Validate());
        Assert.Contains("expiration", (baseOrder with
        {
            TimeInForce = TimeInForce.ImmediateOrCancel,
            Expiration = DateTimeOffset.UnixEpoch,
        }).Validate());
    }
}
