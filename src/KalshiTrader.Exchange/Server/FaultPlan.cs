using KalshiTrader.Exchange.Matching;

namespace KalshiTrader.Exchange.Server;

/// <summary>
/// Faults armed when the exchange starts (<c>exchange serve --fault-...</c>), on the same <see cref="FaultInjector"/>
/// the admin API arms at run time. "Count" faults hit the first N requests, messages or crossing orders; "every"
/// faults hit every Nth for the whole run; WebSocket drops repeat on a timer. Defaults arm nothing.
/// </summary>
public sealed record FaultPlan
{
    public const int MaxDelayMilliseconds = 60_000;

    /// <summary>429, 500 or 503: the status of <see cref="HttpCount"/>/<see cref="HttpEvery"/> failures.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>The first N Kalshi-API requests answer <see cref="HttpStatus"/>.</summary>
    public int HttpCount { get; init; }

    /// <summary>Every Nth Kalshi-API request answers <see cref="HttpStatus"/> (0 = off).</summary>
    public int HttpEvery { get; init; }

    /// <summary>How long a delayed Kalshi-API response waits.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>The first N Kalshi-API responses wait <see cref="Delay"/>.</summary>
    public int DelayCount { get; init; }

    /// <summary>Every Nth Kalshi-API response waits <see cref="Delay"/> (0 = off).</summary>
    public int DelayEvery { get; init; }

    /// <summary>Every Nth sequenced WebSocket message skips one seq number (0 = off).</summary>
    public int SkipSequenceEvery { get; init; }

    /// <summary>The first N WebSocket data messages are torn (cut short, unparseable).</summary>
    public int TornFrames { get; init; }

    /// <summary>The first N crossing orders fill at most half their count.</summary>
    public int PartialFills { get; init; }

    /// <summary>Every WebSocket connection is dropped (no close handshake) this often (null = never).</summary>
    public TimeSpan? DropWebSocketsEvery { get; init; }

    public bool IsEmpty => this == new FaultPlan();

    /// <summary>What is wrong with the plan, naming the field, or null when it is valid.</summary>
    public string? Validate()
    {
        if (HttpCount < 0 || HttpEvery < 0 || DelayCount < 0 || DelayEvery < 0 || SkipSequenceEvery < 0 || TornFrames < 0 || PartialFills < 0)
        {
            return "fault counts must not be negative";
        }

        if (HttpStatus is { } s && s is not (429 or 500 or 503)) return $"fault http status must be 429, 500 or 503; was {s}";
        if (HttpStatus is null && (HttpCount > 0 || HttpEvery > 0)) return "a fault http count or every needs a fault http status";
        if (HttpStatus is not null && HttpCount == 0 && HttpEvery == 0) return "a fault http status needs a count or an every";
        if (Delay is { } d && (d <= TimeSpan.Zero || d > TimeSpan.FromMilliseconds(MaxDelayMilliseconds)))
        {
            return $"fault delay must be between 1 and {MaxDelayMilliseconds} ms; was {d.TotalMilliseconds} ms";
        }

        if (Delay is null && (DelayCount > 0 || DelayEvery > 0)) return "a fault delay count or every needs a fault delay";
        if (Delay is not null && DelayCount == 0 && DelayEvery == 0) return "a fault delay needs a count or an every";
        if (DropWebSocketsEvery is { } drop && drop < TimeSpan.FromMilliseconds(100)) return $"fault WebSocket drop period must be at least 100 ms; was {drop.TotalMilliseconds} ms";
        return null;
    }

    /// <summary>One line naming what is armed, e.g. "503 on the first 2 requests; a seq skipped every 50th message".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (HttpStatus is { } s && HttpCount > 0) parts.Add($"{s} on the first {HttpCount} requests");
        if (HttpStatus is { } e && HttpEvery > 0) parts.Add($"{e} on every {HttpEvery}th request");
        if (Delay is { } d && DelayCount > 0) parts.Add($"{d.TotalMilliseconds} ms delay on the first {DelayCount} responses");
        if (Delay is { } de && DelayEvery > 0) parts.Add($"{de.TotalMilliseconds} ms delay on every {DelayEvery}th response");
        if (SkipSequenceEvery > 0) parts.Add($"a seq skipped every {SkipSequenceEvery}th WebSocket message");
        if (TornFrames > 0) parts.Add($"the first {TornFrames} WebSocket messages torn");
        if (PartialFills > 0) parts.Add($"the first {PartialFills} crossing orders filled at most half");
        if (DropWebSocketsEvery is { } p) parts.Add($"WebSockets dropped every {p.TotalSeconds} s");
        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }

    /// <summary>Arms the one-shot and repeating faults (the drop timer is the host's).</summary>
    internal void Arm(FaultInjector faults, MatchingEngine engine)
    {
        if (Validate() is { } problem) throw new ArgumentException(problem);
        if (HttpStatus is { } status)
        {
            if (HttpCount > 0) faults.FailNext(status, HttpCount);
            if (HttpEvery > 0) faults.FailEvery(status, HttpEvery);
        }

        if (Delay is { } delay)
        {
            if (DelayCount > 0) faults.DelayNext(delay, DelayCount);
            if (DelayEvery > 0) faults.DelayEvery(delay, DelayEvery);
        }

        if (SkipSequenceEvery > 0) faults.SkipSequenceEvery(SkipSequenceEvery);
        if (TornFrames > 0) faults.CorruptNextMessages(TornFrames);
        if (PartialFills > 0)
        {
            lock (engine.SyncRoot) engine.InjectPartialFills(PartialFills);
        }
    }
}
