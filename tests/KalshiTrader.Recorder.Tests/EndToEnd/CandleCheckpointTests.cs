using System.Globalization;
using KalshiTrader.Core.Markets;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Storage.Tests.Support;

namespace KalshiTrader.Recorder.Tests.EndToEnd;

/// <summary>Where the candle checkpoint lands when a period ends while the candle request is in flight.</summary>
public sealed class CandleCheckpointTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APeriodInProgressWhenAskedIsNotCheckpointedEvenIfItEndsDuringTheRequest()
    {
        await using var t = await TestStore.OpenAsync(TestStore.Sqlite);
        await using var rig = await ExchangeRig.StartAsync(participants: false);
        Market market;
        lock (rig.Exchange.Engine.SyncRoot) market = rig.Exchange.Engine.GetMarkets().First(m => m.Status == MarketStatus.Active);

        // 0.1 s before a minute ends, and each request takes 0.2 s: it goes out inside the minute and its answer is
        // handled after the minute has ended, so the candle it brought for that minute may be partial.
        var now = DateTimeOffset.UtcNow;
        var minute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero);
        var time = new ManualClock(minute.AddSeconds(59.9));
        using var http = new HttpClient(new SlowRequests(time, TimeSpan.FromMilliseconds(200)) { InnerHandler = new HttpClientHandler() });
        using var client = new KalshiRestClient(http, new Uri(rig.Exchange.RestUrl), signer: null);

        await new CandleCollector(client, t.Store, time).RunAsync([market], [1], minute.AddMinutes(-10), minute.AddMinutes(5), null, Ct);

        var saved = await t.Store.GetCheckpointAsync($"candles:1:{market.Ticker}", Ct);
        Assert.NotNull(saved);
        var checkpoint = DateTimeOffset.Parse(saved, CultureInfo.InvariantCulture);
        Assert.True(checkpoint <= minute, $"checkpoint {checkpoint:O} is past {minute:O}: the minute in progress when asked would never be fetched again");
        Assert.Equal(minute, checkpoint); // and not earlier than what was complete
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    /// <summary>Real requests to the local exchange, each taking <paramref name="duration"/> on the test's clock.</summary>
    private sealed class SlowRequests(ManualClock clock, TimeSpan duration) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            clock.Now += duration;
            return response;
        }
    }
}
