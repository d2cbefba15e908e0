using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Kalshi.Wire.Ws;

namespace KalshiTrader.Exchange.Server;

/// <summary>
/// One authenticated WebSocket: reads commands, keeps its subscriptions, and writes messages through a bounded queue
/// drained by one sender. A client that falls more than the buffer behind gets error 25 and is disconnected.
/// </summary>
internal sealed class WsConnection
{
    private readonly WebSocket _socket;
    private readonly MatchingEngine _engine;
    private readonly WsHub _hub;
    private readonly AccountId _account;
    private readonly Channel<byte[]> _outbound;
    private readonly Dictionary<long, WsSubscriptionState> _subs = []; // guarded by the engine lock
    private readonly CancellationTokenSource _aborted = new();
    private long _nextSid = 1;
    private volatile bool _closed;

    public WsConnection(WebSocket socket, MatchingEngine engine, WsHub hub, AccountId account, int bufferMessages)
    {
        _socket = socket;
        _engine = engine;
        _hub = hub;
        _account = account;
        _outbound = Channel.CreateBounded<byte[]>(new BoundedChannelOptions(bufferMessages) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _aborted.Token);
        var id = _hub.Register(this);
        var sender = SendLoopAsync(linked.Token);
        try
        {
            await ReceiveLoopAsync(linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // the client went away or the server is stopping: nothing to report
        }
        finally
        {
            _closed = true;
            _hub.Unregister(id);
            _outbound.Writer.TryComplete();
            await linked.CancelAsync().ConfigureAwait(false);
            try
            {
                await sender.ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
            }
        }
    }

    /// <summary>Drops the connection without a close handshake (fault injection, overflow, shutdown).</summary>
    public void Abort()
    {
        _closed = true;
        _aborted.Cancel();
        _socket.Abort();
    }

    // ───────────────────────── receiving commands ─────────────────────────

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (!ct.IsCancellationRequested)
        {
            var result = await _socket.ReceiveAsync(buffer, ct).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None).ConfigureAwait(false);
                return;
            }

            message.Write(buffer, 0, result.Count);
            if (message.Length > 1 << 20)
            {
                Send(Error(null, WsErrorCodes.UnableToProcess, "command larger than 1 MiB"));
                message.SetLength(0);
                continue;
            }

            if (!result.EndOfMessage) continue;
            var bytes = message.ToArray();
            message.SetLength(0);
            Handle(bytes);
        }
    }

    private void Handle(byte[] utf8)
    {
        WsCommand? cmd;
        try
        {
            cmd = WsJson.Deserialize<WsCommand>(utf8);
        }
        catch (JsonException ex)
        {
            Send(Error(null, WsErrorCodes.UnableToProcess, $"malformed command: {ex.Message}"));
            return;
        }

        if (cmd is null)
        {
            Send(Error(null, WsErrorCodes.UnableToProcess, "empty command"));
            return;
        }

        lock (_engine.SyncRoot)
        {
            switch (cmd.Cmd)
            {
                case WsCommands.Subscribe: Subscribe(cmd); break;
                case WsCommands.Unsubscribe: Unsubscribe(cmd); break;
                case WsCommands.UpdateSubscription: Update(cmd); break;
                case WsCommands.ListSubscriptions:
                    Send(WsJson.SerializeToUtf8Bytes(new WsMessage<IReadOnlyList<WsSubscriptionInfo>>
                    {
                        Type = WsMessageTypes.Ok, Id = IdOf(cmd),
                        Msg = _subs.Values.OrderBy(s => s.Sid).Select(s => new WsSubscriptionInfo { Channel = s.Channel, Sid = s.Sid }).ToArray(),
                    }));
                    break;
                default: Send(Error(IdOf(cmd), WsErrorCodes.UnknownCommand, $"unknown command '{cmd.Cmd}'")); break;
            }
        }
    }

    private static long? IdOf(WsCommand cmd) => cmd.Id == 0 ? null : cmd.Id;

    private static IReadOnlyList<string>? Tickers(WsCommandParams p) =>
        p.MarketTickers is { Count: > 0 } many ? many
        : p.MarketTicker is { Length: > 0 } one ? [one]
        : p.MarketIds is { Count: > 0 } ids ? ids
        : p.MarketId is { Length: > 0 } id ? [id]
        : null;

    private void Subscribe(WsCommand cmd)
    {
        var id = IdOf(cmd);
        if (cmd.Params is not { } p)
        {
            Send(Error(id, WsErrorCodes.ParamsRequired, "params are required"));
            return;
        }

        if (p.Channels is not { Count: > 0 } channels)
        {
            Send(Error(id, WsErrorCodes.ChannelsRequired, "params.channels is required"));
            return;
        }

        var tickers = Tickers(p);
        foreach (var channel in channels)
        {
            if (!WsChannelRules.Known.Contains(channel))
            {
                Send(Error(id, WsErrorCodes.UnknownChannel, $"unknown channel '{channel}'"));
                continue;
            }

            if (channel == WsChannels.OrderbookDelta && tickers is null)
            {
                Send(Error(id, WsErrorCodes.MarketTickerRequired, "orderbook_delta needs market_ticker or market_tickers"));
                continue;
            }

            if (tickers is not null && tickers.FirstOrDefault(t => _engine.GetMarket(t) is null) is { } unknown)
            {
                Send(Error(id, WsErrorCodes.InvalidParameter, $"unknown market ticker '{unknown}'"));
                continue;
            }

            var markets = channel == WsChannels.MarketLifecycleV2 || tickers is null ? null : tickers.ToHashSet(StringComparer.Ordinal);
            var sub = new WsSubscriptionState(_nextSid++, channel, markets, p.UseYesPrice ?? false);
            _subs[sub.Sid] = sub;
            Send(WsJson.SerializeToUtf8Bytes(new WsMessage<WsSubscribed> { Type = WsMessageTypes.Subscribed, Id = id, Msg = new WsSubscribed { Channel = channel, Sid = sub.Sid } }));
            if (channel == WsChannels.OrderbookDelta && p.SendInitialSnapshot != false)
            {
                foreach (var t in markets!) SendSnapshot(sub, t, null);
            }
        }
    }

    private void SendSnapshot(WsSubscriptionState sub, string ticker, long? id)
    {
        var book = _engine.GetBook(ticker);
        if (book is null) return;
        Send(WsJson.SerializeToUtf8Bytes(new WsMessage<WsOrderbookSnapshot>
        {
            Type = WsMessageTypes.OrderbookSnapshot, Id = id, Sid = sub.Sid, Seq = _hub.NextSeq(sub), Msg = WsWireMapping.Snapshot(book, sub.UseYesPrice),
        }));
    }

    private void Unsubscribe(WsCommand cmd)
    {
        var id = IdOf(cmd);
        var sids = cmd.Params?.Sids ?? (cmd.Params?.Sid is { } one ? [one] : null);
        if (sids is not { Count: > 0 })
        {
            Send(Error(id, WsErrorCodes.SidsRequired, "params.sids is required"));
            return;
        }

        foreach (var sid in sids)
        {
            if (!_subs.Remove(sid, out var sub))
            {
                Send(Error(id, WsErrorCodes.UnknownSid, $"unknown sid {sid}"));
                continue;
            }

            Send(WsJson.SerializeToUtf8Bytes(new WsBareMessage { Type = WsMessageTypes.Unsubscribed, Id = id, Sid = sid, Seq = sub.Seq == 0 ? null : sub.Seq }));
        }
    }

    private void Update(WsCommand cmd)
    {
        var id = IdOf(cmd);
        var p = cmd.Params;
        if (p is null)
        {
            Send(Error(id, WsErrorCodes.ParamsRequired, "params are required"));
            return;
        }

        var sids = p.Sids ?? (p.Sid is { } one ? [one] : []);
        if (sids.Count != 1)
        {
            Send(Error(id, WsErrorCodes.ExactlyOneSid, "update_subscription takes exactly one sid"));
            return;
        }

        if (!_subs.TryGetValue(sids[0], out var sub))
        {
            Send(Error(id, WsErrorCodes.UnknownSid, $"unknown sid {sids[0]}"));
            return;
        }

        if (string.IsNullOrEmpty(p.Action))
        {
            Send(Error(id, WsErrorCodes.ActionRequired, "params.action is required"));
            return;
        }

        var tickers = Tickers(p);
        switch (p.Action)
        {
            case WsActions.GetSnapshot:
                if (sub.Channel != WsChannels.OrderbookDelta)
                {
                    Send(Error(id, WsErrorCodes.UnsupportedAction, "get_snapshot applies to orderbook_delta subscriptions"));
                    return;
                }

                foreach (var t in tickers ?? sub.Markets!.ToArray())
                {
                    if (sub.Markets!.Contains(t)) SendSnapshot(sub, t, id);
                }

                return;
            case WsActions.AddMarkets or WsActions.DeleteMarkets:
                if (tickers is null)
                {
                    Send(Error(id, WsErrorCodes.MarketTickerRequired, "market_ticker or market_tickers is required"));
                    return;
                }

                if (sub.Markets is null)
                {
                    Send(Error(id, WsErrorCodes.UnsupportedAction, $"the {sub.Channel} subscription covers every market"));
                    return;
                }

                if (p.Action == WsActions.AddMarkets)
                {
                    if (tickers.FirstOrDefault(t => _engine.GetMarket(t) is null) is { } unknown)
                    {
                        Send(Error(id, WsErrorCodes.InvalidParameter, $"unknown market ticker '{unknown}'"));
                        return;
                    }

                    foreach (var t in tickers)
                    {
                        if (sub.Markets.Add(t) && sub.Channel == WsChannels.OrderbookDelta) SendSnapshot(sub, t, null);
                    }
                }
                else
                {
                    foreach (var t in tickers) sub.Markets.Remove(t);
                }

                Send(WsJson.SerializeToUtf8Bytes(new WsMessage<WsOk>
                {
                    Type = WsMessageTypes.Ok, Id = id, Sid = sub.Sid, Seq = sub.Seq == 0 ? null : sub.Seq,
                    Msg = new WsOk { MarketTickers = sub.Markets.Order(StringComparer.Ordinal).ToArray() },
                }));
                return;
            default:
                Send(Error(id, WsErrorCodes.UnsupportedAction, $"unsupported action '{p.Action}'"));
                return;
        }
    }

    // ───────────────────────── engine events (under the engine lock) ─────────────────────────

    public void OnEngineEvent(EngineEvent e)
    {
        foreach (var sub in _subs.Values)
        {
            var bytes = Render(sub, e);
            if (bytes is null) continue;

            // Fault injection: a torn frame (the closing bytes missing) that no JSON parser accepts.
            Send(_hub.Faults.TakeCorruption() ? bytes[..(bytes.Length * 2 / 3)] : bytes);
        }
    }

    private byte[]? Render(WsSubscriptionState sub, EngineEvent e)
    {
        switch (sub.Channel, e)
        {
            case (WsChannels.OrderbookDelta, BookChangedEvent b) when sub.Wants(b.Ticker.Value):
                return WsJson.SerializeToUtf8Bytes(new WsMessage<WsOrderbookDelta>
                {
                    Type = WsMessageTypes.OrderbookDelta, Sid = sub.Sid, Seq = _hub.NextSeq(sub),
                    Msg = WsWireMapping.Delta(b, sub.UseYesPrice, b.Owner == _account),
                });
            case (WsChannels.Ticker, TickerChangedEvent t) when sub.Wants(t.Ticker.Value):
                return WsJson.SerializeToUtf8Bytes(new WsMessage<WsTicker> { Type = WsMessageTypes.Ticker, Sid = sub.Sid, Msg = WsWireMapping.Ticker(t) });
            case (WsChannels.Trade, TradeExecutedEvent t) when sub.Wants(t.Ticker.Value):
                return WsJson.SerializeToUtf8Bytes(new WsMessage<WsTrade> { Type = WsMessageTypes.Trade, Sid = sub.Sid, Seq = _hub.NextSeq(sub), Msg = WsWireMapping.Trade(t.Trade) });
            case (WsChannels.Fill, FillExecutedEvent f) when f.Account == _account && sub.Wants(f.Ticker.Value):
                return WsJson.SerializeToUtf8Bytes(new WsMessage<WsFill> { Type = WsMessageTypes.Fill, Sid = sub.Sid, Msg = WsWireMapping.Fill(f.Fill) });
            case (WsChannels.MarketPositions, PositionChangedEvent p) when p.Account == _account && sub.Wants(p.Ticker.Value):
                return WsJson.SerializeToUtf8Bytes(new WsMessage<WsMarketPosition> { Type = WsMessageTypes.MarketPosition, Sid = sub.Sid, Msg = WsWireMapping.Position(p) });
            case (WsChannels.UserOrders, OrderChangedEvent o) when o.Account == _account && sub.Wants(o.Ticker.Value):
                return WsJson.SerializeToUtf8Bytes(new WsMessage<WsUserOrder> { Type = WsMessageTypes.UserOrder, Sid = sub.Sid, Msg = WsWireMapping.UserOrder(o.Order) });
            case (WsChannels.MarketLifecycleV2, MarketLifecycleEvent l):
                return WsJson.SerializeToUtf8Bytes(new WsMessage<WsMarketLifecycle> { Type = WsMessageTypes.MarketLifecycleV2, Sid = sub.Sid, Msg = WsWireMapping.Lifecycle(l) });
            case (WsChannels.MarketLifecycleV2, EventCreatedEvent ev):
                return WsJson.SerializeToUtf8Bytes(new WsMessage<WsEventLifecycle> { Type = WsMessageTypes.EventLifecycle, Sid = sub.Sid, Msg = WsWireMapping.EventCreated(ev) });
            case (WsChannels.OrderGroupUpdates, OrderGroupChangedEvent g) when g.Account == _account:
                return WsJson.SerializeToUtf8Bytes(new WsMessage<WsOrderGroupUpdate> { Type = WsMessageTypes.OrderGroupUpdates, Sid = sub.Sid, Msg = WsWireMapping.OrderGroup(g) });
            default:
                return null;
        }
    }

    // ───────────────────────── sending ─────────────────────────

    private void Send(byte[] message)
    {
        if (_closed || _aborted.IsCancellationRequested) return;
        if (_outbound.Writer.TryWrite(message)) return;

        // Too far behind: Kalshi answers error 25 (buffer overflow, terminal); the client must reconnect and resubscribe.
        _ = _socket.SendAsync(Error(null, WsErrorCodes.BufferOverflow, "outgoing buffer overflow; reconnect and resubscribe"), WebSocketMessageType.Text, true, CancellationToken.None);
        Abort();
    }

    private async Task SendLoopAsync(CancellationToken ct)
    {
        await foreach (var message in _outbound.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
        }
    }

    private static byte[] Error(long? id, int code, string message) =>
        WsJson.SerializeToUtf8Bytes(new WsMessage<WsError> { Type = WsMessageTypes.Error, Id = id, Msg = new WsError { Code = code, Msg = message } });
}
