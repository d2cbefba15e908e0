using System.Threading.Channels;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.WebSocket;

namespace KalshiTrader.Trading.Tests.Support;

/// <summary>The Kalshi WebSocket feed with our account channels and lifecycle subscribed at start (as <c>run</c> does).</summary>
internal sealed class AccountFeed(KalshiMarketDataFeed inner) : IMarketDataFeed
{
    public ChannelReader<FeedEvent> Events => inner.Events;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await inner.StartAsync(cancellationToken);
        await inner.SubscribeAccountAsync(cancellationToken);
        await inner.SubscribeLifecycleAsync(cancellationToken);
    }

    public Task SubscribeMarketsAsync(IReadOnlyCollection<MarketTicker> tickers, CancellationToken cancellationToken) => inner.SubscribeMarketsAsync(tickers, cancellationToken);

    public Task RequestSnapshotAsync(MarketTicker ticker, CancellationToken cancellationToken) => inner.RequestSnapshotAsync(ticker, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
