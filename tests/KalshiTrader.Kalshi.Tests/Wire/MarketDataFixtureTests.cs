using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Tests.Support;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Tests.Wire;

/// <summary>The project's own market-data fixtures (real formats) parse to the right domain values.</summary>
public sealed class MarketDataFixtureTests
{
    private static readonly KalshiRestJsonContext Json = KalshiRestJsonContext.Default;

    [Fact]
    public void ExchangeStatusReadsFlagsAndResumeTime()
    {
        var s = RestFixtures.Read("exchange_status.json", Json.ExchangeStatusResponse);
        Assert.True(s.ExchangeActive);
        Assert.False(s.TradingActive);
        Assert.Equal("2026-06-05T13:00:00Z", s.ExchangeEstimatedResumeTime);
    }

    [Fact]
    public void ExchangeScheduleReadsSessionsAndMaintenance()
    {
        var s = RestFixtures.Read("exchange_schedule.json", Json.ExchangeScheduleResponse).Schedule;
        var week = Assert.Single(s.StandardHours);
        Assert.Equal(2, week.Monday!.Count);
        Assert.Equal("08:00", week.Monday[1].OpenTime);
        Assert.Empty(week.Sunday!);
        Assert.Equal("2026-06-11T07:00:00Z", Assert.Single(s.MaintenanceWindows).StartDatetime);
    }

    [Fact]
    public void SeriesCarriesFeeScheduleTagsAndSources()
    {
        var s = WireMapper.ToSeries(RestFixtures.Read("series.json", Json.SeriesResponse).Series);
        Assert.Equal("KXFED", s.Ticker.Value);
        Assert.Equal(new FeeSchedule(FeeType.QuadraticWithMakerFees, 0.5m), s.Fees);
        Assert.Equal(["Fed", "Interest rates"], s.Tags);
        Assert.Equal("Federal Reserve", Assert.Single(s.SettlementSources).Name);
        Assert.EndsWith("FED.pdf", s.ContractUrl);
    }

    [Fact]
    public void SeriesListMapsEveryFeeType()
    {
        var list = RestFixtures.Read("series_list.json", Json.SeriesListResponse).Series.Select(WireMapper.ToSeries).ToArray();
        Assert.Equal(FeeType.Quadratic, list[0].Fees.Type);
        Assert.Equal(FeeType.QuadraticWithComboMakerFees, list[1].Fees.Type);
        Assert.Equal("hourly", list[1].Frequency);
    }

    [Fact]
    public void EventsPageReadsOverridesStrikeDateAndCursor()
    {
        var page = RestFixtures.Read("events_page.json", Json.EventsResponse);
        Assert.Equal("CgsI2Kq", page.Cursor);
        var fed = WireMapper.ToEvent(page.Events[0]);
        Assert.Equal(FeeType.QuadraticWithMakerFees, fed.FeeTypeOverride);
        Assert.Equal(0.25m, fed.FeeMultiplierOverride);
        Assert.Equal(new DateTimeOffset(2026, 6, 17, 18, 0, 0, TimeSpan.Zero), fed.StrikeDate);
        Assert.Empty(fed.Markets);
        var btc = WireMapper.ToEvent(page.Events[1]);
        Assert.False(btc.MutuallyExclusive);
        Assert.Null(btc.StrikeDate);
    }

    [Fact]
    public void MarketsPageParsesAnActiveThresholdMarket()
    {
        var page = RestFixtures.Read("markets_page.json", Json.MarketsResponse);
        Assert.Equal("", page.Cursor);
        var m = WireMapper.ToMarket(page.Markets[0]);
        Assert.Equal(StrikeType.Greater, m.StrikeType);
        Assert.Equal(104999.99m, m.FloorStrike);
        Assert.Null(m.CapStrike);
        Assert.Equal(4200, m.YesBid!.Value.Ticks);
        Assert.Equal(1250, m.YesAskSize.Hundredths);
        Assert.Equal(512075, m.Volume24h.Hundredths);
        Assert.Equal(60, m.SettlementTimerSeconds);
        Assert.Equal(TickGrid.LinearCent.Ranges, m.TickGrid.Ranges);
        Assert.Equal(new DateTimeOffset(2026, 6, 4, 21, 0, 0, TimeSpan.Zero).AddTicks(1234560), m.CreatedTime);
    }

    [Fact]
    public void MarketsPageParsesASettledBracketMarket()
    {
        var m = WireMapper.ToMarket(RestFixtures.Read("markets_page.json", Json.MarketsResponse).Markets[1]);
        Assert.Equal(MarketStatus.Finalized, m.Status);
        Assert.Equal(MarketResult.No, m.Result);
        Assert.Equal(Price.Zero, m.SettlementValue);
        Assert.Equal(StrikeType.Between, m.StrikeType);
        Assert.Equal(104500m, m.FloorStrike);
        Assert.Equal(104999.99m, m.CapStrike);
        Assert.Equal(Price.One, m.YesAsk);
        Assert.Equal(10, m.LastPrice!.Value.Ticks);
        Assert.Equal(Quantity.Zero, m.YesBidSize);
    }

    [Fact]
    public void LegacyMarketParsesCentsButPrefersDollarsWhereBothExist()
    {
        var m = WireMapper.ToMarket(RestFixtures.Read("market_legacy.json", Json.MarketResponse).Market);
        Assert.Equal(4150, m.YesBid!.Value.Ticks);     // yes_bid_dollars "0.4150" wins over yes_bid 41
        Assert.Equal(4400, m.YesAsk!.Value.Ticks);     // only yes_ask 44
        Assert.Equal(5600, m.NoBid!.Value.Ticks);
        Assert.Equal(4300, m.LastPrice!.Value.Ticks);
        Assert.Equal(Quantity.FromContracts(10234), m.Volume);
        Assert.Equal(Quantity.FromContracts(8000), m.OpenInterest);
        Assert.Equal(Price.One, m.SettlementValue);
        Assert.Equal(MarketStatus.Finalized, m.Status);   // "settled"
        Assert.Equal(MarketResult.Yes, m.Result);
    }

    [Fact]
    public void BatchOrderbooksHandleEmptyAndMissingSides()
    {
        var books = RestFixtures.Read("orderbooks_batch.json", Json.BatchOrderbooksResponse).Orderbooks.Select(WireMapper.ToOrderBook).ToArray();
        Assert.Equal(3, books.Length);
        Assert.Equal(2, books[0].YesBids.Length);
        Assert.Equal(2550, books[0].YesBids[1].Size.Hundredths);
        Assert.Empty(books[1].YesBids);
        Assert.Single(books[1].NoBids);
        Assert.Empty(books[2].YesBids);
        Assert.Empty(books[2].NoBids);
    }

    [Fact]
    public void LegacyOrderbookParsesCentsAndSortsAscending()
    {
        var book = WireMapper.ToOrderBook("INXD-X", RestFixtures.Read("orderbook_legacy.json", Json.OrderbookResponse));
        Assert.Equal([4000, 4200], book.YesBids.Select(l => l.Price.Ticks));
        Assert.Equal(Quantity.FromContracts(150), book.YesBids[1].Size);
        Assert.Equal(5500, Assert.Single(book.NoBids).Price.Ticks);
    }

    [Fact]
    public void TradesParseCurrentAndLegacyForms()
    {
        var trades = RestFixtures.Read("trades_page.json", Json.TradesResponse).Trades.Select(t => WireMapper.ToTrade(t)).ToArray();
        Assert.Equal(1250, trades[0].YesPrice.Ticks);
        Assert.Equal(8750, trades[0].NoPrice.Ticks);
        Assert.Equal(1725, trades[0].Count.Hundredths);
        Assert.Equal(Outcome.No, trades[0].TakerOutcome);
        Assert.False(trades[0].IsBlockTrade);
        Assert.Equal(1200, trades[1].YesPrice.Ticks);
        Assert.Equal(Quantity.FromContracts(3), trades[1].Count);
        Assert.Equal(Outcome.Yes, trades[1].TakerOutcome);   // from deprecated taker_side
    }

    [Fact]
    public void CandlesticksParseOhlcMeanAndEmptyTradePeriods()
    {
        var wire = RestFixtures.Read("candlesticks.json", Json.CandlesticksResponse);
        var candles = wire.Candlesticks.Select(c => WireMapper.ToCandlestick("KXFED-26JUN-T4.25", 60, c)).ToArray();
        var first = candles[0];
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1780700400), first.EndPeriod);
        Assert.Equal(new Ohlc(Price.FromTicks(1200), Price.FromTicks(1300), Price.FromTicks(1100), Price.FromTicks(1250)), first.YesBid);
        Assert.Equal(1350, first.YesAsk!.Value.Close.Ticks);
        Assert.Equal(1300, first.TradePrice!.Value.Open.Ticks);
        Assert.Equal(1283, first.MeanPrice!.Value.Ticks);        // 0.128333 rounds to the nearest tick
        Assert.Equal(12050, first.Volume.Hundredths);
        var quiet = candles[1];
        Assert.Null(quiet.TradePrice);
        Assert.Null(quiet.MeanPrice);
        Assert.Equal(1300, quiet.PreviousPrice!.Value.Ticks);
    }

    [Fact]
    public void BatchAndEventCandlesticksParse()
    {
        var batch = RestFixtures.Read("candlesticks_batch.json", Json.BatchCandlesticksResponse);
        Assert.Equal(2, batch.Markets.Count);
        Assert.Empty(batch.Markets[1].Candlesticks);
        var ev = RestFixtures.Read("candlesticks_event.json", Json.EventCandlesticksResponse);
        Assert.Equal(1780704000, ev.AdjustedEndTs);
        var legacy = WireMapper.ToCandlestick(ev.MarketTickers[0], 60, ev.MarketCandlesticks[0][0]);
        Assert.Equal(1200, legacy.YesBid!.Value.Open.Ticks);
        Assert.Equal(1300, legacy.MeanPrice!.Value.Ticks);
        Assert.Equal(Quantity.FromContracts(120), legacy.Volume);
    }

    [Fact]
    public void HistoricalCutoffAcceptsStringsAndNumbers()
    {
        var c = RestFixtures.Read("historical_cutoff.json", Json.HistoricalCutoffResponse);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero), WireMapper.ParseTime(c.MarketSettledTs, "cutoff", "market_settled_ts"));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1772323200), WireMapper.ParseTime(c.OrdersUpdatedTs, "cutoff", "orders_updated_ts"));
        Assert.Null(c.MarketPositionsLastUpdatedTs);
    }
}
