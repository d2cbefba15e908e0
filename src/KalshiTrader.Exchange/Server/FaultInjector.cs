namespace KalshiTrader.Exchange.Server;

/// <summary>
/// Faults the local exchange can inject on demand (admin API <c>/local/faults/...</c> or directly from tests):
/// dropped WebSocket connections, a skipped sequence number, delayed responses, error statuses, partial fills.
/// One-shot faults hit the next N requests or messages; repeating ones ("every") hit every Nth for the whole run, so a
/// client can be exercised against a steadily unreliable exchange (<c>exchange serve --fault-...</c>). Thread-safe.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _gate = new();
    private int _failCount;
    private int _failStatus;
    private int _delayCount;
    private TimeSpan _delay;
    private int _skipSequence;
    private int _corrupt;
    private Repeat _failRepeat;
    private int _failRepeatStatus;
    private Repeat _delayRepeat;
    private TimeSpan _repeatDelay;
    private Repeat _skipRepeat;

    /// <summary>A fault that hits every <see cref="Every"/>th time it is asked (0 = off).</summary>
    private struct Repeat
    {
        public int Every;
        public long Seen;

        public bool Hit() => Every > 0 && ++Seen % Every == 0;
    }

    internal event Action? DropWebSocketsRequested;

    /// <summary>The next <paramref name="count"/> Kalshi-API requests answer <paramref name="status"/> (429, 500 or 503).</summary>
    public void FailNext(int status, int count = 1)
    {
        if (status is not (429 or 500 or 503)) throw new ArgumentOutOfRangeException(nameof(status), status, "429, 500 or 503");
        lock (_gate)
        {
            _failStatus = status;
            _failCount = Math.Max(0, count);
        }
    }

    /// <summary>The next <paramref name="count"/> Kalshi-API responses wait <paramref name="delay"/> first.</summary>
    public void DelayNext(TimeSpan delay, int count = 1)
    {
        lock (_gate)
        {
            _delay = delay;
            _delayCount = Math.Max(0, count);
        }
    }

    /// <summary>The next sequenced WebSocket message of every subscription skips one seq number (for <paramref name="count"/> messages).</summary>
    public void SkipSequenceNumbers(int count = 1)
    {
        lock (_gate) _skipSequence = Math.Max(0, count);
    }

    /// <summary>The next <paramref name="count"/> WebSocket data messages (on any connection) are sent cut short: torn, unparseable JSON.</summary>
    public void CorruptNextMessages(int count = 1)
    {
        lock (_gate) _corrupt = Math.Max(0, count);
    }

    /// <summary>Every <paramref name="every"/>th Kalshi-API request answers <paramref name="status"/> (429, 500 or 503), until <see cref="Clear"/>.</summary>
    public void FailEvery(int status, int every)
    {
        if (status is not (429 or 500 or 503)) throw new ArgumentOutOfRangeException(nameof(status), status, "429, 500 or 503");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(every);
        lock (_gate)
        {
            _failRepeatStatus = status;
            _failRepeat = new Repeat { Every = every };
        }
    }

    /// <summary>Every <paramref name="every"/>th Kalshi-API response waits <paramref name="delay"/> first, until <see cref="Clear"/>.</summary>
    public void DelayEvery(TimeSpan delay, int every)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(every);
        lock (_gate)
        {
            _repeatDelay = delay;
            _delayRepeat = new Repeat { Every = every };
        }
    }

    /// <summary>Every <paramref name="every"/>th sequenced WebSocket message (counted across subscriptions) skips one seq number, until <see cref="Clear"/>.</summary>
    public void SkipSequenceEvery(int every)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(every);
        lock (_gate) _skipRepeat = new Repeat { Every = every };
    }

    /// <summary>Closes every WebSocket connection abruptly (no close handshake).</summary>
    public void DropWebSockets() => DropWebSocketsRequested?.Invoke();

    public void Clear()
    {
        lock (_gate)
        {
            _failCount = 0;
            _delayCount = 0;
            _skipSequence = 0;
            _corrupt = 0;
            _failRepeat = default;
            _delayRepeat = default;
            _skipRepeat = default;
        }
    }

    internal int? TakeFailure()
    {
        lock (_gate)
        {
            if (_failCount > 0)
            {
                _failCount--;
                return _failStatus;
            }

            return _failRepeat.Hit() ? _failRepeatStatus : null;
        }
    }

    internal TimeSpan? TakeDelay()
    {
        lock (_gate)
        {
            if (_delayCount > 0)
            {
                _delayCount--;
                return _delay;
            }

            return _delayRepeat.Hit() ? _repeatDelay : null;
        }
    }

    internal bool TakeCorruption()
    {
        lock (_gate)
        {
            if (_corrupt <= 0) return false;
            _corrupt--;
            return true;
        }
    }

    internal bool TakeSequenceSkip()
    {
        lock (_gate)
        {
            if (_skipSequence > 0)
            {
                _skipSequence--;
                return true;
            }

            return _skipRepeat.Hit();
        }
    }
}
