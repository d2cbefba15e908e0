using KalshiTrader.Core.Exchange;
using KalshiTrader.Trading.Alerts;
using KalshiTrader.Trading.Logging;

namespace KalshiTrader.Trading.Engine;

public sealed partial class TradingEngine
{
    /// <summary>
    /// Brings orders, fills, positions and cash in line with the exchange (the truth): before strategies start, on
    /// every reconnect, periodically, while markets are blocked, and at stop. Differences are logged, journaled,
    /// corrected, and the market stays blocked until a later pass agrees.
    /// </summary>
    private async Task ReconcileAsync(string reason, CancellationToken ct)
    {
        _reconcileSoon = false;
        _nextReconcile = _clock.GetUtcNow() + _options.ReconcileInterval;
        if (_exchange is null)
        {
            _lastReconciled = _clock.GetUtcNow();
            return;
        }

        // Orders: every status since the oldest open order, so an unknown create is found by client order id or proven absent.
        var since = _orders.OldestOpenCreated is { } oldest ? oldest - TimeSpan.FromMinutes(5) : (DateTimeOffset?)null;
        var resting = await _exchange.GetOrdersAsync(OrderQuery.Resting, ct).ConfigureAwait(false);
        var recent = since is null ? resting : await _exchange.GetOrdersAsync(new OrderQuery(Since: since), ct).ConfigureAwait(false);
        var fills = await _exchange.GetFillsAsync(_lastReconciled?.AddMinutes(-5) ?? _startedTime.AddHours(-24), ct).ConfigureAwait(false);
        var positions = await _exchange.GetPositionsAsync(ct).ConfigureAwait(false);
        var balance = await _exchange.GetBalanceAsync(ct).ConfigureAwait(false);
        if (!resting.IsOk || !recent.IsOk || !fills.IsOk || !positions.IsOk || !balance.IsOk)
        {
            var error = resting.Error ?? recent.Error ?? fills.Error ?? positions.Error ?? balance.Error;
            _log.Warn("reconcile.failed", $"reconciliation ({reason}) could not read the exchange: {error}; retrying soon");
            _reconcileSoon = true;
            return;
        }

        var all = recent.Value!.Concat(resting.Value!).GroupBy(o => o.Id.Value).Select(g => g.First()).ToList();
        var report = await _orders.ReconcileAsync(all, ct).ConfigureAwait(false);

        // Fills we missed (e.g. while disconnected) move orders and notify strategies; the portfolio is then reset to the exchange anyway.
        foreach (var fill in fills.Value!.OrderBy(f => f.Time))
        {
            var (isNew, order) = await _orders.ApplyFillAsync(fill, ct).ConfigureAwait(false);
            if (isNew && order is not null && _contexts.TryGetValue(order.Strategy, out var context))
            {
                await CallStrategyAsync(context, s => s.OnFillAsync(fill, context, ct)).ConfigureAwait(false);
            }
        }

        foreach (var order in report.Changed)
        {
            if (report.ResolvedUnknowns.Contains(order))
            {
                _log.Info("reconcile.resolved", $"{order.ClientOrderId} on {order.Intent.Ticker}: {order.State} ({order.Reason})");
            }

            if (_contexts.TryGetValue(order.Strategy, out var context))
            {
                var snapshot = order.Snapshot();
                await CallStrategyAsync(context, s => s.OnOrderUpdateAsync(snapshot, context, ct)).ConfigureAwait(false);
            }
        }

        foreach (var foreign in report.ForeignResting)
        {
            _log.Warn("reconcile.foreign_order", $"resting order {foreign.Id} ({foreign.ClientOrderId?.Value ?? "no client id"}) on {foreign.Ticker} is not ours; left alone");
        }

        var mismatches = _portfolio.Reconcile(positions.Value!, balance.Value!);
        foreach (var m in mismatches)
        {
            var message = $"{m.Ticker}: engine position {m.Engine}, exchange {m.Exchange}; corrected to the exchange, market paused until a later check agrees";
            _log.Warn("reconcile.mismatch", message, ("ticker", m.Ticker.Value), ("engine", m.Engine.ToFpString()), ("exchange", m.Exchange.ToFpString()));
            await JournalEventAsync("reconcile_mismatch", message, null, m.Ticker.Value, ct).ConfigureAwait(false);
            if (reason != "start") _alerts.Publish(new Alert(AlertKind.Error, "reconciliation mismatch: " + message, _clock.GetUtcNow()));
        }

        if (mismatches.Count > 0) _reconcileSoon = false; // the blocked-market interval schedules the confirming pass
        _lastReconciled = _clock.GetUtcNow();
        _log.Debug("reconcile.done", $"reconciled ({reason}): {report.Changed.Count} orders changed, {mismatches.Count} position mismatches",
            ("open_orders", _orders.OpenCount), ("cash", _portfolio.Cash.ToDollarString()));
    }
}
