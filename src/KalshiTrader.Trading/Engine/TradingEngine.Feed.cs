using KalshiTrader.Core.Books;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Trading.Alerts;
using KalshiTrader.Trading.Logging;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Engine;

public sealed partial class TradingEngine
{
    private long _feedErrors;

    private async Task HandleFeedAsync(FeedEvent e, CancellationToken ct)
    {
        switch (e)
        {
            case BookSnapshotEvent or BookDeltaEvent or BooksInvalidatedEvent:
                await HandleBookEventAsync(e, ct).ConfigureAwait(false);
                break;
            case OrderUpdateEvent u:
            {
                var order = await _orders.ApplyUpdateAsync(u.Order, ct).ConfigureAwait(false);
                if (order is not null && _contexts.TryGetValue(order.Strategy, out var context))
                {
                    var snapshot = order.Snapshot();
                    await CallStrategyAsync(context, s => s.OnOrderUpdateAsync(snapshot, context, ct)).ConfigureAwait(false);
                }

                break;
            }

            case FillEvent f:
                await HandleFillAsync(f, ct).ConfigureAwait(false);
                break;
            case PositionEvent p:
                if (_portfolio.PositionOf(p.Position.Ticker) != p.Position.Position)
                {
                    // Fills may still be in flight; let a reconciliation decide rather than trusting either copy now.
                    _reconcileSoon = true;
                }

                break;
            case LifecycleEvent l:
                if (_catalog.Apply(l)) await NotifyFollowersAsync(l.Ticker, (s, c) => s.OnMarketStatusAsync(l.Ticker, l.EventType, c, ct)).ConfigureAwait(false);
                break;
            case EventFeeUpdateEvent fee:
                _catalog.Apply(fee);
                break;
            case ConnectionEvent c:
                _feedConnected = c.Connected;
                _log.Info("feed.connection", $"feed {(c.Connected ? "connected" : "disconnected")}: {c.Reason}");
                if (c.Connected) await ReconcileAsync("reconnect", ct).ConfigureAwait(false);
                break;
            case FeedErrorEvent err:
                _feedErrors++;
                _log.Warn("feed.error", err.Message, ("raw", err.RawTruncated), ("ticker", err.Ticker?.Value), ("count", _feedErrors));
                break;
        }
    }

    private async Task HandleBookEventAsync(FeedEvent e, CancellationToken ct)
    {
        var result = _books.Apply(e);
        switch (result)
        {
            case BookApplyResult.Applied:
            {
                var ticker = e switch
                {
                    BookSnapshotEvent s => s.Ticker,
                    BookDeltaEvent d => d.Ticker,
                    _ => default,
                };
                await NotifyFollowersAsync(ticker, (s, c) => s.OnBookChangedAsync(ticker, c, ct)).ConfigureAwait(false);
                break;
            }

            case BookApplyResult.Corrupt when e is BookDeltaEvent d:
                _log.Warn("book.corrupt", $"{d.Ticker}: delta did not fit our book; requesting a snapshot");
                await _feed.RequestSnapshotAsync(d.Ticker, ct).ConfigureAwait(false);
                break;
            case BookApplyResult.Invalidated when e is BooksInvalidatedEvent inv:
                _log.Info("book.invalidated", $"{inv.Tickers.Count} books invalidated: {inv.Reason}");
                break;
        }
    }

    private async Task HandleFillAsync(FillEvent f, CancellationToken ct)
    {
        var (isNew, order) = await _orders.ApplyFillAsync(f.Fill, ct).ConfigureAwait(false);
        if (!isNew) return;
        var realized = _portfolio.ApplyFill(f.Fill);
        var fill = f.Fill;
        _log.Info("fill", $"{fill.Ticker} bought {fill.Bought} {fill.Count} @ {fill.OutcomePrice}",
            ("ticker", fill.Ticker.Value), ("client_order_id", fill.ClientOrderId?.Value ?? order?.ClientOrderId.Value), ("fee", fill.Fee.ToDollarString()),
            ("realized", realized.ToDollarString()), ("position", _portfolio.PositionOf(fill.Ticker).ToFpString()), ("strategy", order?.Strategy));
        _alerts.Publish(new Alert(AlertKind.Trade,
            $"{order?.Strategy ?? "unattributed"}: {fill.Ticker} bought {fill.Bought.ToString().ToUpperInvariant()} {fill.Count} @ ${fill.OutcomePrice} (fee ${fill.Fee}); position {_portfolio.PositionOf(fill.Ticker)}",
            _clock.GetUtcNow()));
        if (order is not null && _contexts.TryGetValue(order.Strategy, out var context))
        {
            await CallStrategyAsync(context, s => s.OnFillAsync(fill, context, ct)).ConfigureAwait(false);
            var snapshot = order.Snapshot();
            await CallStrategyAsync(context, s => s.OnOrderUpdateAsync(snapshot, context, ct)).ConfigureAwait(false);
        }

        await CheckDailyLossAsync(ct).ConfigureAwait(false);
    }

    private async Task NotifyFollowersAsync(MarketTicker ticker, Func<IStrategy, StrategyContext, ValueTask> call)
    {
        if (!_followers.TryGetValue(ticker.Value, out var followers)) return;
        foreach (var context in followers)
        {
            await CallStrategyAsync(context, s => call(s, context)).ConfigureAwait(false);
        }
    }

    /// <summary>Calls a strategy; a strategy bug is logged and alerted, never allowed to take the engine down.</summary>
    private async Task CallStrategyAsync(StrategyContext context, Func<IStrategy, ValueTask> call)
    {
        if (context.Stopped) return;
        try
        {
            await call(context.Strategy).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            context.Failures++;
            _log.Error("strategy.failed", $"{context.Strategy.Name}: {ex.GetType().Name}: {ex.Message}", ("stack", ex.StackTrace), ("failures", context.Failures));
            _alerts.Publish(new Alert(AlertKind.Error, $"strategy {context.Strategy.Name} threw {ex.GetType().Name}: {ex.Message}", _clock.GetUtcNow()));
        }
    }

    /// <summary>Registers followers; the subscription itself is sent after the callback returns (outside strategy code).</summary>
    internal void Follow(StrategyContext? context, IReadOnlyCollection<MarketTicker> tickers)
    {
        foreach (var t in tickers)
        {
            if (!_followers.TryGetValue(t.Value, out var list))
            {
                _followers[t.Value] = list = [];
                _pendingSubscriptions.Add(t.Value);
                _books.GetOrAdd(t);
            }

            if (context is not null && !list.Contains(context)) list.Add(context);
        }
    }

    private async Task FlushSubscriptionsAsync(CancellationToken ct)
    {
        if (_pendingSubscriptions.Count == 0) return;
        var tickers = _pendingSubscriptions.Select(t => new MarketTicker(t)).ToList();
        _pendingSubscriptions.Clear();
        await _feed.SubscribeMarketsAsync(tickers, ct).ConfigureAwait(false);
        _log.Info("feed.subscribed", $"following {tickers.Count} more markets ({_followers.Count} in all)");
    }

    internal BookRead ReadBook(MarketTicker ticker)
    {
        var now = _clock.GetUtcNow();
        if (!_books.TryGet(ticker, out var book)) return new BookRead(null, BookState.Missing, null, $"no book for {ticker}: not followed");
        if (!book.IsValid)
        {
            var reason = book.InvalidReason ?? "awaiting the first snapshot";
            return new BookRead(book, book.InvalidReason is null && book.Version == 0 ? BookState.Missing : BookState.Invalid, null, reason);
        }

        var age = now - book.LastReceiveTime;
        if (!_feedConnected) return new BookRead(book, BookState.Stale, age, "the feed is disconnected");
        if (age > _options.Limits.MaxBookAge) return new BookRead(book, BookState.Stale, age, $"last update {age.TotalSeconds:F1}s ago (max {_options.Limits.MaxBookAge.TotalSeconds:F0}s)");
        return new BookRead(book, BookState.Fresh, age, null);
    }
}
