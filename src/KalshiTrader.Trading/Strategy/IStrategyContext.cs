using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Storage;

namespace KalshiTrader.Trading.Strategy;

/// <summary>
/// Everything a strategy may see and do. Valid only inside the engine's callbacks (single-threaded); every
/// write returns an <see cref="OrderResult"/> value: risk denials, venue rejections and unknown outcomes are
/// results, never exceptions.
/// </summary>
public interface IStrategyContext
{
    /// <summary>The strategy this context belongs to.</summary>
    string StrategyName { get; }

    /// <summary>dry-run (nothing is sent), paper (local exchange) or live (Kalshi).</summary>
    EngineMode Mode { get; }

    /// <summary>The engine's clock; use it instead of DateTime.Now so backtests replay exactly.</summary>
    TimeProvider Clock { get; }

    DateTimeOffset Now { get; }

    /// <summary>Markets, events and series loaded before <see cref="IStrategy.StartAsync"/>.</summary>
    IMarketCatalog Catalog { get; }

    /// <summary>Declares markets to follow: the engine subscribes to their books and calls <see cref="IStrategy.OnBookChangedAsync"/>.</summary>
    void Follow(IReadOnlyCollection<MarketTicker> tickers);

    /// <summary>
    /// The book of a market with its state made explicit: only <see cref="BookState.Fresh"/> books may be traded on.
    /// A stale or invalid book is never handed out as if it were good.
    /// </summary>
    BookRead GetBook(MarketTicker ticker);

    /// <summary>Account-wide positions, cash and P&amp;L as the engine knows them (reconciled with the exchange).</summary>
    IPortfolioView Portfolio { get; }

    /// <summary>This strategy's orders that are not final (pending, resting, or awaiting reconciliation).</summary>
    IReadOnlyList<StrategyOrder> OpenOrders { get; }

    /// <summary>Looks up one of this strategy's orders (open or finished during this run).</summary>
    StrategyOrder? FindOrder(ClientOrderId clientOrderId);

    /// <summary>Risk-checks, journals and sends (or in dry-run, records) an order.</summary>
    ValueTask<OrderResult> SubmitAsync(OrderIntent intent, CancellationToken cancellationToken);

    /// <summary>Cancels one of this strategy's resting orders.</summary>
    ValueTask<OrderResult> CancelAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken);

    /// <summary>Changes price (in the bought outcome's terms) and/or total count (filled + desired remaining).</summary>
    ValueTask<OrderResult> AmendAsync(ClientOrderId clientOrderId, Price newOutcomePrice, Quantity newTotalCount, CancellationToken cancellationToken);

    /// <summary>
    /// Creates an order group (see <see cref="IExchange.CreateOrderGroupAsync"/>): once its orders match
    /// <paramref name="contractsLimit"/> contracts within 15 s the exchange cancels them all and blocks new ones.
    /// Put the id in <see cref="OrderIntent.OrderGroupId"/>. Dry-run: a local id, nothing sent. Logged and journaled.
    /// </summary>
    ValueTask<ExchangeResult<string>> CreateOrderGroupAsync(Quantity contractsLimit, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ExchangeResult<string>.Fail(new ExchangeError(ExchangeErrorKind.Refused, "this context cannot create order groups")));

    /// <summary>Deletes an order group made by <see cref="CreateOrderGroupAsync"/> (its resting orders are cancelled).</summary>
    ValueTask<ExchangeResult<bool>> DeleteOrderGroupAsync(string orderGroupId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(ExchangeResult<bool>.Fail(new ExchangeError(ExchangeErrorKind.Refused, "this context cannot delete order groups")));

    /// <summary>Records an evaluated opportunity, traded or not (research needs the misses).</summary>
    ValueTask RecordEvaluationAsync(StrategyEvaluation evaluation, CancellationToken cancellationToken);

    /// <summary>Structured log lines attributed to the strategy (secrets redacted).</summary>
    IStrategyLog Log { get; }

    /// <summary>The store the engine runs with (relationships, opportunities, history); null when it runs without one.</summary>
    IKalshiStore? Store => null;

    /// <summary>The engine run's id (tags store rows such as opportunities).</summary>
    string RunId => "";
}

/// <summary>How the engine runs: nothing sent, orders to the local exchange, or orders to Kalshi.</summary>
public enum EngineMode
{
    DryRun,
    Paper,
    Live,
}

/// <summary>Log lines from a strategy; fields are rendered as JSON properties in the log file.</summary>
public interface IStrategyLog
{
    void Info(string message, params (string Key, object? Value)[] fields);

    void Warn(string message, params (string Key, object? Value)[] fields);

    void Error(string message, params (string Key, object? Value)[] fields);
}
