using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiTrader.Exchange.Server;

/// <summary>The V2 order writes and order groups, parsed and answered through the Kalshi adapter's wire types.</summary>
internal static class OrderEndpoints
{
    public static void Map(RouteGroupBuilder auth, ExchangeContext x)
    {
        var json = KalshiRestJsonContext.Default;

        auth.MapPost("/portfolio/events/orders", async (HttpContext ctx) =>
        {
            var (body, problem) = await Rest.ReadBody(ctx, json.CreateOrderV2Request).ConfigureAwait(false);
            if (problem is not null) return problem;
            if (ParseOrder(body!, out var request) is { } bad) return bad;
            // The engine answers with a value; the ack and its id string are built after the lock is released.
            var result = x.Locked(e => e.Place(ExchangeContext.Account(ctx), request!));
            return result.IsOk ? Rest.Json(WireMapper.ToWire(result.Value.ToAck()), json.CreateOrderV2Response, 201) : Rest.Error(result.Error!);
        });

        auth.MapPost("/portfolio/events/orders/batched", async (HttpContext ctx) =>
        {
            var (body, problem) = await Rest.ReadBody(ctx, json.BatchCreateOrdersV2Request).ConfigureAwait(false);
            if (problem is not null) return problem;
            if (body!.Orders.Count == 0) return Rest.Error(400, "invalid_parameters", "orders must not be empty");
            if (!Charge(ctx, x, body.Orders.Count * 10)) return Rest.TooManyRequests();
            var items = new List<BatchCreateOrderV2Item>();
            foreach (var w in body.Orders)
            {
                if (ParseOrder(w, out var request, out var parseError) is not null)
                {
                    items.Add(new BatchCreateOrderV2Item { ClientOrderId = w.ClientOrderId, Error = new ErrorBody { Code = "invalid_parameters", Message = parseError } });
                    continue;
                }

                var r = x.Locked(e => e.Place(ExchangeContext.Account(ctx), request!));
                if (r.IsOk)
                {
                    var ack = WireMapper.ToWire(r.Value.ToAck());
                    items.Add(new BatchCreateOrderV2Item
                    {
                        OrderId = ack.OrderId, ClientOrderId = ack.ClientOrderId, FillCount = ack.FillCount, RemainingCount = ack.RemainingCount,
                        AverageFillPrice = ack.AverageFillPrice, AverageFeePaid = ack.AverageFeePaid, TsMs = ack.TsMs,
                    });
                }
                else
                {
                    items.Add(new BatchCreateOrderV2Item { ClientOrderId = w.ClientOrderId, Error = ToBody(r.Error!) });
                }
            }

            return Rest.Json(new BatchCreateOrdersV2Response { Orders = items }, json.BatchCreateOrdersV2Response, 201);
        });

        auth.MapDelete("/portfolio/events/orders/batched", async (HttpContext ctx) =>
        {
            var (body, problem) = await Rest.ReadBody(ctx, json.BatchCancelOrdersV2Request).ConfigureAwait(false);
            if (problem is not null) return problem;
            if (body!.Orders.Count == 0) return Rest.Error(400, "invalid_parameters", "orders must not be empty");
            if (!Charge(ctx, x, body.Orders.Count * 2)) return Rest.TooManyRequests();
            var results = x.Locked(e => e.CancelBatch(ExchangeContext.Account(ctx), body.Orders.Select(o => new OrderId(o.OrderId)).ToArray()));
            var items = body.Orders.Select((o, i) => results[i].IsOk
                ? new BatchCancelOrderV2Item
                {
                    OrderId = o.OrderId, ClientOrderId = results[i].Value!.ClientOrderId?.Value,
                    ReducedBy = results[i].Value!.ReducedBy.ToFpString(), TsMs = results[i].Value!.Time.ToUnixTimeMilliseconds(),
                }
                : new BatchCancelOrderV2Item { OrderId = o.OrderId, Error = ToBody(results[i].Error!) }).ToList();
            return Rest.Json(new BatchCancelOrdersV2Response { Orders = items }, json.BatchCancelOrdersV2Response);
        });

        auth.MapDelete("/portfolio/events/orders", (HttpContext ctx) =>
        {
            if (Rest.Query(ctx.Request, "subaccount") is { } sub && sub != "0") return Rest.Error(400, "invalid_parameters", $"subaccount {sub} does not exist");
            x.Locked(e => e.CancelAll(ExchangeContext.Account(ctx)));
            return Results.NoContent();
        });

        auth.MapDelete("/portfolio/events/orders/{orderId}", (HttpContext ctx, string orderId) =>
        {
            var r = x.Locked(e => e.Cancel(ExchangeContext.Account(ctx), new OrderId(orderId)));
            return r.IsOk ? Rest.Json(WireMapper.ToCancelWire(r.Value!), json.CancelOrderV2Response) : Rest.Error(r.Error!);
        });

        auth.MapPost("/portfolio/events/orders/{orderId}/amend", async (HttpContext ctx, string orderId) =>
        {
            var (body, problem) = await Rest.ReadBody(ctx, json.AmendOrderV2Request).ConfigureAwait(false);
            if (problem is not null) return problem;
            OrderSide side;
            Price price;
            Quantity count;
            try
            {
                side = WireMapper.ParseOrderSide(body!.Side, "amend", "side");
                price = Price.Parse(body.Price, "price");
                count = Quantity.Parse(body.Count, "count");
            }
            catch (FormatException ex)
            {
                return Rest.Error(400, "invalid_parameters", ex.Message);
            }

            var account = ExchangeContext.Account(ctx);
            var (r, order) = x.Locked(e =>
            {
                var existing = e.GetOrder(account, new OrderId(orderId));
                if (existing is not null && existing.Ticker.Value != body.Ticker)
                {
                    return (ExchangeResult<OrderChange>.Fail(EngineErrors.BadRequest($"ticker {body.Ticker} does not match order {orderId}'s market {existing.Ticker}")), null);
                }

                var change = e.Amend(account, new OrderId(orderId), side, price, count,
                    string.IsNullOrEmpty(body.UpdatedClientOrderId) ? null : new ClientOrderId(body.UpdatedClientOrderId));
                return (change, change.IsOk ? e.GetOrder(account, new OrderId(orderId)) : null);
            });
            return r.IsOk ? Rest.Json(WireMapper.ToAmendWire(order!, r.Value!.Time), json.AmendOrderV2Response) : Rest.Error(r.Error!);
        });

        auth.MapPost("/portfolio/events/orders/{orderId}/decrease", async (HttpContext ctx, string orderId) =>
        {
            var (body, problem) = await Rest.ReadBody(ctx, json.DecreaseOrderV2Request).ConfigureAwait(false);
            if (problem is not null) return problem;
            if ((body!.ReduceBy is null) == (body.ReduceTo is null)) return Rest.Error(400, "invalid_parameters", "send exactly one of reduce_by or reduce_to");
            Quantity amount;
            try
            {
                amount = Quantity.Parse(body.ReduceBy ?? body.ReduceTo, body.ReduceBy is null ? "reduce_to" : "reduce_by");
            }
            catch (FormatException ex)
            {
                return Rest.Error(400, "invalid_parameters", ex.Message);
            }

            var account = ExchangeContext.Account(ctx);
            var r = x.Locked(e => body.ReduceBy is not null ? e.DecreaseBy(account, new OrderId(orderId), amount) : e.DecreaseTo(account, new OrderId(orderId), amount));
            return r.IsOk ? Rest.Json(WireMapper.ToDecreaseWire(r.Value!), json.DecreaseOrderV2Response) : Rest.Error(r.Error!);
        });

        MapOrderGroups(auth, x);
    }

    private static void MapOrderGroups(RouteGroupBuilder auth, ExchangeContext x)
    {
        var json = KalshiRestJsonContext.Default;

        auth.MapPost("/portfolio/order_groups/create", async (HttpContext ctx) =>
        {
            var (body, problem) = await Rest.ReadBody(ctx, json.CreateOrderGroupRequest).ConfigureAwait(false);
            if (problem is not null) return problem;
            if (LimitOf(body!.ContractsLimitFp, body.ContractsLimit, out var limit) is { } bad) return bad;
            var r = x.Locked(e => e.CreateOrderGroup(ExchangeContext.Account(ctx), limit));
            return r.IsOk ? Rest.Json(new CreateOrderGroupResponse { OrderGroupId = r.Value!, Subaccount = 0 }, json.CreateOrderGroupResponse, 201) : Rest.Error(r.Error!);
        });

        auth.MapGet("/portfolio/order_groups", (HttpContext ctx) =>
        {
            var groups = x.Locked(e => e.GetOrderGroups(ExchangeContext.Account(ctx)));
            return Rest.Json(new OrderGroupsResponse
            {
                OrderGroups = groups.Select(g => new OrderGroupWire
                {
                    Id = g.Id, OrderGroupId = g.Id, IsAutoCancelEnabled = !g.IsTriggered, ContractsLimitFp = g.ContractsLimit.ToFpString(),
                }).ToList(),
            }, json.OrderGroupsResponse);
        });

        auth.MapGet("/portfolio/order_groups/{groupId}", (HttpContext ctx, string groupId) =>
        {
            var r = x.Locked(e => e.GetOrderGroup(ExchangeContext.Account(ctx), groupId));
            if (!r.IsOk) return Rest.Error(r.Error!);
            var g = r.Value!;
            return Rest.Json(new OrderGroupResponse
            {
                IsAutoCancelEnabled = !g.IsTriggered, ContractsLimitFp = g.ContractsLimit.ToFpString(), Orders = g.OrderIds.ToList(),
            }, json.OrderGroupResponse);
        });

        auth.MapPut("/portfolio/order_groups/{groupId}/reset", (HttpContext ctx, string groupId) =>
            Empty(x.Locked(e => e.ResetOrderGroup(ExchangeContext.Account(ctx), groupId))));

        auth.MapPut("/portfolio/order_groups/{groupId}/trigger", (HttpContext ctx, string groupId) =>
            Empty(x.Locked(e => e.TriggerOrderGroup(ExchangeContext.Account(ctx), groupId))));

        auth.MapPut("/portfolio/order_groups/{groupId}/limit", async (HttpContext ctx, string groupId) =>
        {
            var (body, problem) = await Rest.ReadBody(ctx, json.SetOrderGroupLimitRequest).ConfigureAwait(false);
            if (problem is not null) return problem;
            if (LimitOf(body!.ContractsLimitFp, body.ContractsLimit, out var limit) is { } bad) return bad;
            return Empty(x.Locked(e => e.UpdateOrderGroupLimit(ExchangeContext.Account(ctx), groupId, limit)));
        });

        auth.MapDelete("/portfolio/order_groups/{groupId}", (HttpContext ctx, string groupId) =>
            Empty(x.Locked(e => e.DeleteOrderGroup(ExchangeContext.Account(ctx), groupId))));
    }

    private static IResult Empty(ExchangeResult<OrderGroupInfo> r) =>
        r.IsOk ? Rest.Json(new EmptyResponse(), KalshiRestJsonContext.Default.EmptyResponse) : Rest.Error(r.Error!);

    private static IResult? LimitOf(string? fp, long? whole, out Quantity limit)
    {
        limit = default;
        try
        {
            if (fp is not null) limit = Quantity.Parse(fp, "contracts_limit_fp");
            else if (whole is { } w) limit = Quantity.FromContracts(w);
            else return Rest.Error(400, "invalid_parameters", "contracts_limit_fp (or contracts_limit) is required");
            return null;
        }
        catch (FormatException ex)
        {
            return Rest.Error(400, "invalid_parameters", ex.Message);
        }
    }

    private static IResult? ParseOrder(CreateOrderV2Request w, out OrderRequest? request) => ParseOrder(w, out request, out _);

    private static IResult? ParseOrder(CreateOrderV2Request w, out OrderRequest? request, out string? error)
    {
        request = null;
        error = null;
        if (w.ExchangeIndex is { } ix && ix is not (0 or -1))
        {
            error = $"exchange_index {ix} does not exist (the local exchange has one, 0)";
            return Rest.Error(400, "invalid_parameters", error);
        }

        if (w.ExpirationTime is not null && w.TimeInForce != "good_till_canceled")
        {
            error = "expiration_time is only allowed with time_in_force good_till_canceled";
            return Rest.Error(400, "invalid_parameters", error);
        }

        try
        {
            request = WireMapper.ToOrderRequest(w);
            return null;
        }
        catch (FormatException ex)
        {
            error = ex.Message;
            return Rest.Error(400, "invalid_parameters", ex.Message);
        }
        catch (ArgumentException ex)
        {
            error = ex.Message;
            return Rest.Error(400, "invalid_parameters", ex.Message);
        }
    }

    private static ErrorBody ToBody(ExchangeError e) => new() { Code = e.Code, Message = e.Message };

    private static bool Charge(HttpContext ctx, ExchangeContext x, int cost)
    {
        var key = ExchangeContext.Key(ctx);
        return x.Limiter.TryTake(key.KeyId, key.Tier, write: true, cost);
    }
}
