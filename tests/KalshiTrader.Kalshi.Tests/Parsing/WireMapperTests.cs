using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Tests.Support;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Tests.Parsing;

/// <summary>Bad values are rejected with the object and field named; domain values survive a wire round trip.</summary>
public sealed class WireMapperTests
{
    [Theory]
    [InlineData("0.12345", "is not a decimal with at most 4")]
    [InlineData("1.0100", "outside [0, 1]")]
    [InlineData("-0.0100", "outside [0, 1]")]
    [InlineData("abc", "is not a decimal")]
    public void BadMarketPriceNamesMarketAndField(string value, string reason)
    {
        var wire = new MarketWire { Ticker = "KX-1", EventTicker = "KX", Status = "active", YesBidDollars = value };
        var ex = Assert.Throws<FormatException>(() => WireMapper.ToMarket(wire));
        Assert.StartsWith("market KX-1 yes_bid_dollars: '" + value + "'", ex.Message);
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void TooPreciseCountNamesTheField()
    {
        var wire = new MarketWire { Ticker = "KX-1", EventTicker = "KX", VolumeFp = "10.001" };
        var ex = Assert.Throws<FormatException>(() => WireMapper.ToMarket(wire));
        Assert.StartsWith("market KX-1 volume_fp: '10.001'", ex.Message);
    }

    [Fact]
    public void TrailingZerosBeyondTheTickAreExactAndAccepted()
    {
        var wire = new MarketWire { Ticker = "KX-1", EventTicker = "KX", YesBidDollars = "0.512000", VolumeFp = "3.5000" };
        var m = WireMapper.ToMarket(wire);
        Assert.Equal(5120, m.YesBid!.Value.Ticks);
        Assert.Equal(350, m.Volume.Hundredths);
    }

    [Fact]
    public void OrderbookLevelOutsideTheUnitIntervalNamesBookSideAndIndex()
    {
        var wire = new OrderbookResponse { OrderbookFp = new OrderbookFpWire { YesDollars = [["0.4200", "1.00"], ["1.2000", "5.00"]] } };
        var ex = Assert.Throws<FormatException>(() => WireMapper.ToOrderBook("KX-1", wire));
        Assert.StartsWith("orderbook KX-1 yes_dollars[1] price: '1.2000' is outside [0, 1]", ex.Message);
    }

    [Fact]
    public void OrderbookRejectsDuplicateAndNonPositiveLevels()
    {
        var dup = new OrderbookResponse { OrderbookFp = new OrderbookFpWire { NoDollars = [["0.4200", "1.00"], ["0.4200", "2.00"]] } };
        Assert.Contains("appears twice", Assert.Throws<FormatException>(() => WireMapper.ToOrderBook("KX-1", dup)).Message);
        var zero = new OrderbookResponse { OrderbookFp = new OrderbookFpWire { NoDollars = [["0.4200", "0.00"]] } };
        Assert.Contains("no_dollars[0] size", Assert.Throws<FormatException>(() => WireMapper.ToOrderBook("KX-1", zero)).Message);
    }

    [Fact]
    public void LegacyCentsOutsideRangeAreRejected()
    {
        var wire = new MarketWire { Ticker = "KX-1", EventTicker = "KX", YesBid = 101 };
        Assert.StartsWith("market KX-1 yes_bid: 101 cents", Assert.Throws<FormatException>(() => WireMapper.ToMarket(wire)).Message);
    }

    [Fact]
    public void UnknownStatusNamesTheMarket()
    {
        var wire = new MarketWire { Ticker = "KX-1", EventTicker = "KX", Status = "melting" };
        Assert.StartsWith("market KX-1 status:", Assert.Throws<FormatException>(() => WireMapper.ToMarket(wire)).Message);
    }

    [Fact]
    public void OrderRequestRoundTripsThroughTheV2Body()
    {
        var request = new OrderRequest
        {
            Ticker = "KX-1",
            Side = OrderSide.Ask,
            YesPrice = Price.FromTicks(4150),
            Count = Quantity.FromHundredths(1250),
            TimeInForce = TimeInForce.GoodTillCanceled,
            SelfTradePrevention = SelfTradePrevention.Maker,
            ClientOrderId = new ClientOrderId("c-1"),
            PostOnly = true,
            Expiration = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000),
            OrderGroupId = "og",
            Subaccount = 2,
        };
        var wire = WireMapper.ToWire(request);
        Assert.Equal("ask", wire.Side);
        Assert.Equal("0.4150", wire.Price);
        Assert.Equal("12.50", wire.Count);
        Assert.Equal("good_till_canceled", wire.TimeInForce);
        Assert.Equal("maker", wire.SelfTradePreventionType);
        Assert.Null(wire.ReduceOnly);
        Assert.Equal(request, WireMapper.ToOrderRequest(wire));
    }

    [Fact]
    public void MarketRoundTripsThroughTheWire()
    {
        var original = WireMapper.ToMarket(RestFixtures.Read("markets_page.json", KalshiRestJsonContext.Default.MarketsResponse).Markets[0]);
        var again = WireMapper.ToMarket(WireMapper.ToWire(original));
        Assert.Equal(original with { PriceRanges = [] }, again with { PriceRanges = [] });
        Assert.Equal(original.PriceRanges, again.PriceRanges);
    }

    [Fact]
    public void EventWithNestedMarketsRoundTrips()
    {
        var e = new Event
        {
            Ticker = "E-1", SeriesTicker = "S", Title = "t", MutuallyExclusive = true,
            FeeTypeOverride = FeeType.QuadraticWithMakerFees, FeeMultiplierOverride = 0.5m,
            Markets = [new Market { Ticker = "E-1-A", EventTicker = "E-1", Status = MarketStatus.Active, YesBid = Price.FromTicks(10) }],
        };
        var again = WireMapper.ToEvent(WireMapper.ToWire(e, withNestedMarkets: true));
        Assert.Equal(e.FeeTypeOverride, again.FeeTypeOverride);
        Assert.Equal(e.Markets[0].YesBid, again.Markets[0].YesBid);
        Assert.Null(WireMapper.ToWire(e, withNestedMarkets: false).Markets);
    }

    [Fact]
    public void OrderFillAndPositionRoundTrip()
    {
        var order = WireMapper.ToOrder(RestFixtures.Read("orders_page.json", KalshiRestJsonContext.Default.OrdersResponse).Orders[0]);
        Assert.Equal(order, WireMapper.ToOrder(WireMapper.ToWire(order)));
        var fill = WireMapper.ToFill(RestFixtures.Read("fills_page.json", KalshiRestJsonContext.Default.FillsResponse).Fills[0]);
        Assert.Equal(fill, WireMapper.ToFill(WireMapper.ToWire(fill)));
        var pos = WireMapper.ToMarketPosition(RestFixtures.Read("positions.json", KalshiRestJsonContext.Default.PositionsResponse).MarketPositions[0]);
        Assert.Equal(pos, WireMapper.ToMarketPosition(WireMapper.ToWire(pos)));
        var settlement = WireMapper.ToSettlement(RestFixtures.Read("settlements_page.json", KalshiRestJsonContext.Default.SettlementsResponse).Settlements[0]);
        Assert.Equal(settlement, WireMapper.ToSettlement(WireMapper.ToWire(settlement)));
    }

    [Fact]
    public void OrderbookLevelsSerialiseAscendingAsStringPairs()
    {
        var wire = WireMapper.ToOrderbookWire(
            [new(Price.FromTicks(4200), Quantity.FromHundredths(100)), new(Price.FromTicks(770), Quantity.FromHundredths(625122))], []);
        Assert.Equal([["0.0770", "6251.22"], ["0.4200", "1.00"]], wire.YesDollars!);
        Assert.Empty(wire.NoDollars!);
    }

    [Fact]
    public void TimesFormatAsRfc3339MicrosecondsUtc()
    {
        var t = new DateTimeOffset(2026, 6, 4, 18, 31, 1, TimeSpan.FromHours(-4)).AddTicks(305300);
        Assert.Equal("2026-06-04T22:31:01.030530Z", WireMapper.FormatTime(t));
        Assert.Equal(t, WireMapper.ParseTime(WireMapper.FormatTime(t), "x", "y"));
    }
}
