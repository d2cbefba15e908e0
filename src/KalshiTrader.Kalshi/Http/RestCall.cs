namespace KalshiTrader.Kalshi.Http;

/// <summary>When a failed call may be sent again.</summary>
internal enum RetryMode
{
    /// <summary>Only after a 429 (Kalshi rejected it before doing anything).</summary>
    RateLimitOnly,

    /// <summary>Also after transport errors, timeouts and 5xx: reads, and creates carrying a client_order_id.</summary>
    Safe,
}

/// <summary>One REST call: route template (for the cost table), concrete path, query, optional JSON body.</summary>
internal sealed record RestCall(HttpMethod Method, string Route, string Path)
{
    public string Query { get; init; } = "";
    public byte[]? Body { get; init; }
    public bool Auth { get; init; }
    public RetryMode Retry { get; init; } = RetryMode.RateLimitOnly;
    /// <summary>Items in a batch (each billed).</summary>
    public int Items { get; init; } = 1;
    /// <summary>A 409 on a retry means our earlier attempt landed: hand it back instead of failing.</summary>
    public bool ReturnConflictOnRetry { get; init; }

    public static RestCall Get(string route, string path, string query = "", bool auth = false) =>
        new(HttpMethod.Get, route, path) { Query = query, Auth = auth, Retry = RetryMode.Safe };
}

/// <summary>A 2xx answer (or, with <see cref="RestCall.ReturnConflictOnRetry"/>, a 409 on a retry).</summary>
internal readonly record struct RestAnswer(int Status, byte[] Body, int Attempts)
{
    public bool IsConflictOnRetry => Status == 409;
}
