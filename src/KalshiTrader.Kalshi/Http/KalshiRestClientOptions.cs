namespace KalshiTrader.Kalshi.Http;

/// <summary>Behaviour knobs of <see cref="KalshiRestClient"/>; the defaults suit live trading.</summary>
public sealed record KalshiRestClientOptions
{
    /// <summary>Per attempt; on expiry the call fails with <see cref="KalshiApiErrorKind.Timeout"/> (or retries when safe).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts for a retryable call, the first included.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>First backoff; doubles per attempt, with jitter, up to <see cref="BackoffCap"/>.</summary>
    public TimeSpan BackoffBase { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan BackoffCap { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>Read <c>/account/limits</c> and <c>/account/endpoint_costs</c> before the first authenticated call.</summary>
    public bool LoadAccountLimits { get; init; } = true;

    /// <summary>Seed for backoff jitter (tests); null = random.</summary>
    public int? JitterSeed { get; init; }

    /// <summary>Diagnostics (retries, backoff, limit loading). Never receives headers or keys.</summary>
    public Action<string>? Log { get; init; }
}
