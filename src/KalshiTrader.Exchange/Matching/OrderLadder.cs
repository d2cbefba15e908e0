namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// The resting bids for one outcome, keyed by that outcome's price, ascending with the best last (Kalshi's own
/// layout). A sorted array: books hold tens of levels and activity clusters at the top, so inserting or removing
/// near the end is a short copy, and emptied levels are pooled.
/// </summary>
internal sealed class OrderLadder
{
    private PriceLevelQueue[] _levels = new PriceLevelQueue[32];
    private readonly Stack<PriceLevelQueue> _pool = new();

    public int Count { get; private set; }

    public PriceLevelQueue? Best => Count == 0 ? null : _levels[Count - 1];

    /// <summary>The level <paramref name="index"/> steps below the best (0 = best).</summary>
    public PriceLevelQueue FromBest(int index) => _levels[Count - 1 - index];

    public PriceLevelQueue? Find(int ticks)
    {
        var i = IndexOf(ticks);
        return i >= 0 ? _levels[i] : null;
    }

    public PriceLevelQueue GetOrAdd(int ticks)
    {
        var i = IndexOf(ticks);
        if (i >= 0) return _levels[i];
        var level = _pool.Count > 0 ? _pool.Pop() : new PriceLevelQueue();
        level.Ticks = ticks;
        level.Total = 0;
        level.Head = level.Tail = null;
        i = ~i;
        if (Count == _levels.Length) Array.Resize(ref _levels, _levels.Length * 2);
        if (i < Count) Array.Copy(_levels, i, _levels, i + 1, Count - i);
        _levels[i] = level;
        Count++;
        return level;
    }

    public void RemoveEmpty(PriceLevelQueue level)
    {
        var i = IndexOf(level.Ticks);
        if (i < 0 || !ReferenceEquals(_levels[i], level)) throw new InvalidOperationException("level is not in this ladder");
        Count--;
        if (i < Count) Array.Copy(_levels, i + 1, _levels, i, Count - i);
        _levels[Count] = null!;
        _pool.Push(level);
    }

    private int IndexOf(int ticks)
    {
        var count = Count;
        if (count > 0)
        {
            var top = _levels[count - 1].Ticks;
            if (top == ticks) return count - 1;
            if (top < ticks) return ~count;
        }

        int lo = 0, hi = count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            var t = _levels[mid].Ticks;
            if (t == ticks) return mid;
            if (t < ticks) lo = mid + 1;
            else hi = mid - 1;
        }

        return ~lo;
    }
}
