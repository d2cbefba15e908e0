using KalshiTrader.Core.Books;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Recorder.Tests.Support;
using KalshiTrader.Storage.Tests.Support;

namespace KalshiTrader.Recorder.Tests;

public sealed class LiveRecorderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 15, 0, 0, TimeSpan.Zero);
    private static readonly MarketTicker Ticker = "KXTEST-26MAR-T3.1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static BookSnapshotEvent Snapshot(long sid, long seq, int second) =>
        new(Ticker, [new PriceLevel(Price.FromTicks(4200), Quantity.FromHundredths(15000))], [new PriceLevel(Price.FromTicks(5700), Quantity.FromHundredths(1))], sid, seq)
        { ReceivedTime = T0.AddSeconds(second) };

    private static BookDeltaEvent Delta(long sid, long seq, int second) =>
        new(Ticker, Outcome.Yes, Price.FromTicks(4201), Quantity.FromHundredths(-5400), sid, seq, T0.AddSeconds(second)) { ReceivedTime = T0.AddSeconds(second) };

    private static Task RecordAsync(LiveRecorder recorder, ScriptedFeed feed) =>
        recorder.RunAsync(ct => feed.SubscribeMarketsAsync([Ticker], ct), null, null, Ct);

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task AGapIsRecordedAndTheSnapshotThatHealsItIsMarkedResync(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var feed = new ScriptedFeed();
        feed.Emit(
            Snapshot(1, 1, 0), Delta(1, 2, 1), Delta(1, 3, 2),
            new BooksInvalidatedEvent([Ticker], "sequence gap on orderbook_delta sid 1: expected seq 4, got 6") { ReceivedTime = T0.AddSeconds(3) },
            Snapshot(1, 7, 4), Delta(1, 8, 5));
        feed.Complete();
        var recorder = new LiveRecorder(feed, t.Store, TimeProvider.System);
        await RecordAsync(recorder, feed);

        var gaps = await t.Store.QueryAsync("SELECT sid, expected_seq, received_seq FROM feed_gaps", Ct);
        var gap = Assert.Single(gaps.Rows);
        Assert.Equal([1L, 4L, 6L], gap.Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)));
        var snapshots = await t.Store.GetOrderBookSnapshotsAsync(Ticker, null, null, Ct);
        Assert.Equal(["initial", "resync"], snapshots.Select(s => s.Reason));
        Assert.Equal(3, (await t.Store.GetOrderBookDeltasAsync(Ticker, null, null, Ct)).Count);
        Assert.Equal(1, recorder.Counts.Gaps);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task MalformedFramesAreQuarantinedWithTheirRawTextAndRecordingGoesOn(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var feed = new ScriptedFeed();
        var raw = "{\"type\":\"orderbook_delta\",\"sid\":1,\"seq\":2,\"msg\":{\"price_dollars\":\"0.12345\"}}";
        feed.Emit(Snapshot(1, 1, 0), new FeedErrorEvent("price_dollars: too precise", raw, Ticker) { ReceivedTime = T0.AddSeconds(1) }, Delta(1, 3, 2));
        feed.Complete();
        var recorder = new LiveRecorder(feed, t.Store, TimeProvider.System);
        await RecordAsync(recorder, feed);

        var q = Assert.Single(await t.Store.GetQuarantineAsync(10, Ct));
        Assert.Equal(raw, q.RawText);
        Assert.Contains("too precise", q.Reason, StringComparison.Ordinal);
        Assert.Equal(1, recorder.Counts.Quarantined);
        Assert.Single(await t.Store.GetOrderBookDeltasAsync(Ticker, null, null, Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task EveryConnectionAndEveryRunIsANewSessionSoRestartedSequencesAreNotLost(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var first = new ScriptedFeed();
        // A reconnect restarts sid 1 at seq 1; without sessions the second connection's rows would collide.
        first.Emit(Snapshot(1, 1, 0), Delta(1, 2, 1), new ConnectionEvent(false, "socket closed") { ReceivedTime = T0.AddSeconds(2) },
            Snapshot(1, 1, 3), Delta(1, 2, 4));
        first.Complete();
        await RecordAsync(new LiveRecorder(first, t.Store, TimeProvider.System), first);

        // A restarted process (after a kill) also starts over at seq 1.
        var second = new ScriptedFeed();
        second.Emit(Snapshot(1, 1, 10), Delta(1, 2, 11));
        second.Complete();
        var restarted = new LiveRecorder(second, t.Store, TimeProvider.System);
        await RecordAsync(restarted, second);

        var deltas = await t.Store.GetOrderBookDeltasAsync(Ticker, null, null, Ct);
        Assert.Equal([1L, 2L, 3L], deltas.Select(d => d.Session));
        Assert.Equal(3, restarted.Session);
        Assert.Equal(3, (await t.Store.GetOrderBookSnapshotsAsync(Ticker, null, null, Ct)).Count);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task StoppingFlushesWhatTheFeedAlreadyDelivered(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var feed = new ScriptedFeed();
        var trade = new Trade
        {
            TradeId = new TradeId("tr-1"), Ticker = Ticker, YesPrice = Price.FromTicks(4201), Count = Quantity.FromHundredths(250), Time = T0,
        };
        feed.Emit(Snapshot(1, 1, 0), Delta(1, 2, 1), new TradeEvent(trade) { ReceivedTime = T0.AddMilliseconds(3) });
        using var stop = new CancellationTokenSource();
        var recorder = new LiveRecorder(feed, t.Store, TimeProvider.System, new LiveRecorderOptions { FlushInterval = TimeSpan.FromHours(1), FlushRows = 1_000_000 });
        var run = recorder.RunAsync(ct => Task.CompletedTask, null, null, stop.Token);
        await Task.Delay(200, Ct);
        await stop.CancelAsync();
        await run;

        Assert.Single(await t.Store.GetOrderBookDeltasAsync(Ticker, null, null, Ct));
        var stored = Assert.Single(await t.Store.GetTradesAsync(Ticker, null, null, Ct));
        Assert.Equal(T0.AddMilliseconds(3), stored.ReceivedTime);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task ATradeChannelGapIsRecordedUnderItsOwnSid(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var feed = new ScriptedFeed();
        feed.Emit(Snapshot(1, 1, 0), Delta(1, 2, 1), new SequenceGapEvent("trade", 2, 8, 11) { ReceivedTime = T0.AddSeconds(2) }, Delta(1, 3, 3));
        feed.Complete();
        var recorder = new LiveRecorder(feed, t.Store, TimeProvider.System);
        await RecordAsync(recorder, feed);

        var gap = Assert.Single((await t.Store.QueryAsync("SELECT sid, expected_seq, received_seq, reason FROM feed_gaps", Ct)).Rows);
        Assert.Equal([2L, 8L, 11L], gap.Take(3).Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains("trade", (string)gap[3]!, StringComparison.Ordinal);
        Assert.Equal(1, recorder.Counts.Gaps);
        Assert.Equal(2, (await t.Store.GetOrderBookDeltasAsync(Ticker, null, null, Ct)).Count);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task ABookGapIsRecordedUnderTheSidItsReasonNamesAndOnceWhenReportedTwice(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var feed = new ScriptedFeed();
        const string Reason = "sequence gap on orderbook_delta sid 1: expected seq 4, got 6";
        // sid 3 is the book subscription seen last, but the gap is on sid 1.
        feed.Emit(
            Snapshot(1, 1, 0), Delta(1, 2, 1), Delta(1, 3, 2), Snapshot(3, 1, 3),
            new BooksInvalidatedEvent([Ticker], Reason) { ReceivedTime = T0.AddSeconds(4) },
            new SequenceGapEvent("orderbook_delta", 1, 4, 6) { ReceivedTime = T0.AddSeconds(4) });
        feed.Complete();
        var recorder = new LiveRecorder(feed, t.Store, TimeProvider.System);
        await RecordAsync(recorder, feed);

        var gap = Assert.Single((await t.Store.QueryAsync("SELECT sid, expected_seq, received_seq FROM feed_gaps", Ct)).Rows);
        Assert.Equal([1L, 4L, 6L], gap.Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(1, recorder.Counts.Gaps);
    }
}
