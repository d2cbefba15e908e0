using System.Threading.Channels;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Wire.Ws;

namespace KalshiTrader.Kalshi.WebSocket;

/// <summary>
/// <see cref="IMarketDataFeed"/> over Kalshi WebSocket v2 (or the local exchange): followed markets get
/// <c>orderbook_delta</c>, <c>ticker</c> and <c>trade</c>; <see cref="SubscribeAccountAsync"/> adds our fills,
/// orders, positions and order groups; <see cref="SubscribeLifecycleAsync"/> adds market and event lifecycle.
/// </summary>
public sealed class KalshiMarketDataFeed : IMarketDataFeed
{
    private static readonly string[] MarketChannels = [WsChannels.OrderbookDelta, WsChannels.Ticker, WsChannels.Trade];
    private static readonly string[] AccountChannels = [WsChannels.Fill, WsChannels.UserOrders, WsChannels.MarketPositions, WsChannels.OrderGroupUpdates];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, WsSubscription> _marketSubs = new(StringComparer.Ordinal);
    private readonly string[] _marketChannels;
    private bool _account;
    private bool _lifecycle;

    /// <param name="withTickerAndTrades">false to follow books only (<c>orderbook_delta</c>).</param>
    public KalshiMarketDataFeed(KalshiWebSocketOptions options, bool withTickerAndTrades = true)
        : this(new KalshiWebSocketClient(options), withTickerAndTrades)
    {
    }

    public KalshiMarketDataFeed(KalshiWebSocketClient client, bool withTickerAndTrades = true)
    {
        Client = client;
        _marketChannels = withTickerAndTrades ? MarketChannels : [WsChannels.OrderbookDelta];
    }

    public KalshiWebSocketClient Client { get; }

    public ChannelReader<FeedEvent> Events => Client.Events;

    /// <summary>The order book subscription, once a market is followed.</summary>
    public WsSubscription? BookSubscription => _marketSubs.GetValueOrDefault(WsChannels.OrderbookDelta);

    public Task StartAsync(CancellationToken cancellationToken) => Client.StartAsync(cancellationToken);

    /// <exception cref="InvalidOperationException">when the exchange refuses the subscription (the message carries its code).</exception>
    public async Task SubscribeMarketsAsync(IReadOnlyCollection<MarketTicker> tickers, CancellationToken cancellationToken)
    {
        if (tickers.Count == 0) return;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var channel in _marketChannels)
            {
                if (_marketSubs.TryGetValue(channel, out var sub))
                {
                    var added = tickers.Where(t => !sub.Contains(t.Value)).Distinct().ToArray();
                    if (added.Length == 0) continue;
                    var r = await Client.AddMarketsAsync(sub, added, cancellationToken).ConfigureAwait(false);
                    if (!r.IsOk) throw new InvalidOperationException($"cannot follow markets on {channel}: {r.Error}");
                }
                else
                {
                    var r = await Client.SubscribeAsync(channel, tickers.Distinct().ToArray(), cancellationToken).ConfigureAwait(false);
                    if (!r.IsOk) throw new InvalidOperationException($"cannot subscribe to {channel}: {r.Error}");
                    _marketSubs[channel] = r.Value!;
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task RequestSnapshotAsync(MarketTicker ticker, CancellationToken cancellationToken)
    {
        if (BookSubscription is { } sub) await Client.RequestSnapshotAsync(sub, [ticker], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Our fills, order updates, positions and order-group changes (all markets).</summary>
    public async Task SubscribeAccountAsync(CancellationToken cancellationToken)
    {
        if (_account) return;
        foreach (var channel in AccountChannels)
        {
            var r = await Client.SubscribeAsync(channel, null, cancellationToken).ConfigureAwait(false);
            if (!r.IsOk) throw new InvalidOperationException($"cannot subscribe to {channel}: {r.Error}");
        }

        _account = true;
    }

    /// <summary>Market lifecycle (created, paused, closed, determined, settled, ...), event creation and event fee changes.</summary>
    public async Task SubscribeLifecycleAsync(CancellationToken cancellationToken)
    {
        if (_lifecycle) return;
        var r = await Client.SubscribeAsync(WsChannels.MarketLifecycleV2, null, cancellationToken).ConfigureAwait(false);
        if (!r.IsOk) throw new InvalidOperationException($"cannot subscribe to {WsChannels.MarketLifecycleV2}: {r.Error}");
        _lifecycle = true;
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
