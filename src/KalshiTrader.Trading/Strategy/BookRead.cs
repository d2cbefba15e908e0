using KalshiTrader.Core.Books;

namespace KalshiTrader.Trading.Strategy;

/// <summary>Whether a book may be traded on.</summary>
public enum BookState
{
    /// <summary>Snapshotted since the last gap and updated within the stale limit.</summary>
    Fresh,

    /// <summary>Valid, but nothing arrived within the stale limit: display only, never trade.</summary>
    Stale,

    /// <summary>Dropped after a gap or corrupt delta; a snapshot is pending. <see cref="BookRead.Book"/> is empty.</summary>
    Invalid,

    /// <summary>No book yet (not followed, or the first snapshot has not arrived).</summary>
    Missing,
}

/// <summary>
/// A book together with its state. <see cref="Book"/> is the engine's live book: read it, never mutate it, and
/// do not keep it across callbacks.
/// </summary>
public readonly record struct BookRead(OrderBook? Book, BookState State, TimeSpan? Age, string? Reason)
{
    public bool IsFresh => State == BookState.Fresh;

    /// <summary>The book only when it is fresh.</summary>
    public bool TryGetFresh(out OrderBook book)
    {
        book = Book!;
        return State == BookState.Fresh && Book is not null;
    }
}
