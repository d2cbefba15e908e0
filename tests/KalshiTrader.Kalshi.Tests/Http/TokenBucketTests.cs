using KalshiTrader.Kalshi.Http;
using KalshiTrader.Kalshi.Tests.Support;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Tests.Http;

/// <summary>Token buckets make callers wait for tokens instead of spending past the budget.</summary>
public sealed class TokenBucketTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFullBucketServesABurstAtOnceThenMakesTheNextCallerWaitForRefill()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var bucket = new TokenBucket(100, 100, time);
        for (var i = 0; i < 10; i++) await bucket.TakeAsync(10, Ct);     // 10 calls × cost 10 = the whole burst

        var waiting = bucket.TakeAsync(10, Ct);
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(99));
        Assert.False(waiting.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));                       // 100 tokens/s × 0.1 s = 10 tokens
        await waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct);
    }

    [Fact]
    public async Task CallersQueueInArrivalOrderBehindTheDebt()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var bucket = new TokenBucket(10, 10, time);
        await bucket.TakeAsync(10, Ct);
        var first = bucket.TakeAsync(10, Ct);    // due after 1 s
        var second = bucket.TakeAsync(10, Ct);   // due after 2 s
        time.Advance(TimeSpan.FromSeconds(1));
        await first.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.False(second.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));
        await second.WaitAsync(TimeSpan.FromSeconds(5), Ct);
    }

    [Fact]
    public void RefillNeverExceedsCapacity()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var bucket = new TokenBucket(100, 50, time);
        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(50, bucket.Available);
    }

    [Fact]
    public void ARateLimitDrainsTheBucket()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new KalshiRateLimiter(time);
        limiter.OnRateLimited("POST");
        Assert.Equal(0, limiter.Bucket("POST").Available);
        Assert.Equal(KalshiRateLimiter.BasicReadPerSecond, limiter.Bucket("GET").Available);
    }

    [Fact]
    public async Task BatchesAreBilledPerItemOnTheWriteBucket()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UnixEpoch);
        var limiter = new KalshiRateLimiter(time);
        await limiter.AcquireAsync("POST", "/portfolio/events/orders", 5, Ct);
        Assert.Equal(KalshiRateLimiter.BasicWritePerSecond - 50, limiter.Bucket("POST").Available);
        Assert.Equal(KalshiRateLimiter.BasicReadPerSecond, limiter.Bucket("GET").Available);
    }

    [Fact]
    public void EndpointCostsMatchTemplatesWithOrWithoutThePrefix()
    {
        var limiter = new KalshiRateLimiter();
        limiter.Configure(new EndpointCostsResponse
        {
            DefaultCost = 12,
            EndpointCosts = [new() { Method = "DELETE", Path = "/trade-api/v2/portfolio/events/orders/{id}", Cost = 2 }],
        });
        Assert.Equal(2, limiter.CostOf("DELETE", "/portfolio/events/orders/{order_id}"));
        Assert.Equal(12, limiter.CostOf("DELETE", "/portfolio/events/orders"));
        Assert.Equal(12, limiter.CostOf("GET", "/portfolio/events/orders/{order_id}"));
    }

    [Fact]
    public void AccountLimitsResizeBothBuckets()
    {
        var limiter = new KalshiRateLimiter();
        limiter.Configure(new AccountLimitsResponse
        {
            Read = new TokenBucketWire { RefillRate = 1200, BucketCapacity = 1200 },
            Write = new TokenBucketWire { RefillRate = 1200, BucketCapacity = 2400 },
        });
        Assert.Equal(1200, limiter.ReadRate);
        Assert.Equal(2400, limiter.WriteCapacity);
    }
}
