using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Trading.Tests.Support;

/// <summary>
/// An exchange whose answers the test decides: each create/cancel/amend takes the next queued answer (an ack by
/// default), and every request is recorded. For unit tests of the order manager; no matching happens here.
/// </summary>
internal sealed class ScriptedExchange : IExchange
{
    private readonly Queue<Func<OrderRequest, ExchangeResult<OrderAck>>> _creates = new();
    private readonly Queue<ExchangeResult<OrderChange>> _changes = new();
    private int _nextId;

    public List<OrderRequest> Creates { get; } = [];

    public List<OrderId> Cancels { get; } = [];

    /// <summary>Called with each create before it is answered (e.g. to look at the journal).</summary>
    public Action<OrderRequest>? OnCreate { get; set; }

    public static OrderId IdOf(int n) => new($"ex-{n}");

    /// <summary>The next create rests untouched.</summary>
    public void AckNext(Quantity? filled = null) =>
        _creates.Enqueue(r => ExchangeResult<OrderAck>.Ok(new OrderAck(NewId(), r.ClientOrderId, filled ?? Quantity.Zero,
            r.TimeInForce == TimeInForce.GoodTillCanceled ? r.Count - (filled ?? Quantity.Zero) : Quantity.Zero, null, null, DateTimeOffset.UnixEpoch)));

    public void FailNextCreate(ExchangeError error) => _creates.Enqueue(_ => error);

    public void AnswerNextChange(ExchangeResult<OrderChange> answer) => _changes.Enqueue(answer);

    public Task<ExchangeResult<OrderAck>> CreateOrderAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        Creates.Add(request);
        OnCreate?.Invoke(request);
        if (_creates.Count == 0) AckNext();
        return Task.FromResult(_creates.Dequeue()(request));
    }

    public Task<ExchangeResult<OrderChange>> CancelOrderAsync(OrderId orderId, MarketTicker ticker, CancellationToken cancellationToken)
    {
        Cancels.Add(orderId);
        return Task.FromResult(_changes.Count > 0
            ? _changes.Dequeue()
            : ExchangeResult<OrderChange>.Ok(new OrderChange(orderId, null, Quantity.Zero, Quantity.Zero, DateTimeOffset.UnixEpoch)));
    }

    public Task<ExchangeResult<OrderChange>> AmendOrderAsync(OrderId orderId, MarketTicker ticker, OrderSide side, Price yesPrice, Quantity totalCount, CancellationToken cancellationToken) =>
        Task.FromResult(_changes.Dequeue());

    public Task<ExchangeResult<IReadOnlyList<ExchangeResult<OrderAck>>>> CreateOrdersAsync(IReadOnlyList<OrderRequest> requests, CancellationToken cancellationToken) =>
        throw new NotSupportedException("batch create is not used by the order manager");

    public Task<ExchangeResult<OrderChange>> DecreaseOrderAsync(OrderId orderId, MarketTicker ticker, Quantity reduceTo, CancellationToken cancellationToken) =>
        throw new NotSupportedException("decrease is not used by the order manager");

    public Task<ExchangeResult<bool>> CancelAllOrdersAsync(CancellationToken cancellationToken) => Task.FromResult(ExchangeResult<bool>.Ok(true));

    public Task<ExchangeResult<IReadOnlyList<Order>>> GetOrdersAsync(OrderQuery query, CancellationToken cancellationToken) =>
        Task.FromResult(ExchangeResult<IReadOnlyList<Order>>.Ok(Array.Empty<Order>()));

    public Task<ExchangeResult<IReadOnlyList<MarketPosition>>> GetPositionsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(ExchangeResult<IReadOnlyList<MarketPosition>>.Ok(Array.Empty<MarketPosition>()));

    public Task<ExchangeResult<IReadOnlyList<Fill>>> GetFillsAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        Task.FromResult(ExchangeResult<IReadOnlyList<Fill>>.Ok(Array.Empty<Fill>()));

    public Task<ExchangeResult<Balance>> GetBalanceAsync(CancellationToken cancellationToken) =>
        Task.FromResult(ExchangeResult<Balance>.Ok(new Balance(Money.Zero, Money.Zero, null)));

    private OrderId NewId() => IdOf(++_nextId);
}
