using KalshiTrader.Core.Books;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Kalshi.Parsing;

/// <summary>
/// A REST order book: YES bids and NO bids, each in its own outcome's price, ascending (best bid last).
/// Not sequenced with the WebSocket feed, so use it for display and as a fallback, not to seed a live book.
/// </summary>
public sealed record OrderBookLevels(MarketTicker Ticker, PriceLevel[] YesBids, PriceLevel[] NoBids)
{
    /// <summary>A Core <see cref="OrderBook"/> holding these levels (asks derived there, nowhere else).</summary>
    public OrderBook ToOrderBook()
    {
        var book = new OrderBook(Ticker);
        book.ApplySnapshot(YesBids, NoBids);
        return book;
    }
}
