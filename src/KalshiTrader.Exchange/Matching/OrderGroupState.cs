namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// An order group: contracts matched by its orders over a rolling 15-second window may not reach the limit; when
/// they do, every order in the group is cancelled and new ones are refused until a reset.
/// </summary>
internal sealed class OrderGroupState(long seq, string id, AccountState owner, long limit)
{
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(15);

    public int Seq { get; } = checked((int)seq); // the order history refers to groups by it
    public string Id { get; } = id;
    public AccountState Owner { get; } = owner;
    public long Limit = limit;
    public bool Triggered;
    public bool Deleted;
    public readonly HashSet<EngineOrder> Resting = new(ReferenceEqualityComparer.Instance);
    private readonly Queue<(long Ticks, long Count)> _matched = new();
    private long _windowTotal;

    /// <summary>Records matched contracts; true when the window total reaches the limit.</summary>
    public bool RecordMatch(long nowTicks, long count)
    {
        Prune(nowTicks);
        _matched.Enqueue((nowTicks, count));
        _windowTotal += count;
        return _windowTotal >= Limit;
    }

    public long WindowTotal(long nowTicks)
    {
        Prune(nowTicks);
        return _windowTotal;
    }

    public void ResetWindow()
    {
        _matched.Clear();
        _windowTotal = 0;
    }

    private void Prune(long nowTicks)
    {
        var cutoff = nowTicks - Window.Ticks;
        while (_matched.Count > 0 && _matched.Peek().Ticks <= cutoff) _windowTotal -= _matched.Dequeue().Count;
    }
}
