namespace KalshiTrader.Storage;

/// <summary>How <see cref="StoreFactory"/> opens a store, beyond what the connection string says.</summary>
public sealed record StoreOpenOptions
{
    /// <summary>The recorder's default: SQLite with synchronous=NORMAL (a power loss may lose the last commits).</summary>
    public static StoreOpenOptions Default { get; } = new();

    /// <summary>
    /// Every commit reaches the disk before it returns: SQLite runs with synchronous=FULL. For the trading journal,
    /// where an order is written before it is sent and must survive a power loss. PostgreSQL commits durably by
    /// default (only the order-book delta path relaxes it), so this changes nothing there.
    /// </summary>
    public bool Durable { get; init; }
}
