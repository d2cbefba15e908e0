using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Core.Exchange;

/// <summary>
/// The order and account side of a venue. Kalshi over REST, the local exchange over the same REST, and the
/// in-process matching engine of a backtest all implement it, so strategy, risk, order-manager and portfolio
/// code is the same in every mode. Expected failures come back as <see cref="ExchangeError"/> values.
/// </summary>
public interface IExchange
{
    Task<ExchangeResult<OrderAck>> CreateOrderAsync(OrderRequest request, CancellationToken cancellationToken);

    /// <summary>Per-item results, in request order.</summary>
    Task<ExchangeResult<IReadOnlyList<ExchangeResult<OrderAck>>>> CreateOrdersAsync(
        IReadOnlyList<OrderRequest> requests, CancellationToken cancellationToken);

    Task<ExchangeResult<OrderChange>> CancelOrderAsync(OrderId orderId, MarketTicker ticker, CancellationToken cancellationToken);

    /// <summary>Changes price and/or total count (filled + desired remaining).</summary>
    Task<ExchangeResult<OrderChange>> AmendOrderAsync(
        OrderId orderId, MarketTicker ticker, OrderSide side, Price yesPrice, Quantity totalCount, CancellationToken cancellationToken);

    /// <summary>Shrinks an order's remaining count to <paramref name="reduceTo"/>.</summary>
    Task<ExchangeResult<OrderChange>> DecreaseOrderAsync(OrderId orderId, MarketTicker ticker, Quantity reduceTo, CancellationToken cancellationToken);

    /// <summary>Cancels every resting order of the account (the kill switch's first act).</summary>
    Task<ExchangeResult<bool>> CancelAllOrdersAsync(CancellationToken cancellationToken);

    Task<ExchangeResult<IReadOnlyList<Order>>> GetOrdersAsync(OrderQuery query, CancellationToken cancellationToken);

    Task<ExchangeResult<IReadOnlyList<MarketPosition>>> GetPositionsAsync(CancellationToken cancellationToken);

    Task<ExchangeResult<IReadOnlyList<Fill>>> GetFillsAsync(DateTimeOffset? since, CancellationToken cancellationToken);

    Task<ExchangeResult<Balance>> GetBalanceAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Creates an order group and returns its id: once the group's orders match <paramref name="contractsLimit"/>
    /// contracts within a rolling 15 s, the exchange cancels all of them and refuses new ones until a reset. Orders
    /// join by carrying the id in <see cref="OrderRequest.OrderGroupId"/>. Venues without groups refuse (not sent).
    /// </summary>
    Task<ExchangeResult<string>> CreateOrderGroupAsync(Quantity contractsLimit, CancellationToken cancellationToken) =>
        Task.FromResult(ExchangeResult<string>.Fail(OrderGroupsNotSupported()));

    /// <summary>Deletes an order group, cancelling its resting orders.</summary>
    Task<ExchangeResult<bool>> DeleteOrderGroupAsync(string orderGroupId, CancellationToken cancellationToken) =>
        Task.FromResult(ExchangeResult<bool>.Fail(OrderGroupsNotSupported()));

    /// <summary>Re-enables a triggered order group (clears its block and matched-contracts window).</summary>
    Task<ExchangeResult<bool>> ResetOrderGroupAsync(string orderGroupId, CancellationToken cancellationToken) =>
        Task.FromResult(ExchangeResult<bool>.Fail(OrderGroupsNotSupported()));

    private static ExchangeError OrderGroupsNotSupported() =>
        new(ExchangeErrorKind.Refused, "order groups are not supported by this venue", Code: "order_groups_not_supported");
}

/// <summary>Filters for listing orders; all optional.</summary>
public sealed record OrderQuery(MarketTicker? Ticker = null, OrderStatus? Status = null, DateTimeOffset? Since = null)
{
    public static OrderQuery All { get; } = new();
    public static OrderQuery Resting { get; } = new(Status: OrderStatus.Resting);
}
