using System.Threading.Channels;
using KalshiTrader.Core.Exchange;

namespace KalshiTrader.Kalshi.Tests.Support;

/// <summary>Reads a feed's event channel in tests, with a timeout so a missing event fails instead of hanging.</summary>
internal static class WsEventReader
{
    public static async Task<FeedEvent> NextAsync(this ChannelReader<FeedEvent> events)
    {
        using var cts = new CancellationTokenSource(WsScriptedServer.Wait);
        return await events.ReadAsync(cts.Token);
    }

    public static async Task<T> NextAsync<T>(this ChannelReader<FeedEvent> events)
        where T : FeedEvent
    {
        var e = await events.NextAsync();
        return Assert.IsType<T>(e);
    }

    /// <summary>Skips events until one of type <typeparamref name="T"/> arrives; returns it and what was skipped.</summary>
    public static async Task<(T Found, List<FeedEvent> Skipped)> UntilAsync<T>(this ChannelReader<FeedEvent> events)
        where T : FeedEvent
    {
        var skipped = new List<FeedEvent>();
        while (true)
        {
            var e = await events.NextAsync();
            if (e is T t) return (t, skipped);
            skipped.Add(e);
        }
    }
}
