using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.WebSocket;
using KalshiTrader.Kalshi.Wire.Ws;
using static KalshiTrader.Kalshi.Tests.Support.WsFixtures;

namespace KalshiTrader.Kalshi.Tests.Ws;

public sealed class AccountAndLifecycleFrameParsingTests
{
    [Fact]
    public void FillCarriesDirectionPriceFractionalCountFeeAndPostPosition()
    {
        var f = Assert.IsType<FillEvent>(ParseAll("account.jsonl")[0].Event).Fill;

        Assert.Equal("d91bc706-ee49-470d-82d8-11418bda6fed", f.TradeId.Value);
        Assert.Equal("ee587a1c-8b87-4dcf-b721-9f6f790619fa", f.OrderId.Value);
        Assert.Equal("kt-7f3a", f.ClientOrderId!.Value.Value);
        Assert.Equal("KXWC-30-POR", f.Ticker.Value);
        Assert.Equal(OrderSide.Ask, f.Side);
        Assert.Equal(Outcome.No, f.Bought);
        Assert.Equal(Price.Parse("0.0770"), f.YesPrice);
        Assert.Equal(Price.Parse("0.9230"), f.OutcomePrice);
        Assert.Equal(Quantity.Parse("12.37"), f.Count);
        Assert.Equal(Money.Parse("0.0600"), f.Fee);
        Assert.Equal(Quantity.Parse("-112.37"), f.PostPosition);
        Assert.True(f.IsTaker);
        Assert.Equal(3, f.Subaccount);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1770897982345), f.Time);
    }

    [Theory]
    [InlineData("\"side\":\"yes\",\"action\":\"buy\"", OrderSide.Bid)]
    [InlineData("\"side\":\"yes\",\"action\":\"sell\"", OrderSide.Ask)]
    [InlineData("\"side\":\"no\",\"action\":\"buy\"", OrderSide.Ask)]
    [InlineData("\"side\":\"no\",\"action\":\"sell\"", OrderSide.Bid)]
    [InlineData("\"outcome_side\":\"yes\"", OrderSide.Bid)]
    [InlineData("\"book_side\":\"ask\",\"outcome_side\":\"no\"", OrderSide.Ask)]
    public void FillDirectionFallsBackToDeprecatedFields(string fields, OrderSide expected)
    {
        var json = $$$"""{"type":"fill","sid":1,"msg":{"trade_id":"t","order_id":"o","market_ticker":"KXA","yes_price_dollars":"0.5000","count_fp":"1.00",{{{fields}}}}}""";

        Assert.Equal(expected, Assert.IsType<FillEvent>(Parse(json).Event).Fill.Side);
    }

    [Fact]
    public void UserOrderMapsToTheDomainOrder()
    {
        var o = Assert.IsType<OrderUpdateEvent>(ParseAll("account.jsonl")[1].Event).Order;

        Assert.Equal("ee587a1c-8b87-4dcf-b721-9f6f790619fa", o.Id.Value);
        Assert.Equal("KXWC-30-POR", o.Ticker.Value);
        Assert.Equal(OrderStatus.Resting, o.Status);
        Assert.Equal(OrderSide.Bid, o.Side);
        Assert.Equal(Price.Parse("0.0775"), o.YesPrice);
        Assert.Equal(Quantity.Parse("10.00"), o.InitialCount);
        Assert.Equal(Quantity.Parse("2.50"), o.FillCount);
        Assert.Equal(Quantity.Parse("7.50"), o.RemainingCount);
        Assert.Equal(Money.Parse("0.193750"), o.TakerFillCost);
        Assert.Equal(Money.Parse("0.012400"), o.TakerFees);
        Assert.Equal("kt-7f3b", o.ClientOrderId!.Value.Value);
        Assert.Equal("og-1", o.OrderGroupId);
        Assert.Equal(SelfTradePrevention.TakerAtCross, o.SelfTradePrevention);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1770915982123), o.CreatedTime);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1770919582000), o.ExpirationTime);
        Assert.Equal("Trade", o.LastUpdateReason);
    }

    [Fact]
    public void UserOrderWithUnknownStatusIsRejectedSoItGetsReconciled()
    {
        const string json = """{"type":"user_order","sid":1,"msg":{"order_id":"o","ticker":"KXA","status":"unknown","book_side":"bid","yes_price_dollars":"0.5000"}}""";

        var frame = Parse(json);

        Assert.Null(frame.Event);
        Assert.Contains("status", frame.ParseError);
        Assert.Contains("KXA", frame.ParseError);
    }

    [Fact]
    public void MarketPositionIsSignedAndExact()
    {
        var p = Assert.IsType<PositionEvent>(ParseAll("account.jsonl")[2].Event).Position;

        Assert.Equal("KXWC-30-POR", p.Ticker.Value);
        Assert.Equal(Quantity.Parse("-112.37"), p.Position);
        Assert.Equal(Money.Parse("9.765453"), p.MarketExposure);
        Assert.Equal(Money.Parse("-0.1200"), p.RealizedPnl);
        Assert.Equal(Money.Parse("0.3400"), p.FeesPaid);
    }

    [Fact]
    public void OrderGroupUpdatesCarryTheLimitOnlyWhenSent()
    {
        var frames = ParseAll("account.jsonl");
        var limit = Assert.IsType<OrderGroupEvent>(frames[3].Event);
        var triggered = Assert.IsType<OrderGroupEvent>(frames[4].Event);

        Assert.Equal(("og-1", "limit_updated", Quantity.Parse("150.50")), (limit.OrderGroupId, limit.EventType, limit.ContractsLimit!.Value));
        Assert.Equal(7, frames[3].Seq);
        Assert.Equal("triggered", triggered.EventType);
        Assert.Null(triggered.ContractsLimit);
    }

    [Fact]
    public void DeterminedLifecycleCarriesResultAndSettlementValue()
    {
        var frame = ParseAll("lifecycle.jsonl")[0];
        var e = Assert.IsType<LifecycleEvent>(frame.Event);

        Assert.Equal("KXTSAW-25DEC07-A2.45", e.Ticker.Value);
        Assert.Equal("determined", e.EventType);
        Assert.Equal(MarketResult.Yes, e.Result);
        Assert.Equal(Price.One, e.SettlementValue);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1765152000), e.ExchangeTime);
        Assert.Equal(31, frame.Seq);
        Assert.StartsWith("{\"market_ticker\":\"KXTSAW-25DEC07-A2.45\"", e.RawJson, StringComparison.Ordinal);
        Assert.EndsWith("}", e.RawJson, StringComparison.Ordinal);
    }

    [Fact]
    public void CreatedLifecycleKeepsTheFullMessageForTheCatalog()
    {
        var e = Assert.IsType<LifecycleEvent>(ParseAll("lifecycle.jsonl")[1].Event);

        Assert.Equal("created", e.EventType);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1765152000), e.CloseTime);
        Assert.Null(e.Result);
        var body = WsJson.Deserialize<WsMarketLifecycle>(e.RawJson)!;
        Assert.Equal("tapered_deci_cent", body.PriceLevelStructure);
        Assert.Equal(3, body.PriceRanges!.Count);
        Assert.Equal("KXTSAW-25DEC07", body.AdditionalMetadata!.EventTicker);
    }

    [Fact]
    public void EventLifecycleBecomesAnEventLifecycleEvent()
    {
        var e = Assert.IsType<EventLifecycleEvent>(ParseAll("lifecycle.jsonl")[2].Event);

        Assert.Equal("KXTSAW-25DEC14", e.EventTicker.Value);
        Assert.Equal("KXTSAW", e.SeriesTicker!.Value.Value);
        Assert.Equal("MECNET", e.CollateralReturnType);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1765756800), e.StrikeDate);
    }

    [Fact]
    public void EventFeeUpdateCarriesOverridesAndTheirClearing()
    {
        var frames = ParseAll("lifecycle.jsonl");
        var set = Assert.IsType<EventFeeUpdateEvent>(frames[3].Event);
        var cleared = Assert.IsType<EventFeeUpdateEvent>(frames[4].Event);

        Assert.Equal("quadratic_with_maker_fees", set.FeeTypeOverride);
        Assert.Equal(0.5m, set.FeeMultiplierOverride);
        Assert.Null(cleared.FeeTypeOverride);
        Assert.Null(cleared.FeeMultiplierOverride);
    }

    [Fact]
    public void SettlementValueOffTheRangeIsRejectedNamingMarketAndField()
    {
        const string json = """{"type":"market_lifecycle_v2","sid":1,"seq":1,"msg":{"market_ticker":"KXA","event_type":"determined","result":"scalar","settlement_value":"1.2000"}}""";

        var frame = Parse(json);

        Assert.Contains("settlement_value", frame.ParseError);
        Assert.Contains("KXA", frame.ParseError);
    }

    [Fact]
    public void ControlRepliesCarrySidsMarketListsAndErrorCodes()
    {
        var f = ParseAll("control.jsonl");

        Assert.Equal((WsFrameType.Subscribed, 1L), (f[0].Type, f[0].Id!.Value));
        Assert.Equal(new WsSubscriptionRef("orderbook_delta", 1), f[0].Subscribed);
        Assert.Equal(["KXWC-30-POR", "KXWC-30-ESP"], f[1].MarketTickers);
        Assert.Equal([new WsSubscriptionRef("orderbook_delta", 1), new WsSubscriptionRef("ticker", 2)], f[2].Subscriptions);
        Assert.Equal((WsFrameType.Error, 8), (f[3].Type, f[3].ErrorCode!.Value));
        Assert.Equal("Unknown channel name", f[3].ErrorMessage);
        Assert.Equal((25, 1L), (f[4].ErrorCode!.Value, f[4].Sid!.Value));
        Assert.Equal((WsFrameType.Unsubscribed, 2L), (f[5].Type, f[5].Sid!.Value));
        Assert.Equal((WsFrameType.Unknown, "rfq_created"), (f[6].Type, f[6].UnknownTypeName));
        Assert.All(f, x => Assert.Null(x.ParseError));
    }
}
