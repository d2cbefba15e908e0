using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Books;

/// <summary>
/// A Kalshi order book: YES bids and NO bids, as the exchange publishes them. This type is the ONE place
/// where asks are derived: YES ask = 1 − best NO bid, NO ask = 1 − best YES bid. Single-threaded by design
/// (one consumer owns it); applying a delta allocates nothing.
/// </summary>
public sealed class OrderBook
{
    private readonly BidLadder _yes = new();
    private readonly BidLadder _no = new();

    public OrderBook(MarketTicker ticker) => Ticker = ticker;

    public MarketTicker Ticker { get; }

    /// <summary>False until a snapshot arrives and after <see cref="Invalidate"/>: such a book must not be read for trading.</summary>
    public bool IsValid { get; private set; }

    /// <summary>Why the book was last invalidated (a sequence gap, a corrupt delta), for logs.</summary>
    public string? InvalidReason { get; private set; }

    /// <summary>Sequence number of the last applied message on this book's subscription (0 when unknown).</summary>
    public long Sequence { get; set; }

    /// <summary>Exchange time of the last change, when known.</summary>
    public DateTimeOffset LastExchangeTime { get; set; }

    /// <summary>Local receive time of the last change; the staleness check reads this.</summary>
    public DateTimeOffset LastReceiveTime { get; set; }

    /// <summary>Bumped on every change, so a consumer can tell cheaply whether anything moved.</summary>
    public long Version { get; private set; }

    /// <summary>
    /// The best YES bid in ticks, or -1 when there is none. Kept on the book itself (updated by every change) so a
    /// reader of the top of book on a hot path touches this object only, not the two ladders and their arrays.
    /// </summary>
    public int BestYesBidTicks { get; private set; } = -1;

    /// <summary>The best NO bid in ticks, or -1 when there is none (the YES ask is 1 − this); see <see cref="BestYesBidTicks"/>.</summary>
    public int BestNoBidTicks { get; private set; } = -1;

    public ReadOnlySpan<PriceLevel> YesBids => _yes.Levels;
    public ReadOnlySpan<PriceLevel> NoBids => _no.Levels;
    public ReadOnlySpan<PriceLevel> Bids(Outcome side) => Ladder(side).Levels;

    public PriceLevel? BestYesBid => _yes.Best;
    public PriceLevel? BestNoBid => _no.Best;
    public PriceLevel? BestBid(Outcome side) => Ladder(side).Best;

    /// <summary>Best YES ask = 1 − best NO bid, with that bid's size.</summary>
    public PriceLevel? YesAsk => _no.Best is { } b ? new PriceLevel(b.Price.Complement, b.Size) : null;

    /// <summary>Best NO ask = 1 − best YES bid, with that bid's size.</summary>
    public PriceLevel? NoAsk => _yes.Best is { } b ? new PriceLevel(b.Price.Complement, b.Size) : null;

    /// <summary>Best ask to buy <paramref name="side"/>.</summary>
    public PriceLevel? BestAsk(Outcome side) => side == Outcome.Yes ? YesAsk : NoAsk;

    /// <summary>Number of price levels one can buy <paramref name="side"/> from.</summary>
    public int AskDepth(Outcome side) => Ladder(side.Opposite()).Count;

    /// <summary>The <paramref name="index"/>-th best ask to buy <paramref name="side"/> (0 = best): the opposite side's bids, complemented.</summary>
    public PriceLevel AskAt(Outcome side, int index)
    {
        var bid = Ladder(side.Opposite()).FromBest(index);
        return new PriceLevel(bid.Price.Complement, bid.Size);
    }

    /// <summary>YES ask − YES bid in ticks, or null when a side is empty.</summary>
    public int? SpreadTicks => YesAsk is { } a && BestYesBid is { } b ? a.Price.Ticks - b.Price.Ticks : null;

    /// <summary>Mid of the YES bid and ask in dollars (for display and marking only, never for triggering trades).</summary>
    public decimal? Mid => YesAsk is { } a && BestYesBid is { } b ? (a.Price.Dollars + b.Price.Dollars) / 2 : null;

    /// <summary>True when the best YES bid meets or passes the YES ask; Kalshi never rests a crossed book.</summary>
    public bool IsCrossed => YesAsk is { } a && BestYesBid is { } b && b.Price >= a.Price;

    public Quantity SizeAt(Outcome side, Price price) => Ladder(side).SizeAt(price);

    /// <summary>Replaces both sides. Levels may come in any order; zero sizes are skipped.</summary>
    public void ApplySnapshot(ReadOnlySpan<PriceLevel> yesBids, ReadOnlySpan<PriceLevel> noBids)
    {
        _yes.Clear();
        _no.Clear();
        foreach (var l in yesBids) _yes.Set(l.Price, l.Size);
        foreach (var l in noBids) _no.Set(l.Price, l.Size);
        BestYesBidTicks = _yes.BestTicks;
        BestNoBidTicks = _no.BestTicks;
        IsValid = true;
        InvalidReason = null;
        Version++;
    }

    /// <summary>
    /// Adds a signed delta at one bid level. A delta that would make a level negative means our copy has
    /// diverged from the exchange: the book is invalidated and false returned, so the caller re-snapshots.
    /// </summary>
    public bool ApplyDelta(Outcome side, Price price, Quantity delta)
    {
        if (!Ladder(side).Add(price, delta))
        {
            Invalidate($"delta {delta} at {side} {price} would leave a negative size");
            return false;
        }

        TopChanged(side);
        Version++;
        return true;
    }

    /// <summary>Sets one level's absolute size (0 removes it).</summary>
    public void SetLevel(Outcome side, Price price, Quantity size)
    {
        Ladder(side).Set(price, size);
        TopChanged(side);
        Version++;
    }

    /// <summary>Drops both sides and marks the book unusable until the next snapshot.</summary>
    public void Invalidate(string reason)
    {
        _yes.Clear();
        _no.Clear();
        BestYesBidTicks = BestNoBidTicks = -1;
        IsValid = false;
        InvalidReason = reason;
        Version++;
    }

    /// <summary>
    /// Cost of buying up to <paramref name="want"/> contracts of <paramref name="side"/> by taking asks best-first,
    /// never paying more than <paramref name="limit"/> per contract when one is given.
    /// </summary>
    public BookWalk WalkBuy(Outcome side, Quantity want, Price? limit = null)
    {
        var asks = Ladder(side.Opposite());
        var left = want.Hundredths;
        long filled = 0;
        long costMicros = 0;
        Price? worst = null;
        for (var i = 0; i < asks.Count && left > 0; i++)
        {
            var bid = asks.FromBest(i);
            var askPrice = bid.Price.Complement;
            if (limit is { } cap && askPrice > cap) break;
            var take = Math.Min(left, bid.Size.Hundredths);
            filled += take;
            costMicros += take * askPrice.Ticks;
            left -= take;
            worst = askPrice;
        }

        return new BookWalk(new Quantity(filled), new Money(costMicros), worst);
    }

    // Only the changed side is re-read: the other side's ladder may be cold in cache.
    private void TopChanged(Outcome side)
    {
        if (side == Outcome.Yes) BestYesBidTicks = _yes.BestTicks;
        else BestNoBidTicks = _no.BestTicks;
    }

    private BidLadder Ladder(Outcome side) => side == Outcome.Yes ? _yes : _no;
}
