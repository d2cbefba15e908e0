using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Http;

/// <summary>
/// Kalshi's two token buckets (read and write) and the per-endpoint costs. Starts with the Basic tier
/// (read 200 tokens/s, write 100 tokens/s, one second of burst, 10 tokens per request) until
/// <see cref="Configure(AccountLimitsResponse)"/> and <see cref="Configure(EndpointCostsResponse)"/> are fed
/// <c>GET /account/limits</c> and <c>GET /account/endpoint_costs</c>.
/// </summary>
public sealed class KalshiRateLimiter
{
    public const double BasicReadPerSecond = 200;
    public const double BasicWritePerSecond = 100;
    public const double DefaultRequestCost = 10;

    private readonly TokenBucket _read;
    private readonly TokenBucket _write;
    private readonly object _gate = new();
    private Dictionary<string, double> _costs = new(StringComparer.Ordinal);
    private double _defaultCost = DefaultRequestCost;

    public KalshiRateLimiter(TimeProvider? time = null)
    {
        var t = time ?? TimeProvider.System;
        _read = new TokenBucket(BasicReadPerSecond, BasicReadPerSecond, t);
        _write = new TokenBucket(BasicWritePerSecond, BasicWritePerSecond, t);
    }

    /// <summary>Read bucket refill rate, tokens per second.</summary>
    public double ReadRate => _read.RefillPerSecond;

    /// <summary>Write bucket refill rate, tokens per second.</summary>
    public double WriteRate => _write.RefillPerSecond;

    public double ReadCapacity => _read.Capacity;

    public double WriteCapacity => _write.Capacity;

    public double DefaultCost
    {
        get
        {
            lock (_gate) return _defaultCost;
        }
    }

    /// <summary>Sizes the buckets from <c>GET /account/limits</c>.</summary>
    public void Configure(AccountLimitsResponse limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.Read is { RefillRate: > 0, BucketCapacity: > 0 } r) _read.Configure((double)r.RefillRate, (double)r.BucketCapacity);
        if (limits.Write is { RefillRate: > 0, BucketCapacity: > 0 } w) _write.Configure((double)w.RefillRate, (double)w.BucketCapacity);
    }

    /// <summary>Loads per-endpoint costs from <c>GET /account/endpoint_costs</c>.</summary>
    public void Configure(EndpointCostsResponse costs)
    {
        ArgumentNullException.ThrowIfNull(costs);
        var table = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var c in costs.EndpointCosts)
        {
            if (c.Cost >= 0) table[Key(c.Method, c.Path)] = (double)c.Cost;
        }

        lock (_gate)
        {
            _costs = table;
            if (costs.DefaultCost > 0) _defaultCost = (double)costs.DefaultCost;
        }
    }

    /// <summary>The cost of one call to <paramref name="routeTemplate"/> (e.g. <c>/portfolio/orders/{order_id}</c>).</summary>
    public double CostOf(string method, string routeTemplate)
    {
        lock (_gate)
        {
            return _costs.TryGetValue(Key(method, routeTemplate), out var cost) ? cost : _defaultCost;
        }
    }

    /// <summary>
    /// Waits until the bucket for this call has <paramref name="items"/> × the endpoint's cost. Every non-GET is a
    /// write (orders, order groups); every GET a read.
    /// </summary>
    public Task AcquireAsync(string method, string routeTemplate, int items, CancellationToken cancellationToken)
    {
        var cost = CostOf(method, routeTemplate) * Math.Max(1, items);
        return Bucket(method).TakeAsync(cost, cancellationToken);
    }

    /// <summary>After a 429 the server thinks we are over budget: stop spending until a refill.</summary>
    public void OnRateLimited(string method) => Bucket(method).Drain();

    internal TokenBucket Bucket(string method) => IsWrite(method) ? _write : _read;

    internal static bool IsWrite(string method) => !string.Equals(method, "GET", StringComparison.OrdinalIgnoreCase);

    // Kalshi lists paths as templates, with or without the /trade-api/v2 prefix; parameter names vary, so all
    // "{...}" segments compare equal.
    internal static string Key(string method, string path)
    {
        var p = path.Trim();
        var q = p.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0) p = p[..q];
        if (p.StartsWith(KalshiEnvironments.RestPathPrefix, StringComparison.Ordinal)) p = p[KalshiEnvironments.RestPathPrefix.Length..];
        var segments = p.Trim('/').Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].StartsWith('{') || segments[i].StartsWith(':')) segments[i] = "{}";
        }

        return method.ToUpperInvariant() + " /" + string.Join('/', segments);
    }
}
