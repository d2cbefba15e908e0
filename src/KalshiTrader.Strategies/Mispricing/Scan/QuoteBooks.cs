using KalshiTrader.Core.Books;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Strategies.Mispricing.Scan;

/// <summary>
/// Builds a one-level book from a market's own quote fields (yes_bid/yes_ask with their sizes) for when full
/// order books were not fetched. A YES ask at a is a NO bid at 1 − a, so the book stays the one place asks
/// are derived. A $0 bid or a $1 ask is no quote at all.
/// </summary>
public static class QuoteBooks
{
    public static void ApplyTopOfBook(OrderBook book, Market market)
    {
        PriceLevel[] yes = market.YesBid is { Ticks: > 0 } b ? [new PriceLevel(b, market.YesBidSize)] : [];
        PriceLevel[] no = market.YesAsk is { Ticks: > 0 and < Price.TicksPerDollar } a ? [new PriceLevel(a.Complement, market.YesAskSize)] : [];
        book.ApplySnapshot(yes, no);
    }
}
