using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Storage.Tests.Support;
using static KalshiTrader.Storage.Tests.Support.Samples;

namespace KalshiTrader.Storage.Tests;

/// <summary>The same contract, run against SQLite and PostgreSQL.</summary>
public sealed class MarketDataStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task SeedCatalogAsync(IKalshiStore store)
    {
        await store.UpsertSeriesAsync([Series()], Ct);
        await store.UpsertEventsAsync([Event(markets: [Market()])], Ct);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task SeriesEventsAndMarketsRoundTripEveryField(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        await SeedCatalogAsync(t.Store);

        Same.Assert(Series(), await t.Store.GetSeriesAsync("KXTEST", Ct));
        Same.Assert(Market(), await t.Store.GetMarketAsync("KXTEST-26MAR-T3.1", Ct));
        Same.Assert(Event(markets: [Market()]), await t.Store.GetEventAsync("KXTEST-26MAR", Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task UpsertingACatalogTwiceKeepsOneRowWithTheLatestValues(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        await SeedCatalogAsync(t.Store);
        var settled = Market() with { Status = MarketStatus.Finalized, Result = MarketResult.Yes, SettlementValue = Price.One };
        await t.Store.UpsertMarketsAsync([settled], Ct);
        await SeedCatalogAsync(t.Store); // a second full run re-writes the same rows
        await t.Store.UpsertMarketsAsync([settled], Ct);

        var markets = await t.Store.GetMarketsAsync(MarketFilter.All, Ct);
        var only = Assert.Single(markets);
        Assert.Equal(MarketStatus.Finalized, only.Status);
        Assert.Equal(MarketResult.Yes, only.Result);
        Assert.Equal(Price.One, only.SettlementValue);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task MarketsAreFilteredBySeriesEventAndStatus(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        await t.Store.UpsertSeriesAsync([Series("A"), Series("B")], Ct);
        await t.Store.UpsertEventsAsync([Event("A-1", "A"), Event("B-1", "B")], Ct);
        await t.Store.UpsertMarketsAsync(
        [
            Market("A-1-X", "A-1"),
            Market("A-1-Y", "A-1") with { Status = MarketStatus.Closed },
            Market("B-1-X", "B-1"),
        ], Ct);

        Assert.Equal(["A-1-X", "A-1-Y"], (await t.Store.GetMarketsAsync(new MarketFilter(SeriesTicker: new SeriesTicker("A")), Ct)).Select(m => m.Ticker.Value));
        Assert.Equal(["B-1-X"], (await t.Store.GetMarketsAsync(new MarketFilter(EventTicker: new EventTicker("B-1")), Ct)).Select(m => m.Ticker.Value));
        Assert.Equal(["A-1-Y"], (await t.Store.GetMarketsAsync(new MarketFilter(Statuses: [MarketStatus.Closed]), Ct)).Select(m => m.Ticker.Value));
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task AMarketWhoseEventIsMissingIsRefusedNamingTheEvent(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        await SeedCatalogAsync(t.Store);
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            () => t.Store.UpsertMarketsAsync([Market("ORPHAN-X", "NO-SUCH-EVENT")], Ct));
        Assert.Contains("NO-SUCH-EVENT", ex.Message, StringComparison.Ordinal);
        Assert.Null(await t.Store.GetMarketAsync("ORPHAN-X", Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task OrderBookDeltasAreExactOrderedAndNeverDuplicated(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var deltas = Enumerable.Range(1, 1000).Select(i => Delta(i)).ToList();
        var other = Enumerable.Range(1, 10).Select(i => Delta(i, "OTHER", session: 2)).ToList();
        await t.Store.InsertOrderBookDeltasAsync(deltas, Ct);
        await t.Store.InsertOrderBookDeltasAsync(other, Ct);
        await t.Store.InsertOrderBookDeltasAsync(deltas, Ct); // a retried batch (the bulk path's conflict fallback)
        await t.Store.InsertOrderBookDeltasAsync(deltas.Take(5).ToList(), Ct); // and a small one

        var back = await t.Store.GetOrderBookDeltasAsync("KXTEST-26MAR-T3.1", null, null, Ct);
        Assert.Equal(1000, back.Count);
        var expected = deltas.Select(d => d with { ReceivedTime = d.ReceivedTime.AddTicks(-(d.ReceivedTime.UtcTicks % 10)) }).ToList();
        Assert.Equal(expected, back);
        var stats = await t.Store.GetTableStatsAsync(Ct);
        Assert.Equal(1010, stats.Single(s => s.Table == "orderbook_deltas").Rows);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task BookSnapshotsKeepEveryLevelExactly(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var snapshot = BookSnapshot(T0);
        await t.Store.InsertOrderBookSnapshotsAsync([snapshot, snapshot, BookSnapshot(T0.AddSeconds(1)) with { Reason = "resync" }], Ct);
        var back = await t.Store.GetOrderBookSnapshotsAsync("KXTEST-26MAR-T3.1", null, null, Ct);
        Assert.Equal(2, back.Count);
        Same.Assert(snapshot, back[0]);
        Assert.Equal("resync", back[1].Reason);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task CandlesticksAreKeyedByMarketPeriodAndEndTime(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        Candlestick Candle(int minutes, DateTimeOffset end, int close) => new()
        {
            Ticker = "KXTEST-26MAR-T3.1",
            PeriodMinutes = minutes,
            EndPeriod = end,
            YesBid = new Ohlc(Price.FromTicks(1), Price.FromTicks(9999), Price.FromTicks(1), Price.FromTicks(close)),
            YesAsk = new Ohlc(Price.FromTicks(2), Price.FromTicks(10000), Price.FromTicks(2), Price.FromTicks(close + 1)),
            TradePrice = null,
            MeanPrice = Price.FromTicks(5555),
            PreviousPrice = null,
            Volume = Quantity.FromHundredths(12345),
            OpenInterest = Quantity.FromHundredths(7),
        };

        var candles = Enumerable.Range(0, 100).Select(i => Candle(1, T0.AddMinutes(i), 100 + i)).ToList();
        await t.Store.UpsertCandlesticksAsync(candles, Ct);
        await t.Store.UpsertCandlesticksAsync([Candle(60, T0, 42), Candle(1, T0, 4242)], Ct);
        await t.Store.UpsertCandlesticksAsync(candles.Skip(1).ToList(), Ct);

        var minute = await t.Store.GetCandlesticksAsync("KXTEST-26MAR-T3.1", 1, null, null, Ct);
        Assert.Equal(100, minute.Count);
        Assert.Equal(4242, minute[0].YesBid!.Value.Close.Ticks);
        Same.Assert(candles[50], minute[50]);
        var hour = Assert.Single(await t.Store.GetCandlesticksAsync("KXTEST-26MAR-T3.1", 60, null, null, Ct));
        Assert.Null(hour.TradePrice);
        var window = await t.Store.GetCandlesticksAsync("KXTEST-26MAR-T3.1", 1, T0.AddMinutes(10), T0.AddMinutes(19), Ct);
        Assert.Equal(10, window.Count);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task TradesTickersLifecycleAndSnapshotsRoundTripAndDeduplicate(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var trades = Enumerable.Range(0, 50).Select(i => new Trade
        {
            TradeId = new TradeId("t" + i),
            Ticker = "KXTEST-26MAR-T3.1",
            YesPrice = Price.FromTicks(9999 - i),
            Count = Quantity.FromHundredths(i + 1),
            TakerOutcome = i % 3 == 0 ? null : i % 3 == 1 ? Outcome.Yes : Outcome.No,
            IsBlockTrade = i == 7,
            Time = T0.AddSeconds(i),
            ReceivedTime = T0.AddSeconds(i).AddMilliseconds(5),
        }).ToList();
        await t.Store.UpsertTradesAsync(trades, Ct);
        await t.Store.UpsertTradesAsync(trades, Ct);
        var tradesBack = await t.Store.GetTradesAsync("KXTEST-26MAR-T3.1", null, null, Ct);
        Assert.Equal(50, tradesBack.Count);
        Same.Assert(trades[7], tradesBack[7]);

        var ticker = new TickerUpdate
        {
            Ticker = "KXTEST-26MAR-T3.1", LastPrice = Price.FromTicks(1), YesBid = null, YesAsk = Price.FromTicks(9999),
            YesBidSize = Quantity.FromHundredths(1), YesAskSize = Quantity.FromHundredths(2), LastTradeSize = Quantity.FromHundredths(3),
            Volume = Quantity.FromHundredths(4), OpenInterest = Quantity.FromHundredths(5), Time = T0, ReceivedTime = T0.AddMilliseconds(1),
        };
        await t.Store.InsertTickersAsync([ticker, ticker], Ct);
        Same.Assert(ticker, Assert.Single(await t.Store.GetTickersAsync("KXTEST-26MAR-T3.1", null, null, Ct)));

        var lifecycle = new LifecycleRecord
        {
            Ticker = "KXTEST-26MAR-T3.1", EventType = "determined", Result = MarketResult.Scalar, SettlementValue = Price.FromTicks(3333),
            CloseTime = T0, ExchangeTime = T0.AddSeconds(1), ReceivedTime = T0.AddSeconds(2), RawJson = """{"type":"market_lifecycle_v2"}""",
        };
        await t.Store.InsertLifecycleEventsAsync([lifecycle, lifecycle], Ct);
        Same.Assert(lifecycle, Assert.Single(await t.Store.GetLifecycleEventsAsync("KXTEST-26MAR-T3.1", Ct)));

        var snap = MarketSnapshot.FromMarket(Market(), T0);
        await t.Store.InsertMarketSnapshotsAsync([snap, snap], Ct);
        Same.Assert(snap, Assert.Single(await t.Store.GetMarketSnapshotsAsync("KXTEST-26MAR-T3.1", null, null, Ct)));
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task SpotTicksAndFeaturesKeepFullDecimalPrecision(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var tick = new SpotTick { Source = "cfbenchmarks_value", Symbol = "BRTI", Value = 104233.123456789012m, Time = T0, ReceivedTime = T0.AddMilliseconds(2) };
        await t.Store.UpsertSpotTicksAsync([tick, tick with { Value = -0.000000001m, Time = T0.AddSeconds(1) }], Ct);
        var ticks = await t.Store.GetSpotTicksAsync("cfbenchmarks_value", "BRTI", null, null, Ct);
        Assert.Equal([104233.123456789012m, -0.000000001m], ticks.Select(x => x.Value));

        var feature = new FeatureRecord { Subject = "KXTEST", Name = "trend", Time = T0, Value = 0.1m, ValueJson = """{"a":[1,2]}""", RunId = "r1" };
        await t.Store.UpsertFeaturesAsync([feature, feature with { Value = 0.3m }], Ct);
        var back = Assert.Single(await t.Store.GetFeaturesAsync("KXTEST", "trend", null, null, Ct));
        Assert.Equal(0.3m, back.Value);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task QuarantineKeepsEveryMalformedMessageVerbatim(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var raw = "{\"type\":\"orderbook_delta\",\"msg\":{\"price_dollars\":\"0.12345\"}} \u00e9\u2603";
        var q = new QuarantineRecord { Source = "ws", Reason = "price_dollars: too precise", RawText = raw, ReceivedTime = T0 };
        await t.Store.InsertQuarantineAsync([q, q], Ct);
        var back = await t.Store.GetQuarantineAsync(10, Ct);
        Assert.Equal(2, back.Count); // append-only: a repeated bad message is still two receptions
        Assert.All(back, b => Assert.Equal(raw, b.RawText));
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task CheckpointsAreOverwrittenInPlace(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        Assert.Null(await t.Store.GetCheckpointAsync("candles:X", Ct));
        await t.Store.SetCheckpointAsync("candles:X", "100", T0, Ct);
        await t.Store.SetCheckpointAsync("candles:X", "200", T0.AddSeconds(1), Ct);
        Assert.Equal("200", await t.Store.GetCheckpointAsync("candles:X", Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task LargeUpsertBatchesWithRepeatedKeysKeepOneRowPerKey(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var ticks = Enumerable.Range(0, 500)
            .Select(i => new SpotTick { Source = "s", Symbol = "X", Value = i, Time = T0.AddSeconds(i % 250) })
            .ToList();
        await t.Store.UpsertSpotTicksAsync(ticks, Ct);
        Assert.Equal(250, (await t.Store.GetSpotTicksAsync("s", "X", null, null, Ct)).Count);
    }
}
