using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Http;

public sealed partial class KalshiRestClient
{
    private const string OrdersRoute = "/portfolio/events/orders";
    private const string OrderRoute = "/portfolio/events/orders/{order_id}";
    private const string BatchRoute = "/portfolio/events/orders/batched";

    /// <summary>
    /// <c>POST /portfolio/events/orders</c> (V2). With a client_order_id the call is retried after transport
    /// errors, timeouts and 5xx, and a retry answered 409 resolves to the order the earlier attempt created
    /// (found by listing the market's orders) — never a second order. Without one, only 429s are retried.
    /// </summary>
    public async Task<OrderAck> CreateOrderAsync(OrderRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Validate() is { } problem) throw new ArgumentException($"order for {request.Ticker}: {problem}", nameof(request));
        var idempotent = request.ClientOrderId is not null;
        var call = new RestCall(HttpMethod.Post, OrdersRoute, OrdersRoute)
        {
            Body = Json(WireMapper.ToWire(request), KalshiRestJsonContext.Default.CreateOrderV2Request),
            Auth = true,
            Retry = idempotent ? RetryMode.Safe : RetryMode.RateLimitOnly,
            ReturnConflictOnRetry = idempotent,
        };
        var answer = await SendRawAsync(call, cancellationToken).ConfigureAwait(false);
        if (answer.IsConflictOnRetry)
        {
            Log($"POST {OrdersRoute}: client_order_id {request.ClientOrderId} already exists after a retry; resolving to the existing order");
            return await ResolveExistingAsync(request, call, cancellationToken).ConfigureAwait(false);
        }

        var wire = Decode(call, answer, KalshiRestJsonContext.Default.CreateOrderV2Response);
        return Map(call, wire, WireMapper.ToOrderAck);
    }

    /// <summary><c>DELETE /portfolio/events/orders/{id}</c>: cancels what is left; <see cref="OrderChange.ReducedBy"/> says how much.</summary>
    public async Task<OrderChange> CancelOrderAsync(OrderId orderId, MarketTicker? ticker, CancellationToken cancellationToken, int? subaccount = null)
    {
        var call = new RestCall(HttpMethod.Delete, OrderRoute, OrdersRoute + "/" + Escape(orderId.Value))
        {
            Query = new QueryString().Add("market_ticker", ticker?.Value).Add("subaccount", subaccount).ToString(),
            Auth = true,
        };
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.CancelOrderV2Response, cancellationToken).ConfigureAwait(false);
        return Map(call, wire, WireMapper.ToOrderChange);
    }

    /// <summary><c>POST .../{id}/amend</c>: new YES price and new TOTAL count (filled + remaining).</summary>
    public async Task<OrderChange> AmendOrderAsync(OrderId orderId, MarketTicker ticker, OrderSide side, Price yesPrice, Quantity totalCount,
        CancellationToken cancellationToken, ClientOrderId? clientOrderId = null, ClientOrderId? updatedClientOrderId = null)
    {
        var body = new AmendOrderV2Request
        {
            Ticker = ticker.Value,
            Side = WireMapper.ToWire(side),
            Price = yesPrice.ToDollarString(),
            Count = totalCount.ToFpString(),
            ClientOrderId = clientOrderId?.Value,
            UpdatedClientOrderId = updatedClientOrderId?.Value,
        };
        var call = new RestCall(HttpMethod.Post, OrderRoute + "/amend", $"{OrdersRoute}/{Escape(orderId.Value)}/amend")
        {
            Body = Json(body, KalshiRestJsonContext.Default.AmendOrderV2Request),
            Auth = true,
        };
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.AmendOrderV2Response, cancellationToken).ConfigureAwait(false);
        return Map(call, wire, WireMapper.ToOrderChange);
    }

    /// <summary><c>POST .../{id}/decrease</c> with exactly one of <paramref name="reduceBy"/> or <paramref name="reduceTo"/>.</summary>
    public async Task<OrderChange> DecreaseOrderAsync(OrderId orderId, Quantity? reduceBy, Quantity? reduceTo, CancellationToken cancellationToken)
    {
        if (reduceBy.HasValue == reduceTo.HasValue) throw new ArgumentException("give exactly one of reduceBy or reduceTo");
        var body = new DecreaseOrderV2Request { ReduceBy = reduceBy?.ToFpString(), ReduceTo = reduceTo?.ToFpString() };
        var call = new RestCall(HttpMethod.Post, OrderRoute + "/decrease", $"{OrdersRoute}/{Escape(orderId.Value)}/decrease")
        {
            Body = Json(body, KalshiRestJsonContext.Default.DecreaseOrderV2Request),
            Auth = true,
        };
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.DecreaseOrderV2Response, cancellationToken).ConfigureAwait(false);
        return Map(call, wire, WireMapper.ToOrderChange);
    }

    /// <summary>
    /// <c>POST /portfolio/events/orders/batched</c>: per-item results in request order. Billed per item; not
    /// retried after transport errors (items without client ids could double).
    /// </summary>
    public async Task<IReadOnlyList<BatchItemResult<OrderAck>>> CreateOrdersAsync(IReadOnlyList<OrderRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0) return [];
        foreach (var r in requests)
        {
            if (r.Validate() is { } problem) throw new ArgumentException($"order for {r.Ticker}: {problem}", nameof(requests));
        }

        var body = new BatchCreateOrdersV2Request { Orders = requests.Select(WireMapper.ToWire).ToList() };
        var call = new RestCall(HttpMethod.Post, OrdersRoute, BatchRoute)
        {
            Body = Json(body, KalshiRestJsonContext.Default.BatchCreateOrdersV2Request),
            Auth = true,
            Items = requests.Count,
        };
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.BatchCreateOrdersV2Response, cancellationToken).ConfigureAwait(false);
        return Map(call, wire, w => w.Orders.Select(item => item.Error is not null || string.IsNullOrEmpty(item.OrderId)
            ? new BatchItemResult<OrderAck>(null, ToInfo(item.Error))
            : new BatchItemResult<OrderAck>(WireMapper.ToOrderAck(item), null)).ToArray());
    }

    /// <summary><c>DELETE /portfolio/events/orders/batched</c>: per-item results in request order.</summary>
    public async Task<IReadOnlyList<BatchItemResult<OrderChange>>> CancelOrdersAsync(
        IReadOnlyList<(OrderId OrderId, MarketTicker? Ticker)> orders, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(orders);
        if (orders.Count == 0) return [];
        var body = new BatchCancelOrdersV2Request
        {
            Orders = orders.Select(o => new BatchCancelOrderV2Target { OrderId = o.OrderId.Value, MarketTicker = o.Ticker?.Value }).ToList(),
        };
        var call = new RestCall(HttpMethod.Delete, OrderRoute, BatchRoute)
        {
            Body = Json(body, KalshiRestJsonContext.Default.BatchCancelOrdersV2Request),
            Auth = true,
            Items = orders.Count,
        };
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.BatchCancelOrdersV2Response, cancellationToken).ConfigureAwait(false);
        return Map(call, wire, w => w.Orders.Select(item => item.Error is not null
            ? new BatchItemResult<OrderChange>(null, ToInfo(item.Error))
            : new BatchItemResult<OrderChange>(WireMapper.ToOrderChange(item), null)).ToArray());
    }

    /// <summary><c>DELETE /portfolio/events/orders</c>: cancels every resting order (orders placed in the next minute may be cancelled too).</summary>
    public async Task CancelAllOrdersAsync(CancellationToken cancellationToken, int? subaccount = null)
    {
        var call = new RestCall(HttpMethod.Delete, OrdersRoute, OrdersRoute)
        {
            Query = new QueryString().Add("subaccount", subaccount).ToString(),
            Auth = true,
        };
        await SendRawAsync(call, cancellationToken).ConfigureAwait(false);
    }

    private async Task<OrderAck> ResolveExistingAsync(OrderRequest request, RestCall call, CancellationToken cancellationToken)
    {
        var wanted = request.ClientOrderId!.Value;
        await foreach (var order in GetOrdersAsync(new OrderListQuery { Ticker = request.Ticker, Subaccount = request.Subaccount }, cancellationToken).ConfigureAwait(false))
        {
            if (order.ClientOrderId == wanted)
            {
                return new OrderAck(order.Id, order.ClientOrderId, order.FillCount, order.RemainingCount, null, null,
                    order.CreatedTime ?? _time.GetUtcNow());
            }
        }

        throw new KalshiApiException(KalshiApiErrorKind.Conflict, call.Method.Method, call.Path,
            $"client_order_id {wanted} already exists but no order of {request.Ticker} carries it", 409);
    }

    private static KalshiErrorInfo ToInfo(ErrorBody? e) =>
        e is null ? new KalshiErrorInfo(null, "item failed without an error body", null) : new KalshiErrorInfo(e.Code, e.Message, e.Details);
}
