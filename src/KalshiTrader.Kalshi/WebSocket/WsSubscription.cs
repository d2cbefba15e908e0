using System.Collections.Concurrent;

namespace KalshiTrader.Kalshi.WebSocket;

/// <summary>
/// One channel subscription as the caller sees it. It outlives connections: after a reconnect or a terminal error
/// the client subscribes again and <see cref="Sid"/> changes; the market list is kept.
/// </summary>
public sealed class WsSubscription
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _markets;
    private long _sid;

    internal WsSubscription(string channel, IEnumerable<string>? markets)
    {
        Channel = channel;
        _markets = new HashSet<string>(markets ?? [], StringComparer.Ordinal);
        HasMarketFilter = _markets.Count > 0;
    }

    public string Channel { get; }

    /// <summary>The server's id for this subscription on the current connection; 0 while (re)subscribing.</summary>
    public long Sid => Interlocked.Read(ref _sid);

    /// <summary>Whether the subscription names markets (otherwise it receives all markets, where the channel allows).</summary>
    public bool HasMarketFilter { get; }

    public IReadOnlyList<string> Markets
    {
        get
        {
            lock (_gate) return [.. _markets];
        }
    }

    public bool Contains(string ticker)
    {
        lock (_gate) return _markets.Contains(ticker);
    }

    /// <summary>Last sequence number seen on the current sid (0 = none yet). Touched only by the receive loop.</summary>
    internal long LastSeq { get; set; }

    /// <summary>Local receive time (ticks) of the last frame per market; the quiet-book refresher reads it.</summary>
    internal ConcurrentDictionary<string, long> LastSeen { get; } = new(StringComparer.Ordinal);

    internal bool IsBook => Channel == Wire.Ws.WsChannels.OrderbookDelta;

    internal void Bind(long sid)
    {
        LastSeq = 0;
        Interlocked.Exchange(ref _sid, sid);
    }

    internal void Unbind() => Interlocked.Exchange(ref _sid, 0);

    internal void SetMarkets(IEnumerable<string> markets)
    {
        lock (_gate)
        {
            _markets.Clear();
            _markets.UnionWith(markets);
        }
    }

    internal void AddMarkets(IEnumerable<string> markets)
    {
        lock (_gate)
        {
            _markets.UnionWith(markets);
        }
    }

    internal void RemoveMarkets(IEnumerable<string> markets)
    {
        lock (_gate)
        {
            _markets.ExceptWith(markets);
            foreach (var m in markets) LastSeen.TryRemove(m, out _);
        }
    }

    public override string ToString() => $"{Channel} sid {Sid}";
}
