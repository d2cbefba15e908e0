using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Trading.Tests.Support;

/// <summary>How the next creates fail.</summary>
internal enum CreateFault
{
    /// <summary>The order is created, then the answer is lost as a 500 (the worst case: it exists and we do not know).</summary>
    ServerErrorAfterCreate,

    /// <summary>A 500 before anything happens: the order does not exist.</summary>
    ServerErrorBeforeCreate,

    /// <summary>The order is created and the client times out.</summary>
    TimeoutAfterCreate,
}

/// <summary>Wraps an exchange and injects the failures of a real venue: 5xx/timeouts on create, 429 storms.</summary>
internal sealed class FaultyExchange(IExchange inner) : IExchange
{
    private readonly object _gate = new();
    private readonly Queue<CreateFault> _createFaults = new();
    private int _rateLimited;

    public int CreateCalls { get; private set; }

    public int RateLimitedAnswers { get; private set; }

    /// <summary>Called with each create request before it reaches the exchange (e.g. to check the journal).</summary>
    public Action<OrderRequest>? OnCreate { get; set; }

    public void FailNextCreate(CreateFault fault)
    {
        lock (_gate) _createFaults.Enqueue(fault);
    }

    /// <summary>The next <paramref name="calls"/> calls of any kind answer 429.</summary>
    public void RateLimitNext(int calls)
    {
        lock (_gate) _rateLimited = calls;
    }

    public async Task<ExchangeResult<OrderAck>> CreateOrderAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        CreateCalls++;
        OnCreate?.Invoke(request);
        if (RateLimited() is { } limited) return limited;
        CreateFault? fault = null;
        lock (_gate)
        {
            if (_createFaults.Count > 0) fault = _createFaults.Dequeue();
        }

        switch (fault)
        {
            case CreateFault.ServerErrorBeforeCreate:
                return new ExchangeError(ExchangeErrorKind.Exchange, "internal server error", 500, OutcomeUnknown: true);
            case CreateFault.ServerErrorAfterCreate:
                await inner.CreateOrderAsync(request, cancellationToken);
                return new ExchangeError(ExchangeErrorKind.Exchange, "internal server error", 500, OutcomeUnknown: true);
            case CreateFault.TimeoutAfterCreate:
                await inner.CreateOrderAsync(request, cancellationToken);
                return new ExchangeError(ExchangeErrorKind.Timeout, "timed out", OutcomeUnknown: true);
            default:
                return await inner.CreateOrderAsync(request, cancellationToken);
        }
    }

    public async Task<ExchangeResult<IReadOnlyList<ExchangeResult<OrderAck>>>> CreateOrdersAsync(IReadOnlyList<OrderRequest> requests, CancellationToken cancellationToken) =>
        RateLimited() is { } e ? e : await inner.CreateOrdersAsync(requests, cancellationToken);

    public async Task<ExchangeResult<OrderChange>> CancelOrderAsync(OrderId orderId, MarketTicker ticker, CancellationToken cancellationToken) =>
        RateLimited() is { } e ? e : await inner.CancelOrderAsync(orderId, ticker, cancellationToken);

    public async Task<ExchangeResult<OrderChange>> AmendOrderAsync(OrderId orderId, MarketTicker ticker, OrderSide side, Price yesPrice, Quantity totalCount, CancellationToken cancellationToken) =>
        RateLimited() is { } e ? e : await inner.AmendOrderAsync(orderId, ticker, side, yesPrice, totalCount, cancellationToken);

    public async Task<ExchangeResult<OrderChange>> DecreaseOrderAsync(OrderId orderId, MarketTicker ticker, Quantity reduceTo, CancellationToken cancellationToken) =>
        RateLimited() is { } e ? e : await inner.DecreaseOrderAsync(orderId, ticker, reduceTo, cancellationToken);

    public async Task<ExchangeResult<bool>> CancelAllOrdersAsync(CancellationToken cancellationToken) =>
        RateLimited() is { } e ? e : await inner.CancelAllOrdersAsync(cancellationToken);

    public async Task<ExchangeResult<IReadOnlyList<Order>>> GetOrdersAsync(OrderQuery query, CancellationToken cancellationToken) =>
        RateLimited() is { } e ? e : await inner.GetOrdersAsync(query, cancellationToken);

    public async Task<ExchangeResult<IReadOnlyList<MarketPosition>>> GetPositionsAsync(CancellationToken cancellationToken) =>
        RateLimited() is { } e ? e : await inner.GetPositionsAsync(cancellationToken);

    public async Task<ExchangeResult<IReadOnlyList<Fill>>> GetFillsAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        RateLimited() is { } e ? e : await inner.GetFillsAsync(since, cancellationToken);

    public async Task<ExchangeResult<Balance>> GetBalanceAsync(CancellationToken cancellationToken) =>
        RateLimited() is { } e ? e : await inner.GetBalanceAsync(cancellationToken);

    private ExchangeError? RateLimited()
    {
        lock (_gate)
        {
            if (_rateLimited <= 0) return null;
            _rateLimited--;
            RateLimitedAnswers++;
            return new ExchangeError(ExchangeErrorKind.RateLimited, "too many requests", 429, RetrySafe: true);
        }
    }
}
