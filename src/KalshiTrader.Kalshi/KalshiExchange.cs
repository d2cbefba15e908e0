using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Kalshi.Http;

namespace KalshiTrader.Kalshi;

/// <summary>
/// <see cref="IExchange"/> over Kalshi REST v2 (or the local exchange). Expected failures come back as
/// <see cref="ExchangeError"/> values: a write that timed out, lost its connection, met a 5xx or got an
/// unreadable answer has <see cref="ExchangeError.OutcomeUnknown"/> set, because the order may exist — reconcile
/// (list orders by client_order_id) before acting again. <see cref="ExchangeError.RetrySafe"/> is set only where
/// repeating cannot duplicate anything (reads, and any call refused with 429).
/// </summary>
public sealed class KalshiExchange : IExchange
{
    private readonly KalshiRestClient _client;

    public KalshiExchange(KalshiRestClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
    }

    /// <summary>The underlying REST client.</summary>
    public KalshiRestClient Client => _client;

    public Task<ExchangeResult<OrderAck>> CreateOrderAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Validate() is { } problem) return Task.FromResult(ExchangeResult<OrderAck>.Fail(Refused(problem)));
        return WriteAsync(() => _client.CreateOrderAsync(request, cancellationToken));
    }

    public async Task<ExchangeResult<IReadOnlyList<ExchangeResult<OrderAck>>>> CreateOrdersAsync(
        IReadOnlyList<OrderRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var r in requests)
        {
            if (r.Validate() is { } problem) return Refused($"order for {r.Ticker}: {problem}");
        }

        var batch = await WriteAsync(() => _client.CreateOrdersAsync(requests, cancellationToken)).ConfigureAwait(false);
        if (!batch.IsOk) return batch.Error!;
        IReadOnlyList<ExchangeResult<OrderAck>> items = batch.Value!.Select(item => item.IsOk
            ? ExchangeResult<OrderAck>.Ok(item.Value!)
            : ExchangeResult<OrderAck>.Fail(new ExchangeError(ExchangeErrorKind.BadRequest,
                item.Error!.Message ?? item.Error.Code ?? "rejected", Code: item.Error.Code))).ToArray();
        return ExchangeResult<IReadOnlyList<ExchangeResult<OrderAck>>>.Ok(items);
    }

    public Task<ExchangeResult<OrderChange>> CancelOrderAsync(OrderId orderId, MarketTicker ticker, CancellationToken cancellationToken) =>
        WriteAsync(() => _client.CancelOrderAsync(orderId, ticker, cancellationToken));

    public Task<ExchangeResult<OrderChange>> AmendOrderAsync(
        OrderId orderId, MarketTicker ticker, OrderSide side, Price yesPrice, Quantity totalCount, CancellationToken cancellationToken) =>
        WriteAsync(() => _client.AmendOrderAsync(orderId, ticker, side, yesPrice, totalCount, cancellationToken));

    public Task<ExchangeResult<OrderChange>> DecreaseOrderAsync(OrderId orderId, MarketTicker ticker, Quantity reduceTo, CancellationToken cancellationToken) =>
        WriteAsync(() => _client.DecreaseOrderAsync(orderId, null, reduceTo, cancellationToken));

    public Task<ExchangeResult<bool>> CancelAllOrdersAsync(CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            await _client.CancelAllOrdersAsync(cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task<ExchangeResult<IReadOnlyList<Order>>> GetOrdersAsync(OrderQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = new OrderListQuery { Ticker = query.Ticker, Status = query.Status, Min = query.Since };
        return ReadAsync(() => Collect(_client.GetOrdersAsync(q, cancellationToken)));
    }

    /// <summary>Open positions only (Kalshi's <c>count_filter=position</c>).</summary>
    public Task<ExchangeResult<IReadOnlyList<MarketPosition>>> GetPositionsAsync(CancellationToken cancellationToken) =>
        ReadAsync(async () => (await _client.GetPositionsAsync(new PositionQuery { CountFilter = "position" }, cancellationToken).ConfigureAwait(false)).Markets);

    public Task<ExchangeResult<IReadOnlyList<Fill>>> GetFillsAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        ReadAsync(() => Collect(_client.GetFillsAsync(new FillQuery { Min = since }, cancellationToken)));

    public Task<ExchangeResult<Balance>> GetBalanceAsync(CancellationToken cancellationToken) =>
        ReadAsync(() => _client.GetBalanceAsync(cancellationToken));

    public Task<ExchangeResult<string>> CreateOrderGroupAsync(Quantity contractsLimit, CancellationToken cancellationToken)
    {
        if (!contractsLimit.IsPositive) return Task.FromResult(ExchangeResult<string>.Fail(Refused($"contracts_limit must be positive, got {contractsLimit.ToFpString()}")));
        return WriteAsync(() => _client.CreateOrderGroupAsync(contractsLimit, cancellationToken));
    }

    public Task<ExchangeResult<bool>> DeleteOrderGroupAsync(string orderGroupId, CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            await _client.DeleteOrderGroupAsync(orderGroupId, cancellationToken).ConfigureAwait(false);
            return true;
        });

    public Task<ExchangeResult<bool>> ResetOrderGroupAsync(string orderGroupId, CancellationToken cancellationToken) =>
        WriteAsync(async () =>
        {
            await _client.ResetOrderGroupAsync(orderGroupId, cancellationToken).ConfigureAwait(false);
            return true;
        });

    /// <summary>Converts a client failure to an error value. Writes whose fate is unknown say so.</summary>
    public static ExchangeError ToError(KalshiApiException ex, bool isWrite)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var kind = ex.Kind switch
        {
            KalshiApiErrorKind.Transport => ExchangeErrorKind.Transport,
            KalshiApiErrorKind.RateLimited => ExchangeErrorKind.RateLimited,
            KalshiApiErrorKind.Auth => ExchangeErrorKind.Auth,
            KalshiApiErrorKind.BadRequest => ExchangeErrorKind.BadRequest,
            KalshiApiErrorKind.NotFound => ExchangeErrorKind.NotFound,
            KalshiApiErrorKind.Conflict => ExchangeErrorKind.Conflict,
            KalshiApiErrorKind.Exchange => ExchangeErrorKind.Exchange,
            KalshiApiErrorKind.Timeout => ExchangeErrorKind.Timeout,
            KalshiApiErrorKind.Decode => ExchangeErrorKind.Decode,
            _ => ExchangeErrorKind.Exchange,
        };
        // Transport, timeout, 5xx and an unreadable 2xx may all hide a write that happened.
        var unknown = isWrite && ex.Kind is KalshiApiErrorKind.Transport or KalshiApiErrorKind.Timeout
            or KalshiApiErrorKind.Exchange or KalshiApiErrorKind.Decode;
        var retrySafe = ex.Kind == KalshiApiErrorKind.RateLimited
                        || (!isWrite && ex.Kind is KalshiApiErrorKind.Transport or KalshiApiErrorKind.Timeout or KalshiApiErrorKind.Exchange);
        return new ExchangeError(kind, ex.KalshiMessage ?? ex.Message, ex.HttpStatus, ex.Code, retrySafe, unknown);
    }

    private static ExchangeError Refused(string problem) => new(ExchangeErrorKind.Refused, problem);

    private static async Task<ExchangeResult<T>> WriteAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return ExchangeResult<T>.Ok(await call().ConfigureAwait(false));
        }
        catch (KalshiApiException ex)
        {
            return ToError(ex, isWrite: true);
        }
        catch (ArgumentException ex)
        {
            return Refused(ex.Message);
        }
    }

    private static async Task<ExchangeResult<T>> ReadAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return ExchangeResult<T>.Ok(await call().ConfigureAwait(false));
        }
        catch (KalshiApiException ex)
        {
            return ToError(ex, isWrite: false);
        }
    }

    private static async Task<IReadOnlyList<T>> Collect<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source.ConfigureAwait(false)) list.Add(item);
        return list;
    }
}
