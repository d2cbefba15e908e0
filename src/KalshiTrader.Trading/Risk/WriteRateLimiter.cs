namespace KalshiTrader.Trading.Risk;

/// <summary>
/// A token bucket for order writes on the engine's clock. The engine refuses (as a risk denial) rather than
/// waits, so a strategy learns at once that it is writing too fast and the exchange never sends a 429 storm.
/// Thread-safe because the kill path cancels from outside the loop.
/// </summary>
public sealed class WriteRateLimiter
{
    private readonly object _gate = new();
    private readonly TimeProvider _clock;
    private readonly double _ratePerSecond;
    private readonly double _capacity;
    private double _tokens;
    private long _lastTimestamp;

    public WriteRateLimiter(TimeProvider clock, double ratePerSecond, int burst)
    {
        if (ratePerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(ratePerSecond));
        _clock = clock;
        _ratePerSecond = ratePerSecond;
        _capacity = Math.Max(1, burst);
        _tokens = _capacity;
        _lastTimestamp = clock.GetTimestamp();
    }

    /// <summary>Takes one token when available.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            Refill();
            if (_tokens < 1) return false;
            _tokens -= 1;
            return true;
        }
    }

    /// <summary>Takes one token even when the bucket is empty (cancels must never be refused); goes into debt.</summary>
    public void Force()
    {
        lock (_gate)
        {
            Refill();
            _tokens -= 1;
        }
    }

    public double Available
    {
        get
        {
            lock (_gate)
            {
                Refill();
                return _tokens;
            }
        }
    }

    private void Refill()
    {
        var now = _clock.GetTimestamp();
        var elapsed = _clock.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
        _lastTimestamp = now;
        if (elapsed > 0) _tokens = Math.Min(_capacity, _tokens + (elapsed * _ratePerSecond));
    }
}
