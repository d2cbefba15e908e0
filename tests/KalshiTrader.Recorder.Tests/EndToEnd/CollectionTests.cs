using System.Globalization;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Tests.Support;

namespace KalshiTrader.Recorder.Tests.EndToEnd;

/// <summary>Catalog, candles, trades and REST books collected from the real local exchange over HTTP, into both stores.</summary>
public sealed class CollectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task EverythingTheExchangePublishesIsCollectedAndASecondRunDuplicatesNothing(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        await using var rig = await ExchangeRig.StartAsync(participants: false);
        var markets = rig.ActiveMarkets();
        var traded = markets.Take(3).ToList();
        foreach (var m in traded)
        {
            rig.TakeTheAsk(m, Quantity.FromContracts(2));
            rig.TakeTheAsk(m, Quantity.FromContracts(1));
        }

        var expected = await CollectAllAsync(rig, t.Store);

        // What the exchange holds is what the store holds.
        Core.Markets.Market[] engineMarkets;
        Core.Markets.Trade[] engineTrades;
        int engineEvents, engineSeries;
        lock (rig.Exchange.Engine.SyncRoot)
        {
            engineMarkets = rig.Exchange.Engine.GetMarkets().ToArray();
            engineTrades = rig.Exchange.Engine.GetTrades().ToArray();
            engineEvents = rig.Exchange.Engine.GetEvents(withMarkets: false).Count;
            engineSeries = rig.Exchange.Engine.GetAllSeries().Count;
        }

        var open = engineMarkets.Where(m => m.Status == Core.Markets.MarketStatus.Active).ToArray();
        Assert.Equal(open.Length, markets.Count);
        Assert.Equal(engineSeries, await CountAsync(t.Store, "series"));
        Assert.Equal(engineEvents, await CountAsync(t.Store, "events"));
        foreach (var m in open)
        {
            var stored = await t.Store.GetMarketAsync(m.Ticker, Ct);
            Assert.NotNull(stored);
            Assert.Equal(m.EventTicker, stored.EventTicker);
            Assert.Equal(m.Status, stored.Status);
            Assert.Equal(m.StrikeType, stored.StrikeType);
        }

        Assert.Equal(6, engineTrades.Length);
        foreach (var m in traded)
        {
            var want = engineTrades.Where(x => x.Ticker == m).OrderBy(x => x.TradeId.Value, StringComparer.Ordinal).ToArray();
            var got = (await t.Store.GetTradesAsync(m, null, null, Ct)).OrderBy(x => x.TradeId.Value, StringComparer.Ordinal).ToArray();
            Assert.Equal(want.Select(x => (x.TradeId, x.YesPrice, x.Count)), got.Select(x => (x.TradeId, x.YesPrice, x.Count)));

            // One-minute candles carry exactly the traded volume and the traded prices.
            var candles = await t.Store.GetCandlesticksAsync(m, 1, null, null, Ct);
            Assert.NotEmpty(candles);
            Assert.Equal(want.Sum(x => x.Count.Hundredths), candles.Sum(c => c.Volume.Hundredths));
            Assert.Equal(want.Max(x => x.YesPrice), candles.Max(c => c.TradePrice!.Value.High));

            // The REST book is the engine's book, level for level.
            var book = rig.Book(m);
            var snapshot = Assert.Single(await t.Store.GetOrderBookSnapshotsAsync(m, null, null, Ct));
            Assert.Equal(book.YesBids, snapshot.YesBids);
            Assert.Equal(book.NoBids, snapshot.NoBids);
        }

        // Again: upserts and checkpoints mean no new series, events, markets, trades or candles. Book polls and
        // catalog price snapshots are observations, so each run adds exactly one per market.
        await CollectAllAsync(rig, t.Store);
        foreach (var table in new[] { "series", "events", "markets", "trades", "candlesticks" })
        {
            Assert.True(expected[table] == await CountAsync(t.Store, table), $"{table}: a second run changed the row count");
        }

        Assert.Equal(2L * open.Length, await CountAsync(t.Store, "orderbook_snapshots"));
        Assert.Equal(2L * open.Length, await CountAsync(t.Store, "market_snapshots"));
    }

    private static async Task<Dictionary<string, long>> CollectAllAsync(ExchangeRig rig, IKalshiStore store)
    {
        var time = TimeProvider.System;
        var scope = new CollectScope();
        await new CatalogCollector(rig.Client, store, time).RunAsync(scope, null, Ct);
        var stored = await scope.ResolveStoredMarketsAsync(store, Ct);
        var now = DateTimeOffset.UtcNow;
        await new CandleCollector(rig.Client, store, time).RunAsync(stored, [1, 60], now.AddHours(-3), now.AddMinutes(2), null, Ct);
        await new TradeCollector(rig.Client, store, time).RunAsync(stored, null, null, null, Ct);
        await new BookCollector(rig.Client, store, time).RunAsync(stored, null, null, Ct);
        var counts = new Dictionary<string, long>();
        foreach (var table in new[] { "series", "events", "markets", "trades", "candlesticks", "orderbook_snapshots", "market_snapshots" })
        {
            counts[table] = await CountAsync(store, table);
        }

        return counts;
    }

    internal static async Task<long> CountAsync(IKalshiStore store, string table)
    {
        var r = await store.QueryAsync($"SELECT COUNT(*) FROM {table}", Ct);
        return Convert.ToInt64(r.Rows[0][0], CultureInfo.InvariantCulture);
    }
}
