using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Strategies.Tests.Mispricing.Execution.Support;

/// <summary>
/// Passes every call to the real exchange and, after a create has been answered, runs <see cref="AfterCreate"/>: the
/// test's way to let another trader act between our legs (take the liquidity the next leg needs), as happens live.
/// </summary>
internal sealed class RacedExchange(IExchange inner) : IExchange
{
    /// <summary>Runs after each create is answered, with the request and the exchange's answer.</summary>
    public Action<OrderRequest, ExchangeResult<OrderAck>>? AfterCreate { get; set; }

    public async Task<ExchangeResult<OrderAck>> CreateOrderAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        var answer = await inner.CreateOrderAsync(request, cancellationToken);
        AfterCreate?.Invoke(request, answer);
        return answer;
    }

    public Task<ExchangeResult<IReadOnlyList<ExchangeResult<OrderAck>>>> CreateOrdersAsync(IReadOnlyList<OrderRequest> requests, CancellationToken cancellationToken) =>
        inner.CreateOrdersAsync(requests, cancellationToken);

    public Task<ExchangeResult<OrderChange>> CancelOrderAsync(OrderId orderId, MarketTicker ticker, CancellationToken cancellationToken) =>
        inner.CancelOrderAsync(orderId, ticker, cancellationToken);

    public Task<ExchangeResult<OrderChange>> AmendOrderAsync(
        OrderId orderId, MarketTicker ticker, OrderSide side, Price yesPrice, Quantity totalCount, CancellationToken cancellationToken) =>
        inner.AmendOrderAsync(orderId, ticker, side, yesPrice, totalCount, cancellationToken);

    public Task<ExchangeResult<OrderChange>> DecreaseOrderAsync(OrderId orderId, MarketTicker ticker, Quantity reduceTo, CancellationToken cancellationToken) =>
        inner.DecreaseOrderAsync(orderId, ticker, reduceTo, cancellationToken);

    public Task<ExchangeResult<bool>> CancelAllOrdersAsync(CancellationToken cancellationToken) => inner.CancelAllOrdersAsync(cancellationToken);

    public Task<ExchangeResult<IReadOnlyList<Order>>> GetOrdersAsync(OrderQuery query, CancellationToken cancellationToken) => inner.GetOrdersAsync(query, cancellationToken);

    public Task<ExchangeResult<IReadOnlyList<MarketPosition>>> GetPositionsAsync(CancellationToken cancellationToken) => inner.GetPositionsAsync(cancellationToken);

    public Task<ExchangeResult<IReadOnlyList<Fill>>> GetFillsAsync(DateTimeOffset? since, CancellationToken cancellationToken) => inner.GetFillsAsync(since, cancellationToken);

    public Task<ExchangeResult<Balance>> GetBalanceAsync(CancellationToken cancellationToken) => inner.GetBalanceAsync(cancellationToken);

    public Task<ExchangeResult<string>> CreateOrderGroupAsync(Quantity contractsLimit, CancellationToken cancellationToken) =>
        inner.CreateOrderGroupAsync(contractsLimit, cancellationToken);

    public Task<ExchangeResult<bool>> DeleteOrderGroupAsync(string orderGroupId, CancellationToken cancellationToken) =>
        inner.DeleteOrderGroupAsync(orderGroupId, cancellationToken);

    public Task<ExchangeResult<bool>> ResetOrderGroupAsync(string orderGroupId, CancellationToken cancellationToken) =>
        inner.ResetOrderGroupAsync(orderGroupId, cancellationToken);
}
