using System.Threading.Channels;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.WebSocket;

namespace KalshiTrader.Cli.Run;

/// <summary>
/// The engine's WebSocket feed for <c>run</c>: the markets strategies follow, plus (with credentials) our fills,
/// order updates and positions, and market lifecycle, subscribed as soon as the socket is up.
/// </summary>
internal sealed class RunFeed(KalshiMarketDataFeed inner, bool withAccount) : IMarketDataFeed
{
    public ChannelReader<FeedEvent> Events => inner.Events;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await inner.StartAsync(cancellationToken).ConfigureAwait(false);
        if (withAccount) await inner.SubscribeAccountAsync(cancellationToken).ConfigureAwait(false);
        await inner.SubscribeLifecycleAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task SubscribeMarketsAsync(IReadOnlyCollection<MarketTicker> tickers, CancellationToken cancellationToken) =>
        inner.SubscribeMarketsAsync(tickers, cancellationToken);

    public Task RequestSnapshotAsync(MarketTicker ticker, CancellationToken cancellationToken) =>
        inner.RequestSnapshotAsync(ticker, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
