using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Tests.Support;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Tests.Wire;

/// <summary>Account, portfolio and order fixtures parse to the right domain values.</summary>
public sealed class PortfolioFixtureTests
{
    private static readonly KalshiRestJsonContext Json = KalshiRestJsonContext.Default;

    [Fact]
    public void AccountLimitsAndEndpointCostsRead()
    {
        var limits = RestFixtures.Read("account_limits.json", Json.AccountLimitsResponse);
        Assert.Equal("advanced", limits.UsageTier);
        Assert.Equal(720m, limits.Write!.BucketCapacity);
        var costs = RestFixtures.Read("endpoint_costs.json", Json.EndpointCostsResponse);
        Assert.Equal(10m, costs.DefaultCost);
        Assert.Equal(3, costs.EndpointCosts.Count);
    }

    [Fact]
    public void BalancePrefersDollarsOverCents()
    {
        var b = WireMapper.ToBalance(RestFixtures.Read("balance.json", Json.BalanceResponse));
        Assert.Equal(Money.Parse("1023.4567"), b.Available);
        Assert.Equal(Money.FromCents(50010), b.PortfolioValue);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1780700400), b.UpdatedTime);
    }

    [Fact]
    public void PositionsAreSignedAndParseLegacyCents()
    {
        var wire = RestFixtures.Read("positions.json", Json.PositionsResponse);
        var short_ = WireMapper.ToMarketPosition(wire.MarketPositions[0]);
        Assert.Equal(-2550, short_.Position.Hundredths);                  // short YES = long NO
        Assert.Equal(Money.Parse("22.3125"), short_.MarketExposure);
        Assert.Equal(Money.FromMicros(-1_250_000), short_.RealizedPnl);    // 6 decimals kept exactly
        Assert.Equal(Quantity.FromContracts(2), short_.RestingOrdersCount);
        var legacy = WireMapper.ToMarketPosition(wire.MarketPositions[1]);
        Assert.Equal(Quantity.FromContracts(10), legacy.Position);
        Assert.Equal(Money.FromCents(420), legacy.MarketExposure);
        Assert.Equal(Money.FromCents(17), legacy.FeesPaid);
        var ev = WireMapper.ToEventPosition(Assert.Single(wire.EventPositions));
        Assert.Equal(2550, ev.TotalCostShares.Hundredths);
        Assert.Equal(Money.Parse("0.4466"), ev.FeesPaid);
    }

    [Fact]
    public void FillsResolveSideFromBookSideOrLegacySideAndAction()
    {
        var fills = RestFixtures.Read("fills_page.json", Json.FillsResponse).Fills.Select(WireMapper.ToFill).ToArray();
        var a = fills[0];
        Assert.Equal(OrderSide.Ask, a.Side);
        Assert.Equal(Outcome.No, a.Bought);
        Assert.Equal(1250, a.YesPrice.Ticks);
        Assert.Equal(8750, a.OutcomePrice.Ticks);
        Assert.Equal(650, a.Count.Hundredths);
        Assert.Equal(Money.Parse("0.0498"), a.Fee);
        Assert.True(a.IsTaker);
        Assert.Equal("cli-1", a.ClientOrderId!.Value.Value);
        var b = fills[1];
        Assert.Equal(OrderSide.Ask, b.Side);        // sell YES = buy NO = ask
        Assert.Equal(6100, b.YesPrice.Ticks);
        Assert.Equal(Quantity.FromContracts(4), b.Count);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1780612000), b.Time);
        Assert.Equal("KXFED-26JUN-T4.50", b.Ticker.Value);
    }

    [Fact]
    public void SettlementsReadCentsRevenueAndDollarCosts()
    {
        var s = RestFixtures.Read("settlements_page.json", Json.SettlementsResponse).Settlements.Select(WireMapper.ToSettlement).ToArray();
        Assert.Equal(MarketResult.Yes, s[0].Result);
        Assert.Equal(Money.FromCents(1200), s[0].Revenue);
        Assert.Equal(Price.One, s[0].Value);
        Assert.Equal(1200, s[0].YesCount.Hundredths);
        Assert.Equal(Money.Parse("5.16"), s[0].YesTotalCost);
        Assert.Equal(MarketResult.No, s[1].Result);
        Assert.Null(s[1].Value);
        Assert.Equal(325, s[1].NoCount.Hundredths);
        Assert.Equal(Money.Parse("0.01"), s[1].FeeCost);
    }

    [Fact]
    public void OrdersParseV2AndLegacyShapes()
    {
        var orders = RestFixtures.Read("orders_page.json", Json.OrdersResponse).Orders.Select(WireMapper.ToOrder).ToArray();
        var o = orders[0];
        Assert.Equal(OrderStatus.Resting, o.Status);
        Assert.Equal(OrderSide.Bid, o.Side);
        Assert.Equal(1210, o.YesPrice.Ticks);
        Assert.Equal(3333, o.FillCount.Hundredths);
        Assert.Equal(6667, o.RemainingCount.Hundredths);
        Assert.Equal(Money.FromMicros(4_032_930), o.MakerFillCost);
        Assert.Equal(Money.Parse("0.07"), o.Fees);
        Assert.Equal(SelfTradePrevention.TakerAtCross, o.SelfTradePrevention);
        Assert.Equal("og-1", o.OrderGroupId);
        Assert.True(o.CancelOrderOnPause);
        Assert.Null(o.ExpirationTime);
        var legacy = orders[1];
        Assert.Equal(OrderSide.Ask, legacy.Side);
        Assert.Equal(6100, legacy.YesPrice.Ticks);
        Assert.Equal(OrderStatus.Executed, legacy.Status);
        Assert.Equal(Quantity.FromContracts(4), legacy.FillCount);
    }

    [Fact]
    public void SingleOrderReadsTimeInForceAndEmptyClientId()
    {
        var o = WireMapper.ToOrder(RestFixtures.Read("order.json", Json.OrderResponse).Order);
        Assert.Equal(OrderSide.Ask, o.Side);
        Assert.Equal(OrderStatus.Canceled, o.Status);
        Assert.Null(o.ClientOrderId);
        Assert.Equal(TimeInForce.GoodTillCanceled, o.TimeInForce);
        Assert.Equal(SelfTradePrevention.Maker, o.SelfTradePrevention);
    }

    [Fact]
    public void OrderWriteRepliesParse()
    {
        var ack = WireMapper.ToOrderAck(RestFixtures.Read("create_order_response.json", Json.CreateOrderV2Response));
        Assert.Equal("ord-9", ack.OrderId.Value);
        Assert.Equal(250, ack.FillCount.Hundredths);
        Assert.Equal(750, ack.RemainingCount.Hundredths);
        Assert.Equal(0.412345m, ack.AverageFillPrice);
        Assert.Equal(0.0172m, ack.AverageFeePaid);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1780612261030), ack.Time);

        var cancel = WireMapper.ToOrderChange(RestFixtures.Read("cancel_order_response.json", Json.CancelOrderV2Response));
        Assert.Equal(750, cancel.ReducedBy.Hundredths);
        Assert.Equal(Quantity.Zero, cancel.RemainingCount);
        var amend = WireMapper.ToOrderChange(RestFixtures.Read("amend_order_response.json", Json.AmendOrderV2Response));
        Assert.Equal(1200, amend.RemainingCount.Hundredths);
        Assert.Equal("cli-9b", amend.ClientOrderId!.Value.Value);
        var decrease = WireMapper.ToOrderChange(RestFixtures.Read("decrease_order_response.json", Json.DecreaseOrderV2Response));
        Assert.Equal(400, decrease.RemainingCount.Hundredths);
    }

    [Fact]
    public void BatchRepliesCarryPerItemErrors()
    {
        var create = RestFixtures.Read("batch_create_response.json", Json.BatchCreateOrdersV2Response);
        Assert.Equal("ord-10", WireMapper.ToOrderAck(create.Orders[0]).OrderId.Value);
        Assert.Equal("insufficient_balance", create.Orders[1].Error!.Code);
        Assert.Equal("needs 12.3400", create.Orders[1].Error!.Details);
        var cancel = RestFixtures.Read("batch_cancel_response.json", Json.BatchCancelOrdersV2Response);
        Assert.Equal(500, WireMapper.ToOrderChange(cancel.Orders[0]).ReducedBy.Hundredths);
        Assert.Equal("not_found", cancel.Orders[1].Error!.Code);
    }

    [Fact]
    public void QueuePositionsAndOrderGroupsRead()
    {
        var q = RestFixtures.Read("queue_position.json", Json.QueuePositionResponse);
        Assert.Equal(152075, WireMapper.ParseQuantity(q.QueuePositionFp, q.QueuePosition, "q", "queue_position_fp").Hundredths);
        var qs = RestFixtures.Read("queue_positions.json", Json.QueuePositionsResponse).QueuePositions;
        Assert.Equal(Quantity.FromContracts(3), WireMapper.ParseQuantity(qs[1].QueuePositionFp, qs[1].QueuePosition, "q", "queue_position_fp"));
        var g = RestFixtures.Read("order_group.json", Json.OrderGroupResponse);
        Assert.True(g.IsAutoCancelEnabled);
        Assert.Equal(["ord-1", "ord-7"], g.Orders);
        Assert.Equal("250.00", g.ContractsLimitFp);
        Assert.Equal(2, RestFixtures.Read("order_groups.json", Json.OrderGroupsResponse).OrderGroups.Count);
        Assert.Equal("og-3", RestFixtures.Read("create_order_group_response.json", Json.CreateOrderGroupResponse).OrderGroupId);
    }

    [Fact]
    public void ErrorBodiesReadInEveryShape()
    {
        var full = WireMapper.ParseError(RestFixtures.Text("error_bad_request.json"));
        Assert.Equal(new KalshiErrorInfo("invalid_parameters", "price must be between 0.01 and 0.99", "field: price"), full);
        Assert.Equal(new KalshiErrorInfo(null, "too many requests", null), WireMapper.ParseError("{\"error\":\"too many requests\"}"));
        Assert.Equal(new KalshiErrorInfo("x", "flat", null), WireMapper.ParseError("{\"code\":\"x\",\"message\":\"flat\"}"));
        Assert.Equal(new KalshiErrorInfo(null, "<html>bad gateway</html>", null), WireMapper.ParseError("<html>bad gateway</html>"));
        Assert.Equal(new KalshiErrorInfo(null, null, null), WireMapper.ParseError(""));
    }
}
