using KalshiTrader.Core.Books;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Kalshi.WebSocket;

/// <summary>
/// Consumer-side staleness over <see cref="OrderBookSet"/>: which books may not be traded now (invalid, or silent
/// for longer than the limit). The client keeps live books fresh by re-snapshotting quiet ones, so a book that
/// goes stale means the feed is not delivering.
/// </summary>
public static class BookFreshness
{
    /// <summary>A sensible stale limit for a client: its quiet-snapshot interval plus slack for the round trip.</summary>
    public static TimeSpan DefaultMaxAge(KalshiWebSocketOptions options) =>
        options.QuietSnapshotAfter is { } quiet ? quiet + TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(60);

    /// <summary>Books that must not be traded on at <paramref name="now"/>, each with the reason.</summary>
    public static IReadOnlyList<(MarketTicker Ticker, string Reason)> Untradeable(OrderBookSet books, DateTimeOffset now, TimeSpan maxAge)
    {
        var list = new List<(MarketTicker, string)>();
        foreach (var book in books.All)
        {
            if (!books.IsTradeable(book.Ticker, now, maxAge, out var reason)) list.Add((book.Ticker, reason!));
        }

        return list;
    }
}
