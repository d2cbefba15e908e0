using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiTrader.Exchange.Server.Legacy;

/// <summary>
/// Kalshi's legacy v1 order writes, which older bots and SDKs still call. The reference marks "still served" as [?];
/// the local exchange serves them (a bot that works here then also works while Kalshi keeps them), at ten times the
/// V2 token cost as Kalshi charges since 2026-06-04 (see <see cref="EndpointCosts"/>). They go through the same engine
/// calls as the V2 endpoints; only the request and response shapes differ (<see cref="LegacyOrderMapping"/>).
/// </summary>
internal static class LegacyOrderEndpoints
{
    public static void Map(RouteGroupBuilder auth, ExchangeContext x)
    {
        var json = LegacyJsonContext.Default;

        auth.MapPost("/portfolio/orders", async (HttpContext ctx) =>
        {
            var (body, problem) = await Rest.ReadBody(ctx, json.V1CreateOrderRequest).ConfigureAwait(false);
            if (problem is not null) return problem;
            if (!TryParse(body!, out var request, out var error)) return BadRequest(error);
            var account = ExchangeContext.Account(ctx);
            var (ack, order) = x.Locked(e =>
            {
                var r = e.Submit(account, request);
                return (r, r.IsOk ? e.GetOrder(account, r.Value!.OrderId) : null);
            });
            return ack.IsOk ? Rest.Json(new V1OrderResponse { Order = WireMapper.ToWire(order!) }, json.V1OrderResponse, 201) : Rest.Error(ack.Error!);
        });

        auth.MapPost("/portfolio/orders/batched", async (HttpContext ctx) =>
        {
            var (body, problem) = await Rest.ReadBody(ctx, json.V1BatchCreateOrdersRequest).ConfigureAwait(false);
            if (problem is not null) return problem;
            if (body!.Orders.Count == 0) return Rest.Error(400, "invalid_parameters", "orders must not be empty");
            if (!Charge(ctx, x, body.Orders.Count * EndpointCosts.LegacyCreate)) return Rest.TooManyRequests();
            var account = ExchangeContext.Account(ctx);
            var items = new List<V1BatchItem>();
            foreach (var w in body.Orders)
            {
                if (!TryParse(w, out var request, out var error))
                {
                    items.Add(new V1BatchItem { Error = new ErrorBody { Code = "invalid_parameters", Message = error } });
                    continue;
                }

                var (r, order) = x.Locked(e =>
                {
                    var ack = e.Submit(account, request);
                    return (ack, ack.IsOk ? e.GetOrder(account, ack.Value!.OrderId) : null);
                });
                items.Add(r.IsOk ? new V1BatchItem { Order = WireMapper.ToWire(order!) } : new V1BatchItem { Error = ToBody(r.Error!) });
            }

            return Rest.Json(new V1BatchResponse { Orders = items }, json.V1BatchResponse, 201);
        });

        auth.MapDelete("/portfolio/orders/batched", async (HttpContext ctx) =>
        {
            var (body, problem) = await Rest.ReadBody(ctx, json.V1BatchCancelOrdersRequest).ConfigureAwait(false);
            if (problem is not null) return problem;
            var ids = body!.Ids ?? body.Orders?.Select(o => o.OrderId ?? "").ToList() ?? [];
            if (ids.Count == 0) return Rest.Error(400, "invalid_parameters", "send the orders to cancel as ids:[...] or orders:[{order_id}]");
            if (!Charge(ctx, x, ids.Count * EndpointCosts.LegacyCancel)) return Rest.TooManyRequests();
            var account = ExchangeContext.Account(ctx);
            var results = x.Locked(e => ids.Select(id => Cancel(e, account, id)).ToList());
            var items = results.Select(c => c.Result.IsOk
                ? new V1BatchItem { Order = WireMapper.ToWire(c.Order!), ReducedByFp = c.Result.Value!.ReducedBy.ToFpString() }
                : new V1BatchItem { Error = ToBody(c.Result.Error!) }).ToList();
            return Rest.Json(new V1BatchResponse { Orders = items }, json.V1BatchResponse);
        });

        auth.MapDelete("/portfolio/orders/{orderId}", (HttpContext ctx, string orderId) =>
        {
            var (r, order) = x.Locked(e => Cancel(e, ExchangeContext.Account(ctx), orderId));
            return r.IsOk
                ? Rest.Json(new V1CancelOrderResponse { Order = WireMapper.ToWire(order!), ReducedByFp = r.Value!.ReducedBy.ToFpString() }, json.V1CancelOrderResponse)
                : Rest.Error(r.Error!);
        });

        auth.MapPost("/portfolio/orders/{orderId}/amend", async (HttpContext ctx, string orderId) =>
        {
            var (body, problem) = await Rest.ReadBody(ctx, json.V1AmendOrderRequest).ConfigureAwait(false);
            if (problem is not null) return problem;
            OrderSide side;
            Price yesPrice;
            Quantity count;
            try
            {
                if (string.IsNullOrWhiteSpace(body!.Ticker)) throw new FormatException("ticker is required");
                side = LegacyOrderMapping.Direction(body.Side, body.Action).Side;
                yesPrice = LegacyOrderMapping.YesPrice(body.YesPrice, body.NoPrice, body.YesPriceDollars, body.NoPriceDollars);
                count = LegacyOrderMapping.Count(body.Count, body.CountFp, "count", "count_fp");
            }
            catch (FormatException ex)
            {
                return BadRequest(ex.Message);
            }

            var account = ExchangeContext.Account(ctx);
            var id = new OrderId(orderId);
            var (r, before, after) = x.Locked(e =>
            {
                var old = e.GetOrder(account, id);
                if (old is not null && old.Ticker.Value != body.Ticker)
                {
                    return (ExchangeResult<OrderChange>.Fail(EngineErrors.BadRequest($"ticker {body.Ticker} does not match order {orderId}'s market {old.Ticker}")), null, null);
                }

                var change = e.Amend(account, id, side, yesPrice, count,
                    string.IsNullOrEmpty(body.UpdatedClientOrderId) ? null : new ClientOrderId(body.UpdatedClientOrderId));
                return (change, old, change.IsOk ? e.GetOrder(account, id) : null);
            });
            return r.IsOk
                ? Rest.Json(new V1AmendOrderResponse { OldOrder = WireMapper.ToWire(before!), Order = WireMapper.ToWire(after!) }, json.V1AmendOrderResponse)
                : Rest.Error(r.Error!);
        });

        auth.MapPost("/portfolio/orders/{orderId}/decrease", async (HttpContext ctx, string orderId) =>
        {
            var (body, problem) = await Rest.ReadBody(ctx, json.V1DecreaseOrderRequest).ConfigureAwait(false);
            if (problem is not null) return problem;
            var by = body!.ReduceBy is not null || body.ReduceByFp is not null;
            var to = body.ReduceTo is not null || body.ReduceToFp is not null;
            if (by == to) return BadRequest("send exactly one of reduce_by (or reduce_by_fp) and reduce_to (or reduce_to_fp)");
            Quantity amount;
            try
            {
                amount = by
                    ? LegacyOrderMapping.Count(body.ReduceBy, body.ReduceByFp, "reduce_by", "reduce_by_fp")
                    : ReduceTo(body.ReduceTo, body.ReduceToFp);
            }
            catch (FormatException ex)
            {
                return BadRequest(ex.Message);
            }

            var account = ExchangeContext.Account(ctx);
            var id = new OrderId(orderId);
            var (r, order) = x.Locked(e =>
            {
                var change = by ? e.DecreaseBy(account, id, amount) : e.DecreaseTo(account, id, amount);
                return (change, change.IsOk ? e.GetOrder(account, id) : null);
            });
            return r.IsOk ? Rest.Json(new V1OrderResponse { Order = WireMapper.ToWire(order!) }, json.V1OrderResponse) : Rest.Error(r.Error!);
        });
    }

    /// <summary>Cancels one order: the result and the order as it ends.</summary>
    private static (ExchangeResult<OrderChange> Result, Order? Order) Cancel(MatchingEngine e, AccountId account, string orderId)
    {
        if (string.IsNullOrEmpty(orderId)) return (EngineErrors.BadRequest("order_id is required"), null);
        var id = new OrderId(orderId);
        var r = e.Cancel(account, id);
        return (r, r.IsOk ? e.GetOrder(account, id) : null);
    }

    /// <summary>reduce_to may be zero (cancel), unlike a count.</summary>
    private static Quantity ReduceTo(long? whole, string? fp)
    {
        if (whole is 0 && fp is null) return Quantity.Zero;
        if (whole is { } w && w < 0) throw new FormatException($"reduce_to: must not be negative, was {w}");
        if (whole is null && fp is not null)
        {
            var q = Quantity.Parse(fp, "reduce_to_fp");
            return q.Hundredths < 0 ? throw new FormatException($"reduce_to_fp: must not be negative, was {fp}") : q;
        }

        return LegacyOrderMapping.Count(whole, fp, "reduce_to", "reduce_to_fp");
    }

    private static bool TryParse(V1CreateOrderRequest w, out OrderRequest request, out string error)
    {
        try
        {
            request = LegacyOrderMapping.ToRequest(w);
            error = "";
            return true;
        }
        catch (FormatException ex)
        {
            request = null!;
            error = ex.Message;
            return false;
        }
    }

    private static IResult BadRequest(string message) => Rest.Error(400, "invalid_parameters", message);

    private static ErrorBody ToBody(ExchangeError e) => new() { Code = e.Code, Message = e.Message };

    private static bool Charge(HttpContext ctx, ExchangeContext x, int cost)
    {
        var key = ExchangeContext.Key(ctx);
        return x.Limiter.TryTake(key.KeyId, key.Tier, write: true, cost);
    }
}
