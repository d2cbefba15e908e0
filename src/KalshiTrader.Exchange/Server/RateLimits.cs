using System.Diagnostics;

namespace KalshiTrader.Exchange.Server;

/// <summary>
/// Kalshi's usage tiers: read and write token budgets per second. Figures are the documented pre-2026-09-24 ones
/// (the +20% raise is unconfirmed [?]; the lower figure is the conservative one). The write bucket holds 2 s of
/// budget above Basic; every other bucket holds 1 s.
/// </summary>
public static class RateLimitTiers
{
    public const string Basic = "basic";
    public const string Advanced = "advanced";
    public const string Premier = "premier";
    public const string Paragon = "paragon";
    public const string Prime = "prime";

    public static IReadOnlyList<string> Names { get; } = [Basic, Advanced, Premier, Paragon, Prime];

    /// <summary>(read tokens/s, write tokens/s) for a tier; false for an unknown tier.</summary>
    public static bool TryGet(string tier, out (int Read, int Write) budget)
    {
        budget = tier.ToLowerInvariant() switch
        {
            Basic => (200, 100),
            Advanced => (300, 300),
            Premier => (1000, 1000),
            Paragon => (2000, 2000),
            Prime => (4000, 4000),
            _ => (0, 0),
        };
        return budget.Read > 0;
    }

    public static int WriteCapacity(string tier, int writeRate) => tier == Basic ? writeRate : 2 * writeRate;
}

/// <summary>
/// Token cost per endpoint, as <c>GET /account/endpoint_costs</c> reports it. The default is 10; Kalshi says cancels,
/// single-order reads and cancel-all are cheaper, and batches are billed per item; the exact cheaper figures are
/// not published [?], so these are our own, reported truthfully.
/// </summary>
internal static class EndpointCosts
{
    public const int Default = 10;

    /// <summary>Legacy v1 writes cost ten times their V2 twins (Kalshi, 2026-06-04); batches per item.</summary>
    public const int LegacyCreate = 100;
    public const int LegacyCancel = 20;

    public static readonly (string Method, string Path, int Cost, bool Write)[] Table =
    [
        ("POST", "/trade-api/v2/portfolio/events/orders", 10, true),
        ("POST", "/trade-api/v2/portfolio/events/orders/batched", 10, true),        // per order
        ("DELETE", "/trade-api/v2/portfolio/events/orders/batched", 2, true),       // per order
        ("DELETE", "/trade-api/v2/portfolio/events/orders/{order_id}", 2, true),
        ("POST", "/trade-api/v2/portfolio/events/orders/{order_id}/amend", 10, true),
        ("POST", "/trade-api/v2/portfolio/events/orders/{order_id}/decrease", 2, true),
        ("DELETE", "/trade-api/v2/portfolio/events/orders", 5, true),
        ("POST", "/trade-api/v2/portfolio/order_groups/create", 10, true),
        ("PUT", "/trade-api/v2/portfolio/order_groups/{order_group_id}/reset", 10, true),
        ("PUT", "/trade-api/v2/portfolio/order_groups/{order_group_id}/trigger", 10, true),
        ("PUT", "/trade-api/v2/portfolio/order_groups/{order_group_id}/limit", 10, true),
        ("DELETE", "/trade-api/v2/portfolio/order_groups/{order_group_id}", 10, true),
        ("GET", "/trade-api/v2/portfolio/orders/{order_id}", 5, false),
        ("POST", "/trade-api/v2/portfolio/orders", LegacyCreate, true),
        ("POST", "/trade-api/v2/portfolio/orders/batched", LegacyCreate, true),     // per order
        ("DELETE", "/trade-api/v2/portfolio/orders/batched", LegacyCancel, true),   // per order
        ("DELETE", "/trade-api/v2/portfolio/orders/{order_id}", LegacyCancel, true),
        ("POST", "/trade-api/v2/portfolio/orders/{order_id}/amend", LegacyCreate, true),
        ("POST", "/trade-api/v2/portfolio/orders/{order_id}/decrease", LegacyCancel, true),
    ];

    /// <summary>The cost and bucket of a request, by route pattern (batches: per item, charged by the handler).</summary>
    public static (int Cost, bool Write) For(string method, string pattern)
    {
        // Route parameters are compared by position, not name ({orderId} in a route is {order_id} in the table).
        var shape = Shape(pattern);
        foreach (var e in Table)
        {
            if (e.Method == method && Shape(e.Path) == shape) return (e.Cost, e.Write);
        }

        var write = method != "GET" && pattern.Contains("/portfolio/", StringComparison.Ordinal);
        return (Default, write);
    }

    private static string Shape(string pattern) => System.Text.RegularExpressions.Regex.Replace(pattern, "\\{[^}]*\\}", "{}");

    public static bool IsBatch(string pattern) => pattern.EndsWith("/orders/batched", StringComparison.Ordinal);
}

/// <summary>A token bucket on a monotonic clock: refills continuously at a rate up to a capacity.</summary>
internal sealed class TokenBucket(double ratePerSecond, double capacity)
{
    private double _tokens = capacity;
    private long _last = Stopwatch.GetTimestamp();

    public double Rate { get; } = ratePerSecond;
    public double Capacity { get; } = capacity;

    public bool TryTake(int cost)
    {
        lock (this)
        {
            var now = Stopwatch.GetTimestamp();
            _tokens = Math.Min(Capacity, _tokens + (Stopwatch.GetElapsedTime(_last, now).TotalSeconds * Rate));
            _last = now;
            if (_tokens < cost) return false;
            _tokens -= cost;
            return true;
        }
    }
}

/// <summary>Read and write buckets per API key.</summary>
internal sealed class RateLimiter(bool enabled)
{
    private readonly Dictionary<string, (string Tier, TokenBucket Read, TokenBucket Write)> _buckets = new(StringComparer.Ordinal);

    public bool Enabled { get; } = enabled;

    public bool TryTake(string keyId, string tier, bool write, int cost)
    {
        if (!Enabled) return true;
        TokenBucket bucket;
        lock (_buckets)
        {
            if (!_buckets.TryGetValue(keyId, out var b) || b.Tier != tier)
            {
                RateLimitTiers.TryGet(tier, out var budget);
                b = (tier, new TokenBucket(budget.Read, budget.Read), new TokenBucket(budget.Write, RateLimitTiers.WriteCapacity(tier, budget.Write)));
                _buckets[keyId] = b;
            }

            bucket = write ? b.Write : b.Read;
        }

        return bucket.TryTake(cost);
    }
}
