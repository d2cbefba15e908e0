using System.Text.Json;
using KalshiTrader.Core.Books;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Trading.Alerts;
using KalshiTrader.Trading.Logging;
using KalshiTrader.Trading.Orders;
using KalshiTrader.Trading.Portfolio;
using KalshiTrader.Trading.Risk;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Engine;

public sealed partial class TradingEngine
{
    internal async ValueTask<OrderResult> SubmitAsync(StrategyContext context, OrderIntent intent, CancellationToken ct)
    {
        if (context.Stopped) return Denied(context, intent, new RiskDenial(RiskRule.KillSwitch, "the strategy is stopped"));
        var input = BuildRiskInput(intent, excluding: null);
        var denial = _risk.Check(input);
        if (denial is not null)
        {
            var denied = Denied(context, intent, denial);
            await JournalEventAsync("risk_denied", denial.ToString(), context.Strategy.Name, intent.Ticker.Value, ct, DescribeIntent(intent)).ConfigureAwait(false);
            if (denial.Rule == RiskRule.DailyLossLimit) await CheckDailyLossAsync(ct).ConfigureAwait(false);
            return denied;
        }

        var simulated = Quantity.Zero;
        if (Mode == EngineMode.DryRun && input.Book.Book is { } book)
        {
            simulated = book.WalkBuy(intent.Buy, intent.Count, intent.LimitPrice).Filled;
            if (intent.TimeInForce == TimeInForce.FillOrKill && simulated < intent.Count) simulated = Quantity.Zero;
        }

        if (intent.PositionSetId is { } set)
        {
            _setOfTicker[intent.Ticker.Value] = set;
            if (intent.WorstCaseLoss is { } worst) _setWorstCase[set] = Money.Max(_setWorstCase.GetValueOrDefault(set), worst);
        }

        _ordersSent++;
        var result = await _orders.SubmitAsync(context.Strategy.Name, intent, simulated, ct).ConfigureAwait(false);
        var level = result.Status is OrderResultStatus.Accepted or OrderResultStatus.DryRun ? LogLevel.Info : LogLevel.Warn;
        _log.Write(level, "order.submit", $"{context.Strategy.Name} buy {intent.Buy} {intent.Count} {intent.Ticker} @ {intent.LimitPrice} {intent.TimeInForce}: {result}",
        [
            ("strategy", context.Strategy.Name), ("client_order_id", result.ClientOrderId?.Value), ("status", result.Status.ToString()),
            ("filled", result.FilledCount.ToFpString()), ("tag", intent.Tag),
        ]);
        if (result.Status is OrderResultStatus.Rejected or OrderResultStatus.OutcomeUnknown)
        {
            _alerts.Publish(new Alert(AlertKind.Error, $"{context.Strategy.Name} order on {intent.Ticker}: {result}", _clock.GetUtcNow()));
        }

        return result;
    }

    internal async ValueTask<OrderResult> CancelAsync(StrategyContext context, ClientOrderId id, CancellationToken ct)
    {
        var order = _orders.Find(id);
        if (order is null || order.Strategy != context.Strategy.Name)
        {
            return new OrderResult { Status = OrderResultStatus.Failed, ClientOrderId = id, Message = $"{id} is not an order of {context.Strategy.Name}" };
        }

        if (Mode == EngineMode.DryRun) return new OrderResult { Status = OrderResultStatus.DryRun, ClientOrderId = id, Message = "dry-run: nothing rests" };

        // Cancels reduce risk: never refused by the kill switch or the write rate, but they count against the budget.
        var result = await _orders.CancelAsync(order, ct).ConfigureAwait(false);
        _log.Info("order.cancel", $"{context.Strategy.Name} cancel {id}: {result}");
        return result;
    }

    internal async ValueTask<OrderResult> AmendAsync(StrategyContext context, ClientOrderId id, Price newPrice, Quantity newTotal, CancellationToken ct)
    {
        var order = _orders.Find(id);
        if (order is null || order.Strategy != context.Strategy.Name)
        {
            return new OrderResult { Status = OrderResultStatus.Failed, ClientOrderId = id, Message = $"{id} is not an order of {context.Strategy.Name}" };
        }

        if (Mode == EngineMode.DryRun) return new OrderResult { Status = OrderResultStatus.DryRun, ClientOrderId = id, Message = "dry-run: nothing rests" };

        // An amend is checked like the order it becomes, without counting the order's own current remainder twice.
        var amended = order.Intent with { LimitPrice = newPrice, Count = newTotal - order.Filled };
        var input = BuildRiskInput(amended, excluding: order) with { OpenOrders = Math.Max(0, _orders.OpenCount - 1) };
        if (_risk.Check(input) is { } denial)
        {
            await JournalEventAsync("risk_denied", "amend: " + denial, context.Strategy.Name, order.Intent.Ticker.Value, ct, clientOrderId: id.Value).ConfigureAwait(false);
            return Denied(context, amended, denial, id);
        }

        var result = await _orders.AmendAsync(order, newPrice, newTotal, ct).ConfigureAwait(false);
        _log.Info("order.amend", $"{context.Strategy.Name} amend {id} to {newTotal} @ {newPrice}: {result}");
        return result;
    }

    internal async ValueTask RecordEvaluationAsync(StrategyContext context, StrategyEvaluation evaluation, CancellationToken ct)
    {
        var detail = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["kind"] = evaluation.Kind,
            ["key"] = evaluation.Key,
            ["markets"] = evaluation.Markets.Select(m => m.Value).ToArray(),
            ["edge"] = evaluation.Edge?.ToDollarString(),
            ["size"] = evaluation.ExecutableSize?.ToFpString(),
            ["traded"] = evaluation.Traded,
            ["decision"] = evaluation.Decision,
            ["detail"] = evaluation.DetailJson,
        });
        await JournalEventAsync("evaluation", $"{evaluation.Kind} {evaluation.Key}: {evaluation.Decision}", context.Strategy.Name,
            evaluation.Markets.Count > 0 ? evaluation.Markets[0].Value : null, ct, detail, evaluation: evaluation).ConfigureAwait(false);
    }

    private OrderResult Denied(StrategyContext context, OrderIntent intent, RiskDenial denial, ClientOrderId? id = null)
    {
        _riskDenials++;
        _log.Info("risk.denied", $"{context.Strategy.Name} {intent.Ticker}: {denial}", ("rule", denial.Rule.ToString()), ("strategy", context.Strategy.Name));
        return new OrderResult { Status = OrderResultStatus.RiskDenied, ClientOrderId = id, Denial = denial, Message = denial.ToString() };
    }

    internal RiskCheckInput BuildRiskInput(OrderIntent intent, TrackedOrder? excluding)
    {
        _catalog.TryGetMarket(intent.Ticker, out var market);
        var open = _orders.Open.Where(o => o != excluding).ToList();
        var sameOutcome = Quantity.Zero;
        foreach (var o in open)
        {
            if (o.Intent.Ticker == intent.Ticker && o.Intent.Buy == intent.Buy) sameOutcome += o.Remaining;
        }

        var openSets = new HashSet<string>(StringComparer.Ordinal);
        foreach (var o in open) openSets.Add(SetKey(o.Intent.PositionSetId, o.Intent.Ticker));
        foreach (var p in _portfolio.Positions) openSets.Add(SetKey(_setOfTicker.GetValueOrDefault(p.Ticker.Value), p.Ticker));
        var key = SetKey(intent.PositionSetId, intent.Ticker);

        var cash = _portfolio.HasBalance ? _portfolio.AvailableCash : _options.DryRunBalance;
        var riskBase = _portfolio.HasBalance ? _portfolio.Cash : _options.DryRunBalance;
        _portfolio.IsMarketBlocked(intent.Ticker, out var blocked);
        return new RiskCheckInput
        {
            Intent = intent,
            Now = _clock.GetUtcNow(),
            Market = market,
            Book = ReadBook(intent.Ticker),
            Fees = _catalog.FeesFor(intent.Ticker),
            KillSwitchTripped = KillReason is not null,
            KillSwitchReason = KillReason,
            DailyPnl = _portfolio.DailyPnl,
            AvailableCash = cash,
            RiskBase = riskBase,
            MarketBlockedReason = blocked,
            Position = _portfolio.PositionOf(intent.Ticker),
            OpenSameOutcome = sameOutcome,
            EventGross = market is null ? Quantity.Zero : _portfolio.EventGross(market.EventTicker) - (excluding?.Remaining ?? Quantity.Zero),
            OpenOrders = open.Count,
            OpenPositionSets = openSets.Count,
            SetAlreadyOpen = openSets.Contains(key),
            SetDeclaredWorstCase = intent.PositionSetId is { } s ? _setWorstCase.GetValueOrDefault(s) : Money.Zero,
        };
    }

    private static string SetKey(string? setId, MarketTicker ticker) => setId ?? "market:" + ticker.Value;

    private static string DescribeIntent(OrderIntent i) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["ticker"] = i.Ticker.Value,
        ["buy"] = i.Buy == Outcome.Yes ? "yes" : "no",
        ["price"] = i.LimitPrice.ToDollarString(),
        ["count"] = i.Count.ToFpString(),
        ["tif"] = i.TimeInForce.ToString(),
        ["set"] = i.PositionSetId,
        ["tag"] = i.Tag,
    });
}

public sealed partial class TradingEngine
{
    internal TimeProvider Clock => _clock;

    internal IMarketCatalog Catalog => _catalog;

    internal IPortfolioView Portfolio => _portfolio;

    internal IEngineLog Log => _log;

    internal IReadOnlyList<StrategyOrder> OpenOrdersOf(string strategy) =>
        _orders.Open.Where(o => o.Strategy == strategy).Select(o => o.Snapshot()).ToList();

    internal StrategyOrder? FindOrderOf(string strategy, ClientOrderId id) =>
        _orders.Find(id) is { } o && o.Strategy == strategy ? o.Snapshot() : null;
}

public sealed partial class TradingEngine
{
    // For tests and diagnostics: read only from the engine loop (e.g. inside a strategy callback) or after the run.
    internal PortfolioState PortfolioState => _portfolio;

    internal OrderManager OrderManager => _orders;

    internal OrderBookSet Books => _books;
}
