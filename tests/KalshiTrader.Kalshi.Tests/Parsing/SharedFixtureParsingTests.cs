using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Tests.Support;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Tests.Parsing;

/// <summary>The real captured payloads in ../shared/fixtures/kalshi parse to the right domain values.</summary>
public sealed class SharedFixtureParsingTests
{
    private static Event LoadEvent() =>
        WireMapper.ToEvent(RestFixtures.ReadShared("fixtures/kalshi/rest_event_kxpresperson-28.json", KalshiRestJsonContext.Default.EventResponse));

    [Fact]
    public void EventCarriesItsHeaderFields()
    {
        var e = LoadEvent();
        Assert.Equal("KXPRESPERSON-28", e.Ticker.Value);
        Assert.Equal("KXPRESPERSON", e.SeriesTicker.Value);
        Assert.Equal("Elections", e.Category);
        Assert.True(e.MutuallyExclusive);
        Assert.Equal("MECNET", e.CollateralReturnType);
        Assert.Equal("In 2028", e.SubTitle);
        Assert.Equal("2028 U.S. Presidential Election winner?", e.Title);
        var source = Assert.Single(e.SettlementSources);
        Assert.Equal("Office of the Presidency", source.Name);
        Assert.StartsWith("https://www.whitehouse.gov/", source.Url);
        Assert.Null(e.FeeTypeOverride);
    }

    [Fact]
    public void EventFallsBackToTheTopLevelMarketsWhenNoneAreNested()
    {
        var e = LoadEvent();
        Assert.Equal(30, e.Markets.Count);
        Assert.All(e.Markets, m => Assert.Equal("KXPRESPERSON-28", m.EventTicker.Value));
        Assert.Equal(30, e.Markets.Select(m => m.Ticker).Distinct().Count());
    }

    [Fact]
    public void NewsomMarketParsesQuotesSizesAndVolumesExactly()
    {
        var m = LoadEvent().Markets.Single(x => x.Ticker.Value == "KXPRESPERSON-28-GNEWS");
        Assert.Equal(770, m.YesBid!.Value.Ticks);        // "0.0770": a sub-cent tail
        Assert.Equal(800, m.YesAsk!.Value.Ticks);
        Assert.Equal(9200, m.NoBid!.Value.Ticks);
        Assert.Equal(9230, m.NoAsk!.Value.Ticks);
        Assert.Equal(3999, m.YesBidSize.Hundredths);      // "39.99"
        Assert.Equal(4665451, m.YesAskSize.Hundredths);   // "46654.51"
        Assert.Equal(381932559, m.Volume.Hundredths);     // "3819325.59"
        Assert.Equal(2053797, m.Volume24h.Hundredths);    // "20537.97"
        Assert.Equal(186700202, m.OpenInterest.Hundredths);
        Assert.Equal(800, m.LastPrice!.Value.Ticks);
        Assert.Equal(750, m.PreviousYesBid!.Value.Ticks);
        Assert.Equal(790, m.PreviousYesAsk!.Value.Ticks);
        Assert.Equal(Money.FromCents(100), m.NotionalValue);
    }

    [Fact]
    public void NewsomMarketParsesTextTimesStrikeAndGrid()
    {
        var m = LoadEvent().Markets.Single(x => x.Ticker.Value == "KXPRESPERSON-28-GNEWS");
        Assert.Equal(MarketStatus.Active, m.Status);
        Assert.Equal(MarketResult.None, m.Result);
        Assert.Equal(StrikeType.Custom, m.StrikeType);
        Assert.Contains("Gavin Newsom", m.CustomStrikeJson);
        Assert.Equal("Gavin Newsom", m.YesSubTitle);
        Assert.True(m.CanCloseEarly);
        Assert.Equal(300, m.SettlementTimerSeconds);
        Assert.Equal(new DateTimeOffset(2029, 11, 7, 15, 0, 0, TimeSpan.Zero), m.CloseTime);
        Assert.Equal(new DateTimeOffset(2025, 5, 10, 13, 18, 37, TimeSpan.Zero).AddTicks(6593060), m.CreatedTime);
        Assert.Equal("tapered_deci_cent", m.PriceLevelStructure);
        Assert.Equal(3, m.PriceRanges.Count);
        Assert.Equal(new PriceRange(Price.FromTicks(1000), Price.FromTicks(9000), Price.FromTicks(100)), m.PriceRanges[1]);
        Assert.True(m.TickGrid.IsValid(Price.FromTicks(770)));
        Assert.False(m.TickGrid.IsValid(Price.FromTicks(4550)));
    }

    [Fact]
    public void SingleMarketPayloadParses()
    {
        var wire = RestFixtures.ReadShared("fixtures/kalshi/rest_market_kxpresperson-28-tgab.json", KalshiRestJsonContext.Default.MarketResponse);
        var m = WireMapper.ToMarket(wire.Market);
        Assert.Equal("KXPRESPERSON-28-TGAB", m.Ticker.Value);
        Assert.Equal(40, m.YesBid!.Value.Ticks);
        Assert.Equal(60, m.YesAsk!.Value.Ticks);
        Assert.Equal(9940, m.NoBid!.Value.Ticks);
        Assert.Equal(9960, m.NoAsk!.Value.Ticks);
        Assert.Equal(698074, m.YesBidSize.Hundredths);
        Assert.Equal(439883, m.YesAskSize.Hundredths);
        Assert.Equal(70, m.LastPrice!.Value.Ticks);
        Assert.Equal(20, m.PreviousPrice!.Value.Ticks);
        Assert.Equal(200079700, m.Volume.Hundredths);
        Assert.Equal(8819937, m.Volume24h.Hundredths);
        Assert.Equal(168741773, m.OpenInterest.Hundredths);
        Assert.Equal(":: Republican", m.Subtitle);
        Assert.Equal(new DateTimeOffset(2029, 1, 21, 15, 0, 0, TimeSpan.Zero), m.ExpectedExpirationTime);
    }

    [Fact]
    public void OrderbookParsesBothSidesAscendingWithSubCentTailsAndFractionalSizes()
    {
        var wire = RestFixtures.ReadShared("fixtures/kalshi/rest_orderbook_kxwc-30-por.json", KalshiRestJsonContext.Default.OrderbookResponse);
        var book = WireMapper.ToOrderBook("KXWC-30-POR", wire);
        Assert.Equal(19, book.YesBids.Length);
        Assert.Equal(37, book.NoBids.Length);
        Assert.Equal(new PriceLevelExpect(10, 1500000), Expect(book.YesBids[0]));
        Assert.Equal(new PriceLevelExpect(410, 625122), Expect(book.YesBids[^1]));     // "0.0410","6251.22"
        Assert.Equal(new PriceLevelExpect(5110, 213900), Expect(book.NoBids.ToArray().Single(l => l.Price.Ticks == 5110))); // "0.5110"
        Assert.Equal(new PriceLevelExpect(8400, 1517), Expect(book.NoBids.ToArray().Single(l => l.Price.Ticks == 8400)));   // "15.17"
        Assert.Equal(new PriceLevelExpect(9430, 4600), Expect(book.NoBids[^1]));
        Assert.True(book.YesBids.Zip(book.YesBids.Skip(1)).All(p => p.First.Price < p.Second.Price));
    }

    [Fact]
    public void OrderbookAsksAreDerivedInCoreFromTheOppositeBids()
    {
        var wire = RestFixtures.ReadShared("fixtures/kalshi/rest_orderbook_kxwc-30-por.json", KalshiRestJsonContext.Default.OrderbookResponse);
        var book = WireMapper.ToOrderBook("KXWC-30-POR", wire).ToOrderBook();
        Assert.Equal(410, book.BestYesBid!.Value.Price.Ticks);
        Assert.Equal(10000 - 9430, book.YesAsk!.Value.Price.Ticks);
        Assert.Equal(10000 - 410, book.NoAsk!.Value.Price.Ticks);
    }

    private readonly record struct PriceLevelExpect(int Ticks, long Hundredths);

    private static PriceLevelExpect Expect(Core.Books.PriceLevel l) => new(l.Price.Ticks, l.Size.Hundredths);
}
