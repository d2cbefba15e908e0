using System.Globalization;
using System.Text.RegularExpressions;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Records;

namespace KalshiTrader.Recorder;

/// <summary>How often the live recorder writes what it has buffered.</summary>
public sealed record LiveRecorderOptions
{
    /// <summary>Write at least this often: a kill -9 loses at most this much of the feed.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Write as soon as this many rows are waiting.</summary>
    public int FlushRows { get; init; } = 5_000;
}

/// <summary>
/// Records a live feed (order-book snapshots and deltas, trades, tickers, lifecycle) into the store. Every
/// connection gets a new session number (checkpoint <c>live:session</c>), so Kalshi's per-connection sid/seq stay
/// unique; a sequence gap (on the order book, or on another sequenced channel such as trades when the feed reports
/// one with <see cref="SequenceGapEvent"/>) or a lost connection is written to <c>feed_gaps</c>, and the book
/// snapshot that heals a book gap is stored with reason <c>resync</c>. Malformed frames go to <c>quarantine</c> with their raw text. Rows are
/// buffered and written in one transaction per flush; stopping (cancellation or the duration) drains what the
/// feed already delivered and flushes before returning.
/// </summary>
public sealed partial class LiveRecorder(IMarketDataFeed feed, IKalshiStore store, TimeProvider time, LiveRecorderOptions? options = null)
{
    private const string SessionKey = "live:session";

    private readonly LiveRecorderOptions _options = options ?? new LiveRecorderOptions();
    private readonly List<OrderBookSnapshotRecord> _snapshots = [];
    private readonly List<OrderBookDeltaRecord> _deltas = [];
    private readonly List<FeedGapRecord> _gaps = [];
    private readonly List<Trade> _trades = [];
    private readonly List<TickerUpdate> _tickers = [];
    private readonly List<LifecycleRecord> _lifecycle = [];
    private readonly List<QuarantineRecord> _quarantine = [];
    private readonly Dictionary<long, long> _lastSeq = [];
    private readonly HashSet<MarketTicker> _snapshotted = [];
    private readonly HashSet<MarketTicker> _awaitingResync = [];
    private long? _bookSid;
    private DateTimeOffset _lastFlush;

    public CollectCounts Counts { get; } = new();

    /// <summary>The session number the recorder is writing under now.</summary>
    public long Session { get; private set; }

    private int Buffered => _snapshots.Count + _deltas.Count + _gaps.Count + _trades.Count + _tickers.Count + _lifecycle.Count + _quarantine.Count;

    /// <param name="subscribe">Subscribes the feed to what should be recorded (called once the feed has started).</param>
    public async Task RunAsync(
        Func<CancellationToken, Task> subscribe, TimeSpan? duration, IProgress<CollectProgress>? progress, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (duration is { } d) stop.CancelAfter(d);
        Session = await NextSessionAsync().ConfigureAwait(false);
        _lastFlush = time.GetUtcNow();
        try
        {
            await feed.StartAsync(stop.Token).ConfigureAwait(false);
            await subscribe(stop.Token).ConfigureAwait(false);
            var reader = feed.Events;
            while (!stop.IsCancellationRequested)
            {
                using (var wait = CancellationTokenSource.CreateLinkedTokenSource(stop.Token))
                {
                    wait.CancelAfter(_options.FlushInterval);
                    try
                    {
                        if (!await reader.WaitToReadAsync(wait.Token).ConfigureAwait(false)) break;
                    }
                    catch (OperationCanceledException)
                    {
                        // the flush interval or the stop
                    }
                }

                while (reader.TryRead(out var e))
                {
                    await HandleAsync(e).ConfigureAwait(false);
                    if (Buffered >= _options.FlushRows) await FlushAsync().ConfigureAwait(false);
                }

                if (time.GetUtcNow() - _lastFlush >= _options.FlushInterval)
                {
                    await FlushAsync().ConfigureAwait(false);
                    progress?.Report(new CollectProgress("live", Counts["orderbook_deltas"], 0, Counts.ToString()));
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // a requested stop: fall through to the final flush
        }
        finally
        {
            // Whatever the feed already delivered is part of the recording.
            while (feed.Events.TryRead(out var e)) await HandleAsync(e).ConfigureAwait(false);
            await FlushAsync().ConfigureAwait(false);
        }
    }

    private async Task<long> NextSessionAsync()
    {
        var saved = await store.GetCheckpointAsync(SessionKey, CancellationToken.None).ConfigureAwait(false);
        var next = (saved is null ? 0 : long.Parse(saved, CultureInfo.InvariantCulture)) + 1;
        await store.SetCheckpointAsync(SessionKey, next.ToString(CultureInfo.InvariantCulture), time.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        return next;
    }

    private async ValueTask NewConnectionAsync()
    {
        // Flush first: rows already buffered belong to the old session.
        await FlushAsync().ConfigureAwait(false);
        Session = await NextSessionAsync().ConfigureAwait(false);
        _lastSeq.Clear();
    }

    private async ValueTask TrackAsync(long sid, long seq, bool isBook)
    {
        // sids and seqs restart on a new connection; a seq that goes backwards means one began.
        if (_lastSeq.TryGetValue(sid, out var last) && seq <= last) await NewConnectionAsync().ConfigureAwait(false);
        _lastSeq[sid] = seq;
        if (isBook) _bookSid = sid;
    }

    private async ValueTask HandleAsync(FeedEvent e)
    {
        switch (e)
        {
            case BookSnapshotEvent s:
                await TrackAsync(s.Sid, s.Seq, isBook: true).ConfigureAwait(false);
                var resync = _awaitingResync.Remove(s.Ticker) | !_snapshotted.Add(s.Ticker);
                _snapshots.Add(new OrderBookSnapshotRecord
                {
                    Ticker = s.Ticker, Session = Session, Sid = s.Sid, Seq = s.Seq, Source = "ws", Reason = resync ? "resync" : "initial",
                    YesBids = s.YesBids, NoBids = s.NoBids, ReceivedTime = s.ReceivedTime,
                });
                break;
            case BookDeltaEvent d:
                await TrackAsync(d.Sid, d.Seq, isBook: true).ConfigureAwait(false);
                _deltas.Add(new OrderBookDeltaRecord(Session, d.Sid, d.Seq, d.Ticker, d.Side, d.Price, d.Delta, d.ExchangeTime, d.ReceivedTime, d.ClientOrderId));
                break;
            case BooksInvalidatedEvent g:
                foreach (var t in g.Tickers) _awaitingResync.Add(t);
                // The reason names the subscription when a seq gap caused this; otherwise (a torn frame, a lost
                // connection) the last book subscription seen is the best guess.
                var match = GapPattern().Match(g.Reason);
                var sid = match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : _bookSid ?? 0;
                var expected = _lastSeq.GetValueOrDefault(sid) + 1;
                var received = match.Success ? long.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture) : expected;
                if (match.Success) expected = long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
                AddGap(new FeedGapRecord
                {
                    Session = Session, Sid = sid, ExpectedSeq = expected, ReceivedSeq = received, Reason = g.Reason, DetectedTime = g.ReceivedTime,
                });
                break;
            case SequenceGapEvent q:
                // Another sequenced channel (trades) lost messages: recorded like a book gap. Trades have no snapshot
                // to heal them; `collect trades` over the gap's window fills them in (trades upsert by trade id). A
                // gap also reported as a BooksInvalidatedEvent is the same feed_gaps key and is stored once.
                AddGap(new FeedGapRecord
                {
                    Session = Session, Sid = q.Sid, ExpectedSeq = q.ExpectedSeq, ReceivedSeq = q.ReceivedSeq,
                    Reason = $"sequence gap on {q.Channel} sid {q.Sid}: expected seq {q.ExpectedSeq}, got {q.ReceivedSeq}",
                    DetectedTime = q.ReceivedTime == default ? time.GetUtcNow() : q.ReceivedTime,
                });
                break;
            case ConnectionEvent { Connected: false }:
                await NewConnectionAsync().ConfigureAwait(false);
                break;
            case TradeEvent t:
                _trades.Add(t.Trade.ReceivedTime == default ? t.Trade with { ReceivedTime = t.ReceivedTime } : t.Trade);
                break;
            case TickerEvent k:
                _tickers.Add(k.Update.ReceivedTime == default ? k.Update with { ReceivedTime = k.ReceivedTime } : k.Update);
                break;
            case LifecycleEvent l:
                _lifecycle.Add(new LifecycleRecord
                {
                    Ticker = l.Ticker, EventType = l.EventType, Result = l.Result, SettlementValue = l.SettlementValue, CloseTime = l.CloseTime,
                    ExchangeTime = l.ExchangeTime, ReceivedTime = l.ReceivedTime, RawJson = l.RawJson,
                });
                break;
            case FeedErrorEvent f:
                _quarantine.Add(new QuarantineRecord
                {
                    Source = "ws", Reason = f.Message, RawText = f.RawTruncated, ReceivedTime = f.ReceivedTime == default ? time.GetUtcNow() : f.ReceivedTime,
                });
                break;
        }
    }

    /// <summary>Buffers a gap unless the same one (session, sid, received seq) is already buffered: one gap, one row, one count.</summary>
    private void AddGap(FeedGapRecord gap)
    {
        if (!_gaps.Exists(g => g.Session == gap.Session && g.Sid == gap.Sid && g.ReceivedSeq == gap.ReceivedSeq)) _gaps.Add(gap);
    }

    /// <summary>Writes every buffer. Uses no cancellation token: a stop must still persist what was received.</summary>
    private async Task FlushAsync()
    {
        var none = CancellationToken.None;
        if (_snapshots.Count > 0) await store.InsertOrderBookSnapshotsAsync(_snapshots, none).ConfigureAwait(false);
        if (_deltas.Count > 0) await store.InsertOrderBookDeltasAsync(_deltas, none).ConfigureAwait(false);
        if (_gaps.Count > 0) await store.InsertFeedGapsAsync(_gaps, none).ConfigureAwait(false);
        if (_trades.Count > 0) await store.UpsertTradesAsync(_trades, none).ConfigureAwait(false);
        if (_tickers.Count > 0) await store.InsertTickersAsync(_tickers, none).ConfigureAwait(false);
        if (_lifecycle.Count > 0) await store.InsertLifecycleEventsAsync(_lifecycle, none).ConfigureAwait(false);
        if (_quarantine.Count > 0) await store.InsertQuarantineAsync(_quarantine, none).ConfigureAwait(false);
        Counts.Add("orderbook_snapshots", _snapshots.Count);
        Counts.Add("orderbook_deltas", _deltas.Count);
        Counts.Add("feed_gaps", _gaps.Count);
        Counts.Add("trades", _trades.Count);
        Counts.Add("tickers", _tickers.Count);
        Counts.Add("lifecycle_events", _lifecycle.Count);
        Counts.Add("quarantine", _quarantine.Count);
        _snapshots.Clear();
        _deltas.Clear();
        _gaps.Clear();
        _trades.Clear();
        _tickers.Clear();
        _lifecycle.Clear();
        _quarantine.Clear();
        _lastFlush = time.GetUtcNow();
    }

    [GeneratedRegex(@"sid (\d+): expected seq (\d+), got (\d+)")]
    private static partial Regex GapPattern();
}
