namespace KalshiTrader.Kalshi.Http;

/// <summary>
/// A token bucket that makes callers WAIT instead of overdrawing: each request takes its cost at once (the
/// balance may go negative) and then waits until refill has paid the debt. Taking first keeps callers in
/// arrival order without a queue, and nothing is sent before its tokens exist, so a correctly sized bucket
/// never sees a 429.
/// </summary>
internal sealed class TokenBucket
{
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private double _tokens;
    private long _lastTimestamp;

    public TokenBucket(double refillPerSecond, double capacity, TimeProvider time)
    {
        _time = time;
        Configure(refillPerSecond, capacity);
        _tokens = Capacity;
        _lastTimestamp = _time.GetTimestamp();
    }

    public double RefillPerSecond { get; private set; }

    public double Capacity { get; private set; }

    /// <summary>Current balance (negative while callers wait).</summary>
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

    public void Configure(double refillPerSecond, double capacity)
    {
        if (refillPerSecond <= 0 || capacity <= 0) throw new ArgumentOutOfRangeException(nameof(refillPerSecond), "rate and capacity must be positive");
        lock (_gate)
        {
            RefillPerSecond = refillPerSecond;
            Capacity = capacity;
            if (_tokens > capacity) _tokens = capacity;
        }
    }

    /// <summary>Takes <paramref name="cost"/> tokens, waiting as long as refill needs to cover them.</summary>
    public Task TakeAsync(double cost, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (_gate)
        {
            Refill();
            _tokens -= cost;
            wait = _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / RefillPerSecond);
        }

        return wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, _time, cancellationToken);
    }

    /// <summary>Returns tokens to the bucket (a request cancelled before it was sent).</summary>
    public void Refund(double cost)
    {
        lock (_gate)
        {
            _tokens = Math.Min(Capacity, _tokens + cost);
        }
    }

    /// <summary>Empties the bucket: used after a 429 so the next callers wait for a full refill cycle.</summary>
    public void Drain()
    {
        lock (_gate)
        {
            Refill();
            if (_tokens > 0) _tokens = 0;
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
        _lastTimestamp = now;
        if (elapsed > 0) _tokens = Math.Min(Capacity, _tokens + (elapsed * RefillPerSecond));
    }
}
