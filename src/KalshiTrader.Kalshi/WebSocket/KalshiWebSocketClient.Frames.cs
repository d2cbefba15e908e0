using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Kalshi.WebSocket;

public sealed partial class KalshiWebSocketClient
{
    private async Task HandleFrameAsync(byte[] buffer, int count, CancellationToken ct)
    {
        var received = _time.GetUtcNow();
        var frame = _parser.Parse(buffer.AsSpan(0, count), received);
        Stats.Frame();
        var raw = frame.IsMalformed ? TruncateRaw(buffer.AsSpan(0, count), _options.MaxRawChars) : null;

        switch (frame.Type)
        {
            case WsFrameType.Subscribed:
            case WsFrameType.Ok:
            case WsFrameType.Unsubscribed:
            case WsFrameType.Error:
                await HandleControlAsync(frame, raw, ct).ConfigureAwait(false);
                return;
            case WsFrameType.Unknown:
                Stats.IgnoredFrame();
                return;
        }

        var sub = frame.Sid is { } sid && _bySid.TryGetValue(sid, out var s) ? s : null;
        var bookGap = sub is not null && await TrackSequenceAsync(frame, sub, ct).ConfigureAwait(false);

        if (frame.IsMalformed)
        {
            await HandleMalformedAsync(frame, raw!, ct).ConfigureAwait(false);
            return;
        }

        if (sub is { IsBook: true } && frame.Ticker is { } t) sub.LastSeen[t.Value] = received.UtcTicks;

        // A delta that arrives across a gap belongs to a book that was just dropped: the snapshot replaces it.
        if (bookGap && frame.Type == WsFrameType.OrderbookDelta) return;
        if (frame.Event is { } e) await WriteAsync(e, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Checks the per-sid sequence. On a gap in a book subscription, drops its books and asks for snapshots; returns
    /// true then. A gap in another sequenced channel (trades) has no snapshot to heal it: it is reported as a
    /// <see cref="SequenceGapEvent"/> so a recorder can store it and backfill the window.
    /// </summary>
    private async ValueTask<bool> TrackSequenceAsync(WsFrame frame, WsSubscription sub, CancellationToken ct)
    {
        if (frame.Seq is not { } seq) return false;
        var last = sub.LastSeq;
        sub.LastSeq = seq;
        if (last == 0 || seq == last + 1) return false;

        Stats.Gap();
        var reason = $"sequence gap on {sub.Channel} sid {sub.Sid}: expected seq {last + 1}, got {seq}";
        Log(reason);
        if (!sub.IsBook)
        {
            await WriteAsync(new SequenceGapEvent(sub.Channel, sub.Sid, last + 1, seq) { ReceivedTime = _time.GetUtcNow() }, ct).ConfigureAwait(false);
            return false;
        }

        await InvalidateAndResnapshotAsync(sub, sub.Markets, reason, ct).ConfigureAwait(false);
        return true;
    }

    private async Task InvalidateAndResnapshotAsync(WsSubscription sub, IReadOnlyList<string> markets, string reason, CancellationToken ct)
    {
        if (markets.Count == 0) return;
        var tickers = markets.Select(m => new MarketTicker(m)).ToArray();
        await WriteAsync(new BooksInvalidatedEvent(tickers, reason) { ReceivedTime = _time.GetUtcNow() }, ct).ConfigureAwait(false);
        await SendGetSnapshotAsync(sub, markets, ct).ConfigureAwait(false);
    }

    private async Task HandleMalformedAsync(WsFrame frame, string raw, CancellationToken ct)
    {
        Stats.MalformedFrame();
        Log($"malformed frame #{Stats.Malformed}: {frame.ParseError}; raw: {raw}");
        var ticker = frame.Ticker;
        var bookSub = ticker is { } t ? FindBookSubscription(t.Value) : null;
        var bookFrame = frame.Type is WsFrameType.OrderbookDelta or WsFrameType.OrderbookSnapshot or WsFrameType.Malformed;
        var now = _time.GetUtcNow();
        if (bookSub is not null && bookFrame)
        {
            // The change this frame carried is lost: the book must not be read until a snapshot replaces it.
            await WriteAsync(new BooksInvalidatedEvent([ticker!.Value], "malformed frame: " + frame.ParseError) { ReceivedTime = now }, ct).ConfigureAwait(false);
        }

        await WriteAsync(new FeedErrorEvent(frame.ParseError!, raw, ticker) { ReceivedTime = now }, ct).ConfigureAwait(false);
        if (bookSub is not null) await SendGetSnapshotAsync(bookSub, [ticker!.Value.Value], ct).ConfigureAwait(false);
    }

    private WsSubscription? FindBookSubscription(string ticker)
    {
        foreach (var sub in Subscriptions)
        {
            if (sub.IsBook && sub.Contains(ticker)) return sub;
        }

        return null;
    }

    private async Task HandleControlAsync(WsFrame frame, string? raw, CancellationToken ct)
    {
        PendingCommand? pending = null;
        if (frame.Id is { } id && id != 0) _pending.TryRemove(id, out pending);

        if (frame.IsMalformed)
        {
            Stats.MalformedFrame();
            Log($"malformed {WsFrameParser.TypeName(frame.Type)} reply: {frame.ParseError}; raw: {raw}");
            pending?.Reply.TrySetResult(frame);
            return;
        }

        switch (frame.Type)
        {
            case WsFrameType.Subscribed when frame.Subscribed is { } s:
                if (pending?.Subscription is { } sub)
                {
                    sub.Bind(s.Sid);
                    _bySid[s.Sid] = sub;
                }
                else
                {
                    Log($"unexpected subscribed reply: {s.Channel} sid {s.Sid}");
                }

                break;

            case WsFrameType.Ok when pending?.Subscription is { } updated && frame.MarketTickers is { } list:
                updated.SetMarkets(list);
                break;

            case WsFrameType.Unsubscribed when frame.Sid is { } gone:
                _bySid.TryRemove(gone, out _);
                break;

            case WsFrameType.Error:
                Stats.ServerError();
                Log($"server error {frame.ErrorCode} ({frame.ErrorMessage}){(frame.Sid is { } es ? $" on sid {es}" : "")}{(frame.Id is { } ei ? $" for command {ei}" : "")}");
                if (frame.Sid is { } sid && frame.ErrorCode is Wire.Ws.WsErrorCodes.BufferOverflow or Wire.Ws.WsErrorCodes.ChannelError
                    && _bySid.TryRemove(sid, out var broken))
                {
                    await ResubscribeAfterTerminalErrorAsync(broken, frame.ErrorCode.Value, ct).ConfigureAwait(false);
                }

                break;
        }

        pending?.Reply.TrySetResult(frame);
    }

    /// <summary>Errors 25 and 10 end a subscription: drop its books first, then subscribe again (fresh snapshots follow).</summary>
    private async Task ResubscribeAfterTerminalErrorAsync(WsSubscription sub, int code, CancellationToken ct)
    {
        var reason = $"error {code} ended {sub.Channel} sid {sub.Sid}: subscribing again";
        Log(reason);
        sub.Unbind();
        if (sub.IsBook)
        {
            var markets = sub.Markets;
            if (markets.Count > 0)
            {
                await WriteAsync(new BooksInvalidatedEvent(markets.Select(m => new MarketTicker(m)).ToArray(), reason) { ReceivedTime = _time.GetUtcNow() }, ct)
                    .ConfigureAwait(false);
            }
        }

        await SendSubscribeAsync(sub, wait: false, ct).ConfigureAwait(false);
    }
}
