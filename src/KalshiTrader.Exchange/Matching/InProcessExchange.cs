using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// <see cref="IExchange"/> straight onto a <see cref="MatchingEngine"/> for one account: what a backtest trades
/// against. Each call takes the engine's <see cref="MatchingEngine.SyncRoot"/>, so it may share an engine with a
/// server or simulated participants.
/// </summary>
public sealed class InProcessExchange(MatchingEngine engine, AccountId account) : IExchange
{
    public MatchingEngine Engine { get; } = engine;
    public AccountId Account { get; } = account;

    public Task<ExchangeResult<OrderAck>> CreateOrderAsync(OrderRequest request, CancellationToken cancellationToken) =>
        Run(() => Engine.Submit(Account, request), cancellationToken);

    public Task<ExchangeResult<IReadOnlyList<ExchangeResult<OrderAck>>>> CreateOrdersAsync(
        IReadOnlyList<OrderRequest> requests, CancellationToken cancellationToken) =>
        Run(() => ExchangeResult<IReadOnlyList<ExchangeResult<OrderAck>>>.Ok(Engine.SubmitBatch(Account, requests)), cancellationToken);

    public Task<ExchangeResult<OrderChange>> CancelOrderAsync(OrderId orderId, MarketTicker ticker, CancellationToken cancellationToken) =>
        Run(() => Engine.Cancel(Account, orderId), cancellationToken);

    public Task<ExchangeResult<OrderChange>> AmendOrderAsync(
        OrderId orderId, MarketTicker ticker, OrderSide side, Price yesPrice, Quantity totalCount, CancellationToken cancellationToken) =>
        Run(() => Engine.Amend(Account, orderId, side, yesPrice, totalCount), cancellationToken);

    public Task<ExchangeResult<OrderChange>> DecreaseOrderAsync(OrderId orderId, MarketTicker ticker, Quantity reduceTo, CancellationToken cancellationToken) =>
        Run(() => Engine.DecreaseTo(Account, orderId, reduceTo), cancellationToken);

    public Task<ExchangeResult<bool>> CancelAllOrdersAsync(CancellationToken cancellationToken) =>
        Run(() => ExchangeResult<bool>.Ok(Engine.CancelAll(Account) >= 0), cancellationToken);

    public Task<ExchangeResult<IReadOnlyList<Order>>> GetOrdersAsync(OrderQuery query, CancellationToken cancellationToken) =>
        Run(() => ExchangeResult<IReadOnlyList<Order>>.Ok(Engine.GetOrders(Account, query.Ticker, null, query.Status, query.Since)), cancellationToken);

    public Task<ExchangeResult<IReadOnlyList<MarketPosition>>> GetPositionsAsync(CancellationToken cancellationToken) =>
        Run(() => ExchangeResult<IReadOnlyList<MarketPosition>>.Ok(Engine.GetPositions(Account)), cancellationToken);

    public Task<ExchangeResult<IReadOnlyList<Fill>>> GetFillsAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        Run(() => ExchangeResult<IReadOnlyList<Fill>>.Ok(Engine.GetFills(Account, minTime: since)), cancellationToken);

    public Task<ExchangeResult<Balance>> GetBalanceAsync(CancellationToken cancellationToken) =>
        Run(() => Engine.GetBalance(Account) is { } b ? ExchangeResult<Balance>.Ok(b) : EngineErrors.AccountNotFound(Account), cancellationToken);

    public Task<ExchangeResult<string>> CreateOrderGroupAsync(Quantity contractsLimit, CancellationToken cancellationToken) =>
        Run(() => Engine.CreateOrderGroup(Account, contractsLimit), cancellationToken);

    public Task<ExchangeResult<bool>> DeleteOrderGroupAsync(string orderGroupId, CancellationToken cancellationToken) =>
        Run(() => Done(Engine.DeleteOrderGroup(Account, orderGroupId)), cancellationToken);

    public Task<ExchangeResult<bool>> ResetOrderGroupAsync(string orderGroupId, CancellationToken cancellationToken) =>
        Run(() => Done(Engine.ResetOrderGroup(Account, orderGroupId)), cancellationToken);

    private static ExchangeResult<bool> Done(ExchangeResult<OrderGroupInfo> r) => r.IsOk ? ExchangeResult<bool>.Ok(true) : r.Error!;

    private Task<ExchangeResult<T>> Run<T>(Func<ExchangeResult<T>> call, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<ExchangeResult<T>>(cancellationToken);
        lock (Engine.SyncRoot) return Task.FromResult(call());
    }
}
