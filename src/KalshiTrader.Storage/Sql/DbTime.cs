namespace KalshiTrader.Storage.Sql;

/// <summary>Microseconds since the Unix epoch: SQLite's time representation, exact and sortable.</summary>
internal static class DbTime
{
    private const long TicksPerMicrosecond = 10;

    public static long ToMicros(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond;

    public static DateTimeOffset FromMicros(long micros) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (micros * TicksPerMicrosecond), TimeSpan.Zero);

    /// <summary>Drops sub-microsecond ticks, the precision both engines keep.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset time) => FromMicros(ToMicros(time));
}
