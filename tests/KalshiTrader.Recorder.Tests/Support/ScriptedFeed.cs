using System.Threading.Channels;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Recorder.Tests.Support;

/// <summary>A feed that delivers exactly the events a test writes, in order (what a WebSocket client would emit).</summary>
internal sealed class ScriptedFeed : IMarketDataFeed
{
    private readonly Channel<FeedEvent> _events = Channel.CreateUnbounded<FeedEvent>();

    public ChannelReader<FeedEvent> Events => _events.Reader;

    public List<MarketTicker> Subscribed { get; } = [];

    public void Emit(params FeedEvent[] events)
    {
        foreach (var e in events) _events.Writer.TryWrite(e);
    }

    public void Complete() => _events.Writer.TryComplete();

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SubscribeMarketsAsync(IReadOnlyCollection<MarketTicker> tickers, CancellationToken cancellationToken)
    {
        Subscribed.AddRange(tickers);
        return Task.CompletedTask;
    }

    public Task RequestSnapshotAsync(MarketTicker ticker, CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
