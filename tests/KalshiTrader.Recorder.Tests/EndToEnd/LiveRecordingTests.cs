using System.Globalization;
using System.Text.Json;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.WebSocket;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Tests.Support;

namespace KalshiTrader.Recorder.Tests.EndToEnd;

/// <summary>
/// The live recorder on the real WebSocket feed of the local exchange: books, trades, tickers and lifecycle while
/// participants trade; an injected sequence gap and a torn frame, each recorded and recovered from.
/// </summary>
public sealed class LiveRecordingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task BooksTradesTickersAndLifecycleAreRecordedWhileParticipantsTrade(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        await using var rig = await ExchangeRig.StartAsync(participants: true);
        var markets = rig.ActiveMarkets();
        await using var live = Live.Start(rig, t.Store, markets, lifecycle: true);
        await live.WaitForSnapshotsAsync(markets.Count);

        var (paused, closed, traded) = (markets[0], markets[1], markets[2]);
        rig.TakeTheAsk(traded, Quantity.FromContracts(1));
        await rig.AdminAsync($"/local/markets/{paused}/pause");
        await rig.AdminAsync($"/local/markets/{closed}/close");
        await Eventually.TrueAsync(async () => (await t.Store.GetTradesAsync(traded, null, null, Ct)).Count > 0, "our trade on the feed");
        await Eventually.TrueAsync(async () => (await t.Store.GetLifecycleEventsAsync(closed, Ct)).Count > 0, "the close on the lifecycle feed");
        await Eventually.TrueAsync(async () => await CollectionTests.CountAsync(t.Store, "orderbook_deltas") >= 10, "ten book deltas");
        var recorder = await live.StopAsync();

        Assert.Contains("deactivated", (await t.Store.GetLifecycleEventsAsync(paused, Ct)).Select(l => l.EventType));
        var close = Assert.Single(await t.Store.GetLifecycleEventsAsync(closed, Ct));
        Assert.Equal("close_date_updated", close.EventType);
        Assert.Contains("\"close_date_updated\"", close.RawJson, StringComparison.Ordinal);

        // Every trade recorded is one the exchange made, at its price and size.
        Dictionary<string, Core.Markets.Trade> engineTrades;
        lock (rig.Exchange.Engine.SyncRoot) engineTrades = rig.Exchange.Engine.GetTrades().ToDictionary(x => x.TradeId.Value);
        foreach (var m in markets)
        {
            foreach (var trade in await t.Store.GetTradesAsync(m, null, null, Ct))
            {
                var made = engineTrades[trade.TradeId.Value];
                Assert.Equal((made.Ticker, made.YesPrice, made.Count), (trade.Ticker, trade.YesPrice, trade.Count));
            }
        }

        Assert.True(await CollectionTests.CountAsync(t.Store, "tickers") > 0, "no ticker rows");
        Assert.Equal(0, await CollectionTests.CountAsync(t.Store, "feed_gaps"));

        // With no gap, the book subscription's snapshots and deltas use every seq from 1 up, each exactly once.
        var seqs = await t.Store.QueryAsync(
            "SELECT seq FROM orderbook_deltas UNION ALL SELECT seq FROM orderbook_snapshots WHERE source = 'ws' ORDER BY 1", Ct);
        var all = seqs.Rows.Select(r => Convert.ToInt64(r[0], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all);
        Assert.Equal(all.Count - markets.Count, recorder.Counts["orderbook_deltas"]);
        var sessions = await t.Store.QueryAsync("SELECT DISTINCT session, sid FROM orderbook_deltas", Ct);
        Assert.Single(sessions.Rows);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task ASkippedSequenceNumberIsRecordedAsAGapAndHealedByARecordedResyncSnapshot(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        await using var rig = await ExchangeRig.StartAsync(participants: false);
        var markets = rig.ActiveMarkets();
        var m = markets[0];
        await using var live = Live.Start(rig, t.Store, markets, lifecycle: false);
        await live.WaitForSnapshotsAsync(markets.Count);

        // The initial snapshots took seqs 1..N; the next delta is sent as N+2.
        rig.Exchange.Faults.SkipSequenceNumbers(1);
        rig.RestABid(m, Quantity.FromContracts(3));
        var afterGap = rig.Book(m);
        await live.WaitForSnapshotsAsync(2 * markets.Count);
        rig.RestABid(m, Quantity.FromContracts(4));
        await Eventually.TrueAsync(async () => (await t.Store.GetOrderBookDeltasAsync(m, null, null, Ct)).Count > 0, "a delta after the resync");
        var recorder = await live.StopAsync();

        var gaps = await t.Store.QueryAsync("SELECT session, sid, expected_seq, received_seq FROM feed_gaps", Ct);
        var gap = Assert.Single(gaps.Rows).Select(v => Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([recorder.Session, markets.Count + 1L, markets.Count + 2L], [gap[0], gap[2], gap[3]]);
        Assert.Equal(1, recorder.Counts.Gaps);

        var snapshots = await t.Store.GetOrderBookSnapshotsAsync(m, null, null, Ct);
        Assert.Equal(["initial", "resync"], snapshots.Select(s => s.Reason));
        Assert.Equal(afterGap.YesBids, snapshots[1].YesBids);
        Assert.Equal(afterGap.NoBids, snapshots[1].NoBids);

        // The delta lost in the gap is not stored; the one after the resync is, past the resync snapshot's seq.
        var delta = Assert.Single(await t.Store.GetOrderBookDeltasAsync(m, null, null, Ct));
        Assert.True(delta.Seq > snapshots[1].Seq, $"delta seq {delta.Seq} should follow the resync snapshot's {snapshots[1].Seq}");
        Assert.Equal(Quantity.FromContracts(4), delta.Delta);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task ATornFrameIsQuarantinedWithItsRawTextAndCountedAndRecordingGoesOn(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        await using var rig = await ExchangeRig.StartAsync(participants: false);
        var markets = rig.ActiveMarkets();
        await using var live = Live.Start(rig, t.Store, markets, lifecycle: false);
        await live.WaitForSnapshotsAsync(markets.Count);

        rig.Exchange.Faults.CorruptNextMessages(1);
        rig.RestABid(markets[0], Quantity.FromContracts(3));
        await Eventually.TrueAsync(async () => (await t.Store.GetQuarantineAsync(10, Ct)).Count > 0, "the quarantined frame");
        rig.RestABid(markets[1], Quantity.FromContracts(5));
        await Eventually.TrueAsync(async () => (await t.Store.GetOrderBookDeltasAsync(markets[1], null, null, Ct)).Count > 0, "a delta after the torn frame");
        var recorder = await live.StopAsync();

        var q = Assert.Single(await t.Store.GetQuarantineAsync(10, Ct));
        Assert.Equal(1, recorder.Counts.Quarantined);
        Assert.StartsWith("{\"type\":\"", q.RawText, StringComparison.Ordinal);
        Assert.Contains(markets[0].Value, q.RawText, StringComparison.Ordinal);
        Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(q.RawText).Dispose());
        Assert.Contains("malformed", q.Reason, StringComparison.Ordinal);
        Assert.Equal("ws", q.Source);
        Assert.Equal(Quantity.FromContracts(5), Assert.Single(await t.Store.GetOrderBookDeltasAsync(markets[1], null, null, Ct)).Delta);
    }

    /// <summary>A recorder running in the background on a fresh feed, stopped (and flushed) on demand.</summary>
    private sealed class Live : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly KalshiMarketDataFeed _feed;
        private readonly IKalshiStore _store;
        private Task? _run;

        private Live(KalshiMarketDataFeed feed, IKalshiStore store)
        {
            _feed = feed;
            _store = store;
            Recorder = new LiveRecorder(feed, store, TimeProvider.System, new LiveRecorderOptions { FlushInterval = TimeSpan.FromMilliseconds(50) });
        }

        public LiveRecorder Recorder { get; }

        public static Live Start(ExchangeRig rig, IKalshiStore store, IReadOnlyList<MarketTicker> markets, bool lifecycle)
        {
            var live = new Live(rig.NewFeed(), store);
            live._run = live.Recorder.RunAsync(async ct =>
            {
                await live._feed.SubscribeMarketsAsync(markets, ct);
                if (lifecycle) await live._feed.SubscribeLifecycleAsync(ct);
            }, null, null, live._stop.Token);
            return live;
        }

        public Task WaitForSnapshotsAsync(int count) =>
            Eventually.TrueAsync(async () => await CollectionTests.CountAsync(_store, "orderbook_snapshots") >= count, $"{count} book snapshots");

        public async Task<LiveRecorder> StopAsync()
        {
            await _stop.CancelAsync();
            await _run!;
            return Recorder;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_stop.IsCancellationRequested) await _stop.CancelAsync();
            try
            {
                if (_run is not null) await _run;
            }
            finally
            {
                await _feed.DisposeAsync();
                _stop.Dispose();
            }
        }
    }
}
