using KalshiTrader.Core.Books;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.WebSocket;
using static KalshiTrader.Kalshi.Tests.Support.WsFixtures;

namespace KalshiTrader.Kalshi.Tests.Ws;

public sealed class BookFrameParsingTests
{
    private static PriceLevel L(string p, string q) => new(Price.Parse(p), Quantity.Parse(q));

    [Fact]
    public void SnapshotCarriesBothSidesWithSubCentPricesAndFractionalSizes()
    {
        var frame = ParseAll("orderbook.jsonl")[0];
        var s = Assert.IsType<BookSnapshotEvent>(frame.Event);

        Assert.Equal("KXWC-30-POR", s.Ticker.Value);
        Assert.Equal(1, s.Sid);
        Assert.Equal(1, s.Seq);
        Assert.Equal([L("0.0100", "1500.00"), L("0.0770", "312.37"), L("0.0800", "300.00")], s.YesBids);
        Assert.Equal([L("0.8500", "20.00"), L("0.9120", "4132.20")], s.NoBids);
        Assert.Equal(Received, s.ReceivedTime);
    }

    [Fact]
    public void SnapshotWithBothSidesOmittedIsAnEmptyBook()
    {
        var s = Assert.IsType<BookSnapshotEvent>(ParseAll("orderbook.jsonl")[3].Event);

        Assert.Empty(s.YesBids);
        Assert.Empty(s.NoBids);
    }

    [Fact]
    public void DeltaCarriesSignedSizeSideExchangeTimeAndOwnOrderId()
    {
        var frames = ParseAll("orderbook.jsonl");
        var d1 = Assert.IsType<BookDeltaEvent>(frames[1].Event);
        var d2 = Assert.IsType<BookDeltaEvent>(frames[2].Event);

        Assert.Equal(Outcome.Yes, d1.Side);
        Assert.Equal(Price.Parse("0.0800"), d1.Price);
        Assert.Equal(Quantity.Parse("-54.00"), d1.Delta);
        Assert.Equal(2, d1.Seq);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1770897981123), d1.ExchangeTime);
        Assert.Null(d1.ClientOrderId);

        Assert.Equal(Outcome.No, d2.Side);
        Assert.Equal(Price.Parse("0.9125"), d2.Price);
        Assert.Equal("c0ffee00-0000-4000-8000-000000000001", d2.ClientOrderId!.Value.Value);
    }

    [Fact]
    public void FixtureStreamBuildsTheExpectedBook()
    {
        var set = new OrderBookSet();
        foreach (var f in ParseAll("orderbook.jsonl")) Assert.NotEqual(BookApplyResult.Corrupt, set.Apply(f.Event!));

        Assert.True(set.TryGet(new MarketTicker("KXWC-30-POR"), out var book));
        Assert.Equal(L("0.0800", "246.00"), book.BestYesBid);
        Assert.Equal(L("0.9125", "10.50"), book.BestNoBid);
        Assert.Equal(L("0.0875", "10.50"), book.YesAsk);
        Assert.Equal(3, book.Sequence);
    }

    [Fact]
    public void WithUseYesPriceNoLevelsArriveInYesTermsAndAreConvertedBack()
    {
        // The same book as orderbook.jsonl line 1, but NO levels quoted as YES prices (1 − NO price).
        const string snapshot = """{"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"KXWC-30-POR","no_dollars_fp":[["0.0880","4132.20"],["0.1500","20.00"]]}}""";
        const string delta = """{"type":"orderbook_delta","sid":1,"seq":2,"msg":{"market_ticker":"KXWC-30-POR","price_dollars":"0.0875","delta_fp":"10.50","side":"no"}}""";

        var s = Assert.IsType<BookSnapshotEvent>(Parse(snapshot, useYesPrice: true).Event);
        var d = Assert.IsType<BookDeltaEvent>(Parse(delta, useYesPrice: true).Event);
        var yesDelta = Assert.IsType<BookDeltaEvent>(Parse(delta.Replace("\"no\"", "\"yes\"", StringComparison.Ordinal), useYesPrice: true).Event);

        Assert.Equal([L("0.9120", "4132.20"), L("0.8500", "20.00")], s.NoBids);
        Assert.Equal(Price.Parse("0.9125"), d.Price);
        Assert.Equal(Price.Parse("0.0875"), yesDelta.Price);
    }

    [Fact]
    public void LegacyCentFramesParseAndDollarFieldsWinWhenBothArePresent()
    {
        var frames = ParseAll("legacy.jsonl");
        var s = Assert.IsType<BookSnapshotEvent>(frames[0].Event);
        var d = Assert.IsType<BookDeltaEvent>(frames[1].Event);
        var both = Assert.IsType<BookDeltaEvent>(frames[2].Event);

        Assert.Equal([L("0.0800", "300.00"), L("0.4200", "15.00")], s.YesBids);
        Assert.Equal([L("0.5500", "20.00")], s.NoBids);
        Assert.Equal(Price.Parse("0.4200"), d.Price);
        Assert.Equal(Quantity.Parse("-5.00"), d.Delta);
        Assert.Equal(Price.Parse("0.4250"), both.Price);
        Assert.Equal(Quantity.Parse("-5.25"), both.Delta);
    }

    [Theory]
    [InlineData("1.0500", "price_dollars")]
    [InlineData("-0.0100", "price_dollars")]
    [InlineData("0.07705", "price_dollars")]
    [InlineData("abc", "price_dollars")]
    public void DeltaPriceOutsideTheRangeOrTooPreciseIsRejectedNamingMarketAndField(string price, string field)
    {
        var json = $$$"""{"type":"orderbook_delta","sid":1,"seq":5,"msg":{"market_ticker":"KXWC-30-POR","price_dollars":"{{{price}}}","delta_fp":"1.00","side":"yes"}}""";

        var frame = Parse(json);

        Assert.Null(frame.Event);
        Assert.Contains("KXWC-30-POR", frame.ParseError);
        Assert.Contains(field, frame.ParseError);
        Assert.Contains(price, frame.ParseError);
        Assert.Equal("KXWC-30-POR", frame.Ticker!.Value.Value);
        Assert.Equal(5, frame.Seq);
    }

    [Fact]
    public void TooPreciseSizeIsRejectedNamingTheField()
    {
        const string json = """{"type":"orderbook_delta","sid":1,"seq":5,"msg":{"market_ticker":"KXA","price_dollars":"0.5000","delta_fp":"1.005","side":"yes"}}""";

        Assert.Contains("delta_fp", Parse(json).ParseError);
    }

    [Fact]
    public void SnapshotLevelOutsideTheRangeIsRejectedNamingTheLevel()
    {
        const string json = """{"type":"orderbook_snapshot","sid":1,"seq":1,"msg":{"market_ticker":"KXA","yes_dollars_fp":[["0.5000","1.00"],["1.5000","2.00"]]}}""";

        var frame = Parse(json);

        Assert.Null(frame.Event);
        Assert.Contains("yes_dollars_fp[1] price", frame.ParseError);
        Assert.Contains("KXA", frame.ParseError);
    }

    [Fact]
    public void DeltaWithoutASideIsRejected()
    {
        const string json = """{"type":"orderbook_delta","sid":1,"seq":5,"msg":{"market_ticker":"KXA","price_dollars":"0.5000","delta_fp":"1.00"}}""";

        Assert.Contains("side is missing", Parse(json).ParseError);
    }

    [Theory]
    [InlineData("{\"type\":\"orderbook_delta\",\"sid\":1,\"seq\":2,\"msg\":{\"market_ticker\":\"KXTRUNC-1\",\"price_dol")]
    [InlineData("not json at all")]
    [InlineData("[1,2,3]")]
    public void BrokenJsonIsMalformedAndStillNamesTheMarketWhenItCan(string text)
    {
        var frame = Parse(text);

        Assert.Equal(WsFrameType.Malformed, frame.Type);
        Assert.NotNull(frame.ParseError);
        Assert.Null(frame.Event);
        if (text.Contains("KXTRUNC-1", StringComparison.Ordinal)) Assert.Equal("KXTRUNC-1", frame.Ticker!.Value.Value);
    }

    [Fact]
    public void EnvelopeFieldsMayComeInAnyOrder()
    {
        const string json = """{"msg":{"market_ticker":"KXA","price_dollars":"0.5000","delta_fp":"1.00","side":"yes"},"seq":9,"sid":4,"type":"orderbook_delta"}""";

        var d = Assert.IsType<BookDeltaEvent>(Parse(json).Event);

        Assert.Equal(4, d.Sid);
        Assert.Equal(9, d.Seq);
        Assert.Equal("KXA", d.Ticker.Value);
    }

    [Fact]
    public void SidAndSeqAfterTheBodyAreStillAttached()
    {
        const string json = """{"type":"orderbook_delta","msg":{"market_ticker":"KXA","price_dollars":"0.5000","delta_fp":"1.00","side":"yes"},"sid":4,"seq":9}""";

        var d = Assert.IsType<BookDeltaEvent>(Parse(json).Event);

        Assert.Equal(4, d.Sid);
        Assert.Equal(9, d.Seq);
    }
}
