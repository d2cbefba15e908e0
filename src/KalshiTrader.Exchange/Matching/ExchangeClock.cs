namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// The exchange's time: the system clock (or a fixed start for backtests) plus an offset that
/// <see cref="Advance"/> moves forward, so the admin API can jump to a market's close without waiting.
/// </summary>
public sealed class ExchangeClock : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly DateTimeOffset? _manualNow;
    private long _offsetTicks;

    /// <summary>Follows <paramref name="inner"/> (the system clock by default) plus the advanced offset.</summary>
    public ExchangeClock(TimeProvider? inner = null) => _inner = inner ?? System;

    /// <summary>A clock that stands still at <paramref name="start"/> and moves only by <see cref="Advance"/>.</summary>
    public ExchangeClock(DateTimeOffset start)
    {
        _inner = System;
        _manualNow = start;
    }

    public bool IsManual => _manualNow is not null;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() =>
        (_manualNow ?? _inner.GetUtcNow()).AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(by), by, "time only moves forward");
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
