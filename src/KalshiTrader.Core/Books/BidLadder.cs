using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Books;

/// <summary>
/// One side's bids, sorted ascending by price (best bid last, as Kalshi publishes them). A sorted array,
/// not a tree: books hold tens of levels and most changes land near the top, so a binary search and a
/// short shift beat pointer chasing, and nothing is allocated once the array has grown.
/// </summary>
internal sealed class BidLadder
{
    private PriceLevel[] _levels = new PriceLevel[16];

    public int Count { get; private set; }

    public ReadOnlySpan<PriceLevel> Levels => _levels.AsSpan(0, Count);

    public PriceLevel? Best => Count == 0 ? null : _levels[Count - 1];

    /// <summary>The best bid's price in ticks, or -1 when the side is empty.</summary>
    public int BestTicks => Count == 0 ? -1 : _levels[Count - 1].Price.Ticks;

    /// <summary>The level <paramref name="index"/> steps below the best (0 = best).</summary>
    public PriceLevel FromBest(int index) => _levels[Count - 1 - index];

    public void Clear() => Count = 0;

    public Quantity SizeAt(Price price)
    {
        var i = Find(price.Ticks);
        return i >= 0 ? _levels[i].Size : Quantity.Zero;
    }

    /// <summary>Sets the level to <paramref name="size"/>; zero removes it.</summary>
    public void Set(Price price, Quantity size)
    {
        var i = Find(price.Ticks);
        if (i >= 0)
        {
            if (size.IsZero) RemoveAt(i);
            else _levels[i] = new PriceLevel(price, size);
            return;
        }

        if (!size.IsZero) InsertAt(~i, new PriceLevel(price, size));
    }

    /// <summary>Adds a signed delta. Returns false, changing nothing, when the level would go negative.</summary>
    public bool Add(Price price, Quantity delta)
    {
        var i = Find(price.Ticks);
        if (i >= 0)
        {
            var next = _levels[i].Size.Hundredths + delta.Hundredths;
            if (next < 0) return false;
            if (next == 0) RemoveAt(i);
            else _levels[i] = new PriceLevel(price, new Quantity(next));
            return true;
        }

        if (delta.Hundredths < 0) return false;
        if (delta.Hundredths > 0) InsertAt(~i, new PriceLevel(price, delta));
        return true;
    }

    private int Find(int ticks)
    {
        // Most updates touch the top of the book: check the best level before searching.
        var count = Count;
        if (count > 0)
        {
            var top = _levels[count - 1].Price.Ticks;
            if (top == ticks) return count - 1;
            if (top < ticks) return ~count;
        }

        int lo = 0, hi = count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var t = _levels[mid].Price.Ticks;
            if (t == ticks) return mid;
            if (t < ticks) lo = mid + 1;
            else hi = mid - 1;
        }

        return ~lo;
    }

    private void InsertAt(int index, PriceLevel level)
    {
        if (Count == _levels.Length) Array.Resize(ref _levels, _levels.Length * 2);
        if (index < Count) Array.Copy(_levels, index, _levels, index + 1, Count - index);
        _levels[index] = level;
        Count++;
    }

    private void RemoveAt(int index)
    {
        Count--;
        if (index < Count) Array.Copy(_levels, index + 1, _levels, index, Count - index);
    }
}
