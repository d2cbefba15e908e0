using System.Threading.Channels;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Exchange;

/// <summary>
/// A live stream of market and account events (Kalshi or the local exchange over WebSocket, or recorded data
/// replayed). Events arrive in order on <see cref="Events"/>; the consumer applies them.
/// </summary>
public interface IMarketDataFeed : IAsyncDisposable
{
    ChannelReader<FeedEvent> Events { get; }

    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Order book deltas, tickers and trades for these markets (added to any already followed).</summary>
    Task SubscribeMarketsAsync(IReadOnlyCollection<MarketTicker> tickers, CancellationToken cancellationToken);

    /// <summary>Asks for a fresh snapshot of one market's book (after a gap or a corrupt delta).</summary>
    Task RequestSnapshotAsync(MarketTicker ticker, CancellationToken cancellationToken);
}
