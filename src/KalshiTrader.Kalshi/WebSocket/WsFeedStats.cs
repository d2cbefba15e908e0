namespace KalshiTrader.Kalshi.WebSocket;

/// <summary>Counters of one client, safe to read from any thread.</summary>
public sealed class WsFeedStats
{
    private long _frames;
    private long _malformed;
    private long _gaps;
    private long _reconnects;
    private long _serverErrors;
    private long _ignored;
    private long _snapshotRequests;

    public long Frames => Interlocked.Read(ref _frames);

    /// <summary>Frames that could not be parsed or carried a value we reject.</summary>
    public long Malformed => Interlocked.Read(ref _malformed);

    /// <summary>Sequence gaps seen on any subscription.</summary>
    public long Gaps => Interlocked.Read(ref _gaps);
    public long Reconnects => Interlocked.Read(ref _reconnects);

    /// <summary><c>error</c> messages from the server.</summary>
    public long ServerErrors => Interlocked.Read(ref _serverErrors);

    /// <summary>Frames of types this client does not handle.</summary>
    public long Ignored => Interlocked.Read(ref _ignored);
    public long SnapshotRequests => Interlocked.Read(ref _snapshotRequests);

    internal void Frame() => Interlocked.Increment(ref _frames);
    internal void MalformedFrame() => Interlocked.Increment(ref _malformed);
    internal void Gap() => Interlocked.Increment(ref _gaps);
    internal void Reconnect() => Interlocked.Increment(ref _reconnects);
    internal void ServerError() => Interlocked.Increment(ref _serverErrors);
    internal void IgnoredFrame() => Interlocked.Increment(ref _ignored);
    internal void SnapshotRequest() => Interlocked.Increment(ref _snapshotRequests);

    public override string ToString() =>
        $"frames {Frames}, malformed {Malformed}, gaps {Gaps}, reconnects {Reconnects}, server errors {ServerErrors}, ignored {Ignored}, snapshot requests {SnapshotRequests}";
}
