using System.Threading.Channels;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Matching;

namespace KalshiTrader.Trading.Tests.Support;

/// <summary>
/// A market-data feed straight off the matching engine's event sink, for one account, with the faults a WebSocket
/// has: a dropped connection (events lost until reconnect), a skipped sequence number (books invalidated, then a
/// fresh snapshot). Snapshot on subscribe, like Kalshi.
/// </summary>
internal sealed class MatchingEngineFeed : IMarketDataFeed, IEngineEventSink
{
    private readonly Channel<FeedEvent> _events = Channel.CreateUnbounded<FeedEvent>();
    private readonly MatchingEngine _engine;
    private readonly AccountId _account;
    private readonly HashSet<string> _subscribed = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private long _seq;
    private bool _connected = true;

    public MatchingEngineFeed(MatchingEngine engine, AccountId account)
    {
        _engine = engine;
        _account = account;
        lock (engine.SyncRoot) engine.AddSink(this);
    }

    public ChannelReader<FeedEvent> Events => _events.Reader;

    public int DroppedWhileDisconnected { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SubscribeMarketsAsync(IReadOnlyCollection<MarketTicker> tickers, CancellationToken cancellationToken)
    {
        lock (_engine.SyncRoot)
        {
            lock (_gate)
            {
                foreach (var t in tickers)
                {
                    _subscribed.Add(t.Value);
                    Snapshot(t);
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task RequestSnapshotAsync(MarketTicker ticker, CancellationToken cancellationToken)
    {
        lock (_engine.SyncRoot)
        {
            lock (_gate) Snapshot(ticker);
        }

        return Task.CompletedTask;
    }

    /// <summary>The socket drops: the feed says so, invalidates every book, and loses events until <see cref="Reconnect"/>.</summary>
    public void Disconnect()
    {
        lock (_gate)
        {
            _connected = false;
            Write(new ConnectionEvent(false, "test: socket dropped"));
            Write(new BooksInvalidatedEvent(_subscribed.Select(t => new MarketTicker(t)).ToList(), "disconnected"));
        }
    }

    /// <summary>Reconnects: fresh snapshots of every book, then ConnectionEvent(true) (the engine reconciles on it).</summary>
    public void Reconnect()
    {
        lock (_engine.SyncRoot)
        {
            lock (_gate)
            {
                _connected = true;
                foreach (var t in _subscribed) Snapshot(new MarketTicker(t));
                Write(new ConnectionEvent(true, "test: reconnected"));
            }
        }
    }

    /// <summary>A sequence gap on one market: the WS client invalidates the book first, then a snapshot follows.</summary>
    public void SkipSequence(MarketTicker ticker)
    {
        lock (_engine.SyncRoot)
        {
            lock (_gate)
            {
                _seq++;
                Write(new BooksInvalidatedEvent([ticker], $"sequence gap at {_seq}"));
            }
        }
    }

    public void Publish(EngineEvent e)
    {
        lock (_gate)
        {
            if (!_connected)
            {
                DroppedWhileDisconnected++;
                return;
            }

            switch (e)
            {
                case BookChangedEvent b when _subscribed.Contains(b.Ticker.Value):
                    Write(new BookDeltaEvent(b.Ticker, b.Side, b.Price, b.Delta, 1, ++_seq, b.Time, b.Owner == _account ? b.ClientOrderId : null));
                    break;
                case OrderChangedEvent o when o.Account == _account:
                    Write(new OrderUpdateEvent(o.Order));
                    break;
                case FillExecutedEvent f when f.Account == _account:
                    Write(new FillEvent(f.Fill));
                    break;
                case PositionChangedEvent p when p.Account == _account:
                    Write(new PositionEvent(p.Position));
                    break;
                case MarketLifecycleEvent l:
                    Write(new LifecycleEvent(l.Market.Ticker, l.EventType, null, null, l.Market.CloseTime, l.Time, "{}"));
                    break;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_engine.SyncRoot) _engine.RemoveSink(this);
        _events.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }

    private void Snapshot(MarketTicker ticker)
    {
        var book = _engine.GetBook(ticker);
        if (book is null) return;
        Write(new BookSnapshotEvent(ticker, [.. book.YesBids], [.. book.NoBids], 1, ++_seq));
    }

    private void Write(FeedEvent e) => _events.Writer.TryWrite(e with { ReceivedTime = DateTimeOffset.UtcNow });
}
