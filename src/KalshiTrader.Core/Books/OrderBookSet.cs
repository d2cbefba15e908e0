using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Books;

/// <summary>What applying one feed event did to the books.</summary>
public enum BookApplyResult
{
    /// <summary>The event was not a book event.</summary>
    NotABookEvent,
    Applied,

    /// <summary>The market's book is invalid (awaiting a snapshot); the delta was dropped.</summary>
    IgnoredAwaitingSnapshot,

    /// <summary>The delta did not fit our copy (negative size): the book was dropped and needs a snapshot.</summary>
    Corrupt,
    Invalidated,
}

/// <summary>
/// The books of every followed market, owned by the single feed consumer. Applies snapshots, deltas and
/// invalidations, and answers whether a book may be traded on: valid (snapshotted since the last gap) and
/// fresh (changed or confirmed within the stale limit).
/// </summary>
public sealed class OrderBookSet
{
    private readonly Dictionary<string, OrderBook> _books = new(StringComparer.Ordinal);

    public int Count => _books.Count;

    public IEnumerable<OrderBook> All => _books.Values;

    public bool TryGet(MarketTicker ticker, out OrderBook book) => _books.TryGetValue(ticker.Value, out book!);

    public OrderBook GetOrAdd(MarketTicker ticker)
    {
        if (!_books.TryGetValue(ticker.Value, out var book))
        {
            book = new OrderBook(ticker);
            _books[ticker.Value] = book;
        }

        return book;
    }

    /// <summary>Applies a feed event if it is a book event.</summary>
    public BookApplyResult Apply(FeedEvent e)
    {
        switch (e)
        {
            case BookSnapshotEvent s:
            {
                var book = GetOrAdd(s.Ticker);
                book.ApplySnapshot(s.YesBids, s.NoBids);
                book.Sequence = s.Seq;
                book.LastReceiveTime = s.ReceivedTime;
                return BookApplyResult.Applied;
            }

            case BookDeltaEvent d:
            {
                var book = GetOrAdd(d.Ticker);
                if (!book.IsValid) return BookApplyResult.IgnoredAwaitingSnapshot;
                if (!book.ApplyDelta(d.Side, d.Price, d.Delta)) return BookApplyResult.Corrupt;
                book.Sequence = d.Seq;
                book.LastReceiveTime = d.ReceivedTime;
                if (d.ExchangeTime is { } t) book.LastExchangeTime = t;
                return BookApplyResult.Applied;
            }

            case BooksInvalidatedEvent inv:
            {
                foreach (var t in inv.Tickers) GetOrAdd(t).Invalidate(inv.Reason);
                return BookApplyResult.Invalidated;
            }

            default:
                return BookApplyResult.NotABookEvent;
        }
    }

    /// <summary>
    /// A book may be traded on only when it is valid and was updated within <paramref name="maxAge"/>.
    /// Quiet markets are kept fresh by the feed re-confirming them (a snapshot or a heartbeat touch).
    /// </summary>
    public bool IsTradeable(MarketTicker ticker, DateTimeOffset now, TimeSpan maxAge, out string? reason)
    {
        if (!_books.TryGetValue(ticker.Value, out var book))
        {
            reason = $"no book for {ticker}";
            return false;
        }

        if (!book.IsValid)
        {
            reason = $"book {ticker} is invalid: {book.InvalidReason ?? "awaiting snapshot"}";
            return false;
        }

        if (now - book.LastReceiveTime > maxAge)
        {
            reason = $"book {ticker} is stale: last update {(now - book.LastReceiveTime).TotalSeconds:F1}s ago";
            return false;
        }

        reason = null;
        return true;
    }

    /// <summary>Marks every book of <paramref name="tickers"/> as confirmed fresh now (the feed is alive and quiet).</summary>
    public void Touch(IEnumerable<MarketTicker> tickers, DateTimeOffset now)
    {
        foreach (var t in tickers)
        {
            if (_books.TryGetValue(t.Value, out var b) && b.IsValid) b.LastReceiveTime = now;
        }
    }
}
