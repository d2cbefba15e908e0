using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Wire.Ws;

namespace KalshiTrader.Kalshi.WebSocket;

/// <summary>
/// Kalshi WebSocket v2: a signed connection, subscriptions with awaited replies, and a channel of domain events
/// for ONE consumer. It keeps books honest: a sequence gap, error 25 or a lost connection emits
/// <see cref="BooksInvalidatedEvent"/> for the affected markets before anything else and asks for fresh
/// snapshots; it reconnects with backoff, subscribes again and emits <see cref="ConnectionEvent"/>; a frame
/// it cannot read becomes a <see cref="FeedErrorEvent"/> and a re-snapshot of the market it names.
/// </summary>
public sealed partial class KalshiWebSocketClient : IAsyncDisposable
{
    private const int MaxFrameBytes = 16 << 20;
    private readonly KalshiWebSocketOptions _options;
    private readonly TimeProvider _time;
    private readonly Channel<FeedEvent> _events;
    private readonly WsFrameParser _parser;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Lock _subsGate = new();
    private readonly List<WsSubscription> _subscriptions = [];
    private readonly ConcurrentDictionary<long, WsSubscription> _bySid = new();
    private readonly ConcurrentDictionary<long, PendingCommand> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Random _random = new();
    private ClientWebSocket? _socket;
    private Task? _run;
    private Task? _quietRefresher;
    private long _nextId;
    private volatile bool _connected;
    private int _disposed;

    public KalshiWebSocketClient(KalshiWebSocketOptions options)
    {
        _options = options;
        _time = options.Time;
        _parser = new WsFrameParser(options.UseYesPrice);
        _events = Channel.CreateBounded<FeedEvent>(new BoundedChannelOptions(options.EventCapacity)
        {
            SingleReader = true,
            SingleWriter = false,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Every event, in order; read by one consumer.</summary>
    public ChannelReader<FeedEvent> Events => _events.Reader;

    public WsFeedStats Stats { get; } = new();

    public bool IsConnected => _connected;

    public IReadOnlyList<WsSubscription> Subscriptions
    {
        get
        {
            lock (_subsGate) return [.. _subscriptions];
        }
    }

    /// <summary>Connects (throwing when the first attempt fails, e.g. a bad URL or key), then runs until disposed, reconnecting as needed.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_run is not null) throw new InvalidOperationException("already started");
        var socket = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        _socket = socket;
        _connected = true;
        await WriteAsync(new ConnectionEvent(true, "connected") { ReceivedTime = _time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
        await SubscribeAllAsync(cancellationToken).ConfigureAwait(false);
        _run = Task.Run(() => RunAsync(socket, _stop.Token), CancellationToken.None);
        if (_options.QuietSnapshotAfter is { } quiet) _quietRefresher = Task.Run(() => RefreshQuietBooksAsync(quiet, _stop.Token), CancellationToken.None);
    }

    private async Task<ClientWebSocket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        if (_options.Signer is { } signer)
        {
            // Signed afresh on every (re)connect: Kalshi rejects stale timestamps.
            foreach (var header in signer.CreateHeaders("GET", _options.Url.AbsolutePath)) socket.Options.SetRequestHeader(header.Key, header.Value);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.CommandTimeout);
        try
        {
            await socket.ConnectAsync(_options.Url, timeout.Token).ConfigureAwait(false);
            return socket;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is WebSocketException or OperationCanceledException or HttpRequestException)
        {
            socket.Dispose();
            var status = socket.HttpStatusCode != 0 ? $" (HTTP {(int)socket.HttpStatusCode})" : "";
            throw new WebSocketException($"cannot connect to {_options.Url}{status}: {ex.Message}", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task RunAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var attempt = 0;
        while (!ct.IsCancellationRequested)
        {
            string reason;
            try
            {
                await ReceiveLoopAsync(socket, ct).ConfigureAwait(false);
                reason = "the server closed the connection";
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or InvalidOperationException or ObjectDisposedException)
            {
                reason = "connection lost: " + ex.Message;
            }

            _connected = false;
            socket.Dispose();
            try
            {
                await OnDisconnectedAsync(reason, ct).ConfigureAwait(false);
                socket = await ReconnectAsync(attempt, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }

            attempt = 0;
        }
    }

    private async Task<ClientWebSocket> ReconnectAsync(int attempt, CancellationToken ct)
    {
        while (true)
        {
            var delay = ReconnectBackoff.Delay(attempt++, _options.ReconnectInitialDelay, _options.ReconnectMaxDelay, _random);
            await Task.Delay(delay, _time, ct).ConfigureAwait(false);
            try
            {
                var socket = await ConnectAsync(ct).ConfigureAwait(false);
                _socket = socket;
                _connected = true;
                Stats.Reconnect();
                Log($"reconnected to {_options.Url} after {attempt} attempt(s)");
                await SubscribeAllAsync(ct).ConfigureAwait(false);
                await WriteAsync(new ConnectionEvent(true, "reconnected") { ReceivedTime = _time.GetUtcNow() }, ct).ConfigureAwait(false);
                return socket;
            }
            catch (WebSocketException ex)
            {
                Log($"reconnect attempt {attempt} failed: {ex.Message}");
            }
        }
    }

    private async Task OnDisconnectedAsync(string reason, CancellationToken ct)
    {
        Log(reason);
        foreach (var (id, pending) in _pending)
        {
            if (_pending.TryRemove(id, out _)) pending.Reply.TrySetException(new WebSocketException(reason));
        }

        var now = _time.GetUtcNow();
        var lost = new List<MarketTicker>();
        foreach (var sub in Subscriptions)
        {
            sub.Unbind();
            if (sub.IsBook) lost.AddRange(sub.Markets.Select(m => new MarketTicker(m)));
        }

        _bySid.Clear();
        if (lost.Count > 0) await WriteAsync(new BooksInvalidatedEvent(lost, "disconnected: " + reason) { ReceivedTime = now }, ct).ConfigureAwait(false);
        await WriteAsync(new ConnectionEvent(false, reason) { ReceivedTime = now }, ct).ConfigureAwait(false);
    }

    private async Task ReceiveLoopAsync(ClientWebSocket socket, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        var count = 0;
        while (true)
        {
            if (count == buffer.Length)
            {
                if (buffer.Length >= MaxFrameBytes) throw new WebSocketException($"a frame exceeded {MaxFrameBytes} bytes");
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var result = await socket.ReceiveAsync(buffer.AsMemory(count), ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close) return;
            count += result.Count;
            if (!result.EndOfMessage) continue;
            await HandleFrameAsync(buffer, count, ct).ConfigureAwait(false);
            count = 0;
        }
    }

    private void Log(string line) => _options.Log?.Invoke("[kalshi-ws] " + line);

    private ValueTask WriteAsync(FeedEvent e, CancellationToken ct) =>
        _events.Writer.TryWrite(e) ? ValueTask.CompletedTask : _events.Writer.WriteAsync(e, ct);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_socket is { State: WebSocketState.Open } s)
        {
            try
            {
                using var t = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await s.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", t.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Closing is best effort.
            }
        }

        _socket?.Dispose();
        foreach (var t in new[] { _run, _quietRefresher })
        {
            if (t is null) continue;
            try
            {
                await t.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }

        _events.Writer.TryComplete();
        _stop.Dispose();
        _sendLock.Dispose();
    }

    internal static string TruncateRaw(ReadOnlySpan<byte> utf8, int maxChars)
    {
        var take = Math.Min(utf8.Length, maxChars * 4);
        var text = Encoding.UTF8.GetString(utf8[..take]);
        return text.Length <= maxChars && take == utf8.Length ? text : text[..Math.Min(text.Length, maxChars)] + "…";
    }

    private sealed record PendingCommand(string Cmd, WsSubscription? Subscription, TaskCompletionSource<WsFrame> Reply);
}
