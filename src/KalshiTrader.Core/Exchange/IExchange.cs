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
}

/// <summary>Filters for listing orders; all optional.</summary>
public sealed record OrderQuery(MarketTicker? Ticker = null, OrderStatus? Status = null, DateTimeOffset? Since = null)
{
    public static OrderQuery All { get; } = new();
    public static OrderQuery Resting { get; } = new(Status: OrderStatus.Resting);
}
