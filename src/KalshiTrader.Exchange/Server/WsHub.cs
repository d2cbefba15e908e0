using System.Collections.Concurrent;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Kalshi.Wire.Ws;

namespace KalshiTrader.Exchange.Server;

/// <summary>
/// Fans engine events out to WebSocket subscriptions. <see cref="Publish"/> runs under the engine lock, as do
/// all subscription changes, so a snapshot and the deltas after it are always in order and contiguous.
/// </summary>
internal sealed class WsHub(FaultInjector faults) : IEngineEventSink
{
    private readonly ConcurrentDictionary<long, WsConnection> _connections = new();
    private long _nextConnectionId;

    public FaultInjector Faults { get; } = faults;

    public int ConnectionCount => _connections.Count;

    public long Register(WsConnection connection)
    {
        var id = Interlocked.Increment(ref _nextConnectionId);
        _connections[id] = connection;
        return id;
    }

    public void Unregister(long id) => _connections.TryRemove(id, out _);

    public void AbortAll()
    {
        foreach (var c in _connections.Values) c.Abort();
    }

    public void Publish(EngineEvent e)
    {
        if (_connections.IsEmpty) return;
        foreach (var c in _connections.Values) c.OnEngineEvent(e);
    }

    /// <summary>The next seq for a subscription, skipping one when the skip fault is armed.</summary>
    public long NextSeq(WsSubscriptionState sub)
    {
        sub.Seq += Faults.TakeSequenceSkip() ? 2 : 1;
        return sub.Seq;
    }
}

/// <summary>One subscription (sid) on a connection.</summary>
internal sealed class WsSubscriptionState(long sid, string channel, HashSet<string>? markets, bool useYesPrice)
{
    public long Sid { get; } = sid;
    public string Channel { get; } = channel;

    /// <summary>Null = every market (channels that allow no filter).</summary>
    public HashSet<string>? Markets { get; } = markets;
    public bool UseYesPrice { get; } = useYesPrice;
    public long Seq;

    public bool Wants(string ticker) => Markets is null || Markets.Contains(ticker);
}

internal static class WsChannelRules
{
    public static readonly HashSet<string> Known =
    [
        WsChannels.OrderbookDelta, WsChannels.Ticker, WsChannels.Trade, WsChannels.Fill, WsChannels.MarketPositions,
        WsChannels.UserOrders, WsChannels.MarketLifecycleV2, WsChannels.OrderGroupUpdates,
    ];
}
