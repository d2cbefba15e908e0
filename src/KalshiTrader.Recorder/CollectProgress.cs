namespace KalshiTrader.Recorder;

/// <summary>Where a long collection stands: <paramref name="Done"/> of <paramref name="Total"/> units of <paramref name="Stage"/>.</summary>
public sealed record CollectProgress(string Stage, long Done, long Total, string? Detail = null);

/// <summary>What a collection wrote, by table; <see cref="Quarantined"/> counts malformed messages kept aside.</summary>
public sealed class CollectCounts
{
    private readonly Dictionary<string, long> _rows = new(StringComparer.Ordinal);

    public long Quarantined { get; private set; }

    public long Gaps { get; private set; }

    public IReadOnlyDictionary<string, long> Rows
    {
        get { lock (_rows) return new Dictionary<string, long>(_rows); }
    }

    public void Add(string table, long rows)
    {
        if (rows == 0) return;
        lock (_rows) _rows[table] = _rows.GetValueOrDefault(table) + rows;
        if (table == "quarantine") Quarantined += rows;
        if (table == "feed_gaps") Gaps += rows;
    }

    public long this[string table]
    {
        get { lock (_rows) return _rows.GetValueOrDefault(table); }
    }

    public override string ToString()
    {
        lock (_rows) return string.Join(", ", _rows.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key} {kv.Value}"));
    }
}
