using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage;
using KalshiTrader.Trading.Logging;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Engine;

/// <summary>The engine's face toward one strategy. All calls run on the engine loop.</summary>
internal sealed class StrategyContext : IStrategyContext, IStrategyLog
{
    private readonly TradingEngine _engine;

    public StrategyContext(TradingEngine engine, IStrategy strategy)
    {
        _engine = engine;
        Strategy = strategy;
    }

    public IStrategy Strategy { get; }

    public bool Stopped { get; set; }

    public int Failures { get; set; }

    public string StrategyName => Strategy.Name;

    public EngineMode Mode => _engine.Mode;

    public TimeProvider Clock => _engine.Clock;

    public DateTimeOffset Now => _engine.Clock.GetUtcNow();

    public IMarketCatalog Catalog => _engine.Catalog;

    public IPortfolioView Portfolio => _engine.Portfolio;

    public IReadOnlyList<StrategyOrder> OpenOrders => _engine.OpenOrdersOf(StrategyName);

    public IStrategyLog Log => this;

    public IKalshiStore? Store => _engine.Store;

    public string RunId => _engine.RunId;

    public void Follow(IReadOnlyCollection<MarketTicker> tickers) => _engine.Follow(this, tickers);

    public BookRead GetBook(MarketTicker ticker) => _engine.ReadBook(ticker);

    public StrategyOrder? FindOrder(ClientOrderId clientOrderId) => _engine.FindOrderOf(StrategyName, clientOrderId);

    public ValueTask<OrderResult> SubmitAsync(OrderIntent intent, CancellationToken cancellationToken) => _engine.SubmitAsync(this, intent, cancellationToken);

    public ValueTask<OrderResult> CancelAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken) =>
        _engine.CancelAsync(this, clientOrderId, cancellationToken);

    public ValueTask<OrderResult> AmendAsync(ClientOrderId clientOrderId, Price newOutcomePrice, Quantity newTotalCount, CancellationToken cancellationToken) =>
        _engine.AmendAsync(this, clientOrderId, newOutcomePrice, newTotalCount, cancellationToken);

    public ValueTask<ExchangeResult<string>> CreateOrderGroupAsync(Quantity contractsLimit, CancellationToken cancellationToken) =>
        _engine.CreateOrderGroupAsync(this, contractsLimit, cancellationToken);

    public ValueTask<ExchangeResult<bool>> DeleteOrderGroupAsync(string orderGroupId, CancellationToken cancellationToken) =>
        _engine.DeleteOrderGroupAsync(this, orderGroupId, cancellationToken);

    public ValueTask RecordEvaluationAsync(StrategyEvaluation evaluation, CancellationToken cancellationToken) =>
        _engine.RecordEvaluationAsync(this, evaluation, cancellationToken);

    void IStrategyLog.Info(string message, params (string Key, object? Value)[] fields) => Write(LogLevel.Info, message, fields);

    void IStrategyLog.Warn(string message, params (string Key, object? Value)[] fields) => Write(LogLevel.Warn, message, fields);

    void IStrategyLog.Error(string message, params (string Key, object? Value)[] fields) => Write(LogLevel.Error, message, fields);

    private void Write(LogLevel level, string message, (string Key, object? Value)[] fields) =>
        _engine.Log.Write(level, "strategy." + StrategyName, message, [("strategy", StrategyName), .. fields]);
}
