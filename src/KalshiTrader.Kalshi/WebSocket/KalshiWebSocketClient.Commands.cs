using System.Net.WebSockets;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Wire.Ws;

namespace KalshiTrader.Kalshi.WebSocket;

public sealed partial class KalshiWebSocketClient
{
    /// <summary>
    /// Subscribes to one channel (<see cref="WsChannels"/>), for <paramref name="markets"/> or, where the channel allows,
    /// all markets. Before <see cref="StartAsync"/> it only registers (the subscription is made on connect); after,
    /// it waits for the <c>subscribed</c> reply. The subscription is renewed by itself after reconnects.
    /// </summary>
    public async Task<ExchangeResult<WsSubscription>> SubscribeAsync(string channel, IReadOnlyCollection<MarketTicker>? markets, CancellationToken cancellationToken)
    {
        var sub = new WsSubscription(channel, markets?.Select(m => m.Value));
        lock (_subsGate) _subscriptions.Add(sub);
        if (_run is null || !_connected) return ExchangeResult<WsSubscription>.Ok(sub);

        var reply = await SendSubscribeAsync(sub, wait: true, cancellationToken).ConfigureAwait(false);
        if (reply.IsOk) return ExchangeResult<WsSubscription>.Ok(sub);
        lock (_subsGate) _subscriptions.Remove(sub);
        return reply.Error!;
    }

    /// <summary>Ends a subscription (it will not be renewed).</summary>
    public async Task<ExchangeResult<bool>> UnsubscribeAsync(WsSubscription subscription, CancellationToken cancellationToken)
    {
        lock (_subsGate) _subscriptions.Remove(subscription);
        var sid = subscription.Sid;
        subscription.Unbind();
        if (sid == 0) return ExchangeResult<bool>.Ok(true);
        var reply = await SendCommandAsync(WsCommands.Unsubscribe, new WsCommandParams { Sids = [sid] }, null, wait: true, cancellationToken)
            .ConfigureAwait(false);
        _bySid.TryRemove(sid, out _);
        return reply.IsOk ? ExchangeResult<bool>.Ok(true) : reply.Error!;
    }

    /// <summary>Adds markets to a subscription (<c>update_subscription add_markets</c>); returns the full market list after.</summary>
    public Task<ExchangeResult<IReadOnlyList<string>>> AddMarketsAsync(WsSubscription subscription, IReadOnlyCollection<MarketTicker> markets, CancellationToken cancellationToken) =>
        UpdateMarketsAsync(subscription, markets, WsActions.AddMarkets, cancellationToken);

    /// <summary>Removes markets from a subscription (<c>update_subscription delete_markets</c>).</summary>
    public Task<ExchangeResult<IReadOnlyList<string>>> DeleteMarketsAsync(WsSubscription subscription, IReadOnlyCollection<MarketTicker> markets, CancellationToken cancellationToken) =>
        UpdateMarketsAsync(subscription, markets, WsActions.DeleteMarkets, cancellationToken);

    private async Task<ExchangeResult<IReadOnlyList<string>>> UpdateMarketsAsync(
        WsSubscription sub, IReadOnlyCollection<MarketTicker> markets, string action, CancellationToken ct)
    {
        var names = markets.Select(m => m.Value).ToArray();
        var add = action == WsActions.AddMarkets;
        if (sub.Sid == 0)
        {
            // Not bound (not started, reconnecting, or emptied): change the list; it is used when subscribing.
            if (add) sub.AddMarkets(names);
            else sub.RemoveMarkets(names);
            if (add && _run is not null && _connected)
            {
                var subscribed = await SendSubscribeAsync(sub, wait: true, ct).ConfigureAwait(false);
                if (!subscribed.IsOk) return subscribed.Error!;
            }

            return ExchangeResult<IReadOnlyList<string>>.Ok(sub.Markets);
        }

        var reply = await SendCommandAsync(WsCommands.UpdateSubscription,
            new WsCommandParams { Sid = sub.Sid, MarketTickers = names, Action = action }, sub, wait: true, ct).ConfigureAwait(false);
        if (!reply.IsOk) return reply.Error!;
        if (reply.Value.MarketTickers is null)
        {
            if (add) sub.AddMarkets(names);
            else sub.RemoveMarkets(names);
        }
        else if (!add)
        {
            foreach (var n in names) sub.LastSeen.TryRemove(n, out _);
        }

        return ExchangeResult<IReadOnlyList<string>>.Ok(sub.Markets);
    }

    /// <summary>
    /// Asks for fresh <c>orderbook_snapshot</c>s of <paramref name="markets"/> (<c>update_subscription get_snapshot</c>)
    /// without changing the subscription. Does not wait: the snapshots arrive on <see cref="Events"/>.
    /// </summary>
    public async Task<ExchangeResult<bool>> RequestSnapshotAsync(WsSubscription subscription, IReadOnlyCollection<MarketTicker> markets, CancellationToken cancellationToken)
    {
        await SendGetSnapshotAsync(subscription, markets.Select(m => m.Value).ToArray(), cancellationToken).ConfigureAwait(false);
        return ExchangeResult<bool>.Ok(true);
    }

    /// <summary>The server's view of this connection's subscriptions.</summary>
    public async Task<ExchangeResult<IReadOnlyList<WsSubscriptionRef>>> ListSubscriptionsAsync(CancellationToken cancellationToken)
    {
        var reply = await SendCommandAsync(WsCommands.ListSubscriptions, null, null, wait: true, cancellationToken).ConfigureAwait(false);
        if (!reply.IsOk) return reply.Error!;
        return ExchangeResult<IReadOnlyList<WsSubscriptionRef>>.Ok(reply.Value.Subscriptions ?? []);
    }

    private async Task SubscribeAllAsync(CancellationToken ct)
    {
        foreach (var sub in Subscriptions)
        {
            sub.Unbind();
            if (sub.HasMarketFilter && sub.Markets.Count == 0) continue;
            await SendSubscribeAsync(sub, wait: false, ct).ConfigureAwait(false);
        }
    }

    private Task<ExchangeResult<WsFrame>> SendSubscribeAsync(WsSubscription sub, bool wait, CancellationToken ct)
    {
        var markets = sub.Markets;
        var p = new WsCommandParams
        {
            Channels = [sub.Channel],
            MarketTickers = markets.Count > 0 ? markets : null,
            UseYesPrice = sub.IsBook && _options.UseYesPrice ? true : null,
        };
        foreach (var m in markets) sub.LastSeen.TryRemove(m, out _);
        return SendCommandAsync(WsCommands.Subscribe, p, sub, wait, ct);
    }

    private async Task SendGetSnapshotAsync(WsSubscription sub, IReadOnlyList<string> markets, CancellationToken ct)
    {
        // Unbound: the subscribe that binds it again brings fresh snapshots anyway.
        if (sub.Sid == 0 || markets.Count == 0) return;
        Stats.SnapshotRequest();
        var reply = await SendCommandAsync(WsCommands.UpdateSubscription,
            new WsCommandParams { Sid = sub.Sid, MarketTickers = markets, Action = WsActions.GetSnapshot }, null, wait: false, ct).ConfigureAwait(false);
        if (!reply.IsOk) Log($"get_snapshot for {markets.Count} market(s) not sent: {reply.Error}");
    }

    /// <summary>Sends a command. Subscribes always register a pending entry (the reply binds the sid); others only when waited on.</summary>
    private async Task<ExchangeResult<WsFrame>> SendCommandAsync(string cmd, WsCommandParams? parameters, WsSubscription? sub, bool wait, CancellationToken ct)
    {
        var id = Interlocked.Increment(ref _nextId);
        var track = wait || cmd == WsCommands.Subscribe;
        var pending = track ? new PendingCommand(cmd, sub, new TaskCompletionSource<WsFrame>(TaskCreationOptions.RunContinuationsAsynchronously)) : null;
        if (pending is not null) _pending[id] = pending;
        var bytes = WsJson.SerializeToUtf8Bytes(new WsCommand { Id = id, Cmd = cmd, Params = parameters });

        try
        {
            await _sendLock.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var socket = _socket;
                if (socket is null || socket.State != WebSocketState.Open)
                {
                    _pending.TryRemove(id, out _);
                    return new ExchangeError(ExchangeErrorKind.Transport, $"{cmd}: not connected", RetrySafe: true);
                }

                await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
            }
            finally
            {
                _sendLock.Release();
            }
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            _pending.TryRemove(id, out _);
            return new ExchangeError(ExchangeErrorKind.Transport, $"{cmd}: {ex.Message}", RetrySafe: true);
        }

        if (!wait) return ExchangeResult<WsFrame>.Ok(default);

        WsFrame frame;
        try
        {
            frame = await pending!.Reply.Task.WaitAsync(_options.CommandTimeout, _time, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _pending.TryRemove(id, out _);
            return new ExchangeError(ExchangeErrorKind.Timeout, $"{cmd}: no reply within {_options.CommandTimeout.TotalSeconds:0.#}s", RetrySafe: true);
        }
        catch (WebSocketException ex)
        {
            return new ExchangeError(ExchangeErrorKind.Transport, $"{cmd}: {ex.Message}", RetrySafe: true);
        }

        if (frame.Type == WsFrameType.Error)
        {
            var kind = frame.ErrorCode switch
            {
                WsErrorCodes.AuthRequired => ExchangeErrorKind.Auth,
                WsErrorCodes.TooManyRequests => ExchangeErrorKind.RateLimited,
                WsErrorCodes.CommandTimeout => ExchangeErrorKind.Timeout,
                WsErrorCodes.UnableToProcess => ExchangeErrorKind.Exchange,
                _ => ExchangeErrorKind.BadRequest,
            };
            return new ExchangeError(kind, $"{cmd}: error {frame.ErrorCode}: {frame.ErrorMessage}", Code: frame.ErrorCode?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (frame.IsMalformed) return new ExchangeError(ExchangeErrorKind.Decode, $"{cmd}: {frame.ParseError}");
        return ExchangeResult<WsFrame>.Ok(frame);
    }

    /// <summary>Re-snapshots followed books that have been silent for <paramref name="quiet"/>, so a live but quiet book stays confirmed.</summary>
    private async Task RefreshQuietBooksAsync(TimeSpan quiet, CancellationToken ct)
    {
        var tick = TimeSpan.FromTicks(Math.Clamp(quiet.Ticks / 4, TimeSpan.FromMilliseconds(20).Ticks, TimeSpan.FromSeconds(5).Ticks));
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(tick, _time, ct).ConfigureAwait(false);
                if (!_connected) continue;
                var now = _time.GetUtcNow().UtcTicks;
                foreach (var sub in Subscriptions)
                {
                    if (!sub.IsBook || sub.Sid == 0) continue;
                    var silent = sub.Markets.Where(m => now - sub.LastSeen.GetOrAdd(m, now) >= quiet.Ticks).ToArray();
                    if (silent.Length == 0) continue;
                    foreach (var m in silent) sub.LastSeen[m] = now;
                    await SendGetSnapshotAsync(sub, silent, ct).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                Log("quiet-book refresh: " + ex.Message);
            }
        }
    }
}
