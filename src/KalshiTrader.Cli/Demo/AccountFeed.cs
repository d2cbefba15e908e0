using System.Threading.Channels;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.WebSocket;

namespace KalshiTrader.Cli.Demo;

/// <summary>
/// The engine's WebSocket feed: market channels for what strategies follow, plus our fills, order updates and
/// positions and market lifecycle from the moment it starts (the engine only asks for markets).
/// </summary>
internal sealed class AccountFeed(KalshiMarketDataFeed inner) : IMarketDataFeed
{
    public ChannelReader<FeedEvent> Events => inner.Events;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await inner.StartAsync(cancellationToken).ConfigureAwait(false);
        await inner.SubscribeAccountAsync(cancellationToken).ConfigureAwait(false);
        await inner.SubscribeLifecycleAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task SubscribeMarketsAsync(IReadOnlyCollection<MarketTicker> tickers, CancellationToken cancellationToken) =>
        inner.SubscribeMarketsAsync(tickers, cancellationToken);

    public Task RequestSnapshotAsync(MarketTicker ticker, CancellationToken cancellationToken) =>
        inner.RequestSnapshotAsync(ticker, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
