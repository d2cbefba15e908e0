using System.Globalization;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiTrader.Exchange.Server;

/// <summary>Authenticated reads: balance, positions, fills, settlements, orders, queue positions, account limits.</summary>
internal static class PortfolioEndpoints
{
    public static void Map(RouteGroupBuilder auth, ExchangeContext x)
    {
        var json = KalshiRestJsonContext.Default;

        auth.MapGet("/portfolio/balance", (HttpContext ctx) =>
        {
            var balance = x.Locked(e => e.GetBalance(ExchangeContext.Account(ctx)))!;
            return Rest.Json(WireMapper.ToWire(balance), json.BalanceResponse);
        });

        auth.MapGet("/portfolio/positions", (HttpContext ctx) =>
        {
            var req = ctx.Request;
            var ticker = Rest.Query(req, "ticker");
            var eventTicker = Rest.Query(req, "event_ticker");
            var filter = Rest.Query(req, "count_filter")?.Split(',', StringSplitOptions.TrimEntries) ?? [];
            var account = ExchangeContext.Account(ctx);
            var (positions, events) = x.Locked(e => (e.GetPositions(account), e.GetEventPositions(account)));
            var eventOf = x.Locked(e => e.GetMarkets().ToDictionary(m => m.Ticker.Value, m => m.EventTicker.Value));
            var selected = positions
                .Where(p => ticker is null || p.Ticker.Value == ticker)
                .Where(p => eventTicker is null || eventOf[p.Ticker.Value] == eventTicker)
                .Where(p => filter.Length == 0
                    || (filter.Contains("position") && !p.Position.IsZero)
                    || (filter.Contains("total_traded") && p.TotalTraded.Micros != 0))
                .ToArray();
            if (!Rest.TryPage(req, selected, 100, 1000, out var page, out var cursor, out var problem)) return problem!;
            return Rest.Json(new PositionsResponse
            {
                MarketPositions = page.Select(WireMapper.ToWire).ToList(),
                EventPositions = events.Where(ev => eventTicker is null || ev.EventTicker.Value == eventTicker).Select(WireMapper.ToWire).ToList(),
                Cursor = cursor,
            }, json.PositionsResponse);
        });

        auth.MapGet("/portfolio/fills", (HttpContext ctx) =>
        {
            var req = ctx.Request;
            var ticker = Rest.Query(req, "ticker");
            var orderId = Rest.Query(req, "order_id");
            var fills = x.Locked(e => e.GetFills(ExchangeContext.Account(ctx), ticker is null ? (MarketTicker?)null : new MarketTicker(ticker),
                orderId is null ? (OrderId?)null : new OrderId(orderId), Rest.UnixSeconds(req, "min_ts"), Rest.UnixSeconds(req, "max_ts")));
            if (!Rest.TryPage(req, fills, 100, 1000, out var page, out var cursor, out var problem)) return problem!;
            return Rest.Json(new FillsResponse { Fills = page.Select(WireMapper.ToWire).ToList(), Cursor = cursor }, json.FillsResponse);
        });

        auth.MapGet("/portfolio/settlements", (HttpContext ctx) =>
        {
            var req = ctx.Request;
            var ticker = Rest.Query(req, "ticker");
            var all = x.Locked(e => e.GetSettlements(ExchangeContext.Account(ctx))).Where(s => ticker is null || s.Ticker.Value == ticker).ToArray();
            if (!Rest.TryPage(req, all, 100, 1000, out var page, out var cursor, out var problem)) return problem!;
            return Rest.Json(new SettlementsResponse { Settlements = page.Select(WireMapper.ToWire).ToList(), Cursor = cursor }, json.SettlementsResponse);
        });

        auth.MapGet("/portfolio/orders", (HttpContext ctx) =>
        {
            var req = ctx.Request;
            var ticker = Rest.Query(req, "ticker");
            var events = Rest.Query(req, "event_ticker")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => new EventTicker(t)).ToArray();
            if (events is { Length: > 10 }) return Rest.Error(400, "invalid_parameters", "event_ticker takes at most 10 tickers");
            OrderStatus? status = null;
            if (Rest.Query(req, "status") is { } s)
            {
                status = s switch
                {
                    "resting" => OrderStatus.Resting,
                    "canceled" => OrderStatus.Canceled,
                    "executed" => OrderStatus.Executed,
                    _ => null,
                };
                if (status is null) return Rest.Error(400, "invalid_parameters", $"status must be resting, canceled or executed; was '{s}'");
            }

            var orders = x.Locked(e => e.GetOrders(ExchangeContext.Account(ctx), ticker is null ? (MarketTicker?)null : new MarketTicker(ticker), events, status,
                Rest.UnixSeconds(req, "min_ts"), Rest.UnixSeconds(req, "max_ts")));
            if (!Rest.TryPage(req, orders, 100, 1000, out var page, out var cursor, out var problem)) return problem!;
            return Rest.Json(new OrdersResponse { Orders = page.Select(WireMapper.ToWire).ToList(), Cursor = cursor }, json.OrdersResponse);
        });

        auth.MapGet("/portfolio/orders/queue_positions", (HttpContext ctx) =>
        {
            var tickers = Rest.Query(ctx.Request, "market_tickers")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            var account = ExchangeContext.Account(ctx);
            var items = x.Locked(e => e.GetOrders(account, status: OrderStatus.Resting)
                .Where(o => tickers is null || tickers.Contains(o.Ticker.Value))
                .Select(o => new OrderQueuePositionWire
                {
                    OrderId = o.Id.Value, MarketTicker = o.Ticker.Value,
                    QueuePositionFp = (e.GetQueuePosition(account, o.Id) ?? Quantity.Zero).ToFpString(),
                })
                .ToList());
            return Rest.Json(new QueuePositionsResponse { QueuePositions = items }, json.QueuePositionsResponse);
        });

        auth.MapGet("/portfolio/orders/{orderId}", (HttpContext ctx, string orderId) =>
            x.Locked(e => e.GetOrder(ExchangeContext.Account(ctx), new OrderId(orderId))) is { } o
                ? Rest.Json(new OrderResponse { Order = WireMapper.ToWire(o) }, json.OrderResponse)
                : Rest.Error(404, "order_not_found", $"order {orderId} not found"));

        auth.MapGet("/portfolio/orders/{orderId}/queue_position", (HttpContext ctx, string orderId) =>
        {
            var (order, position) = x.Locked(e => (e.GetOrder(ExchangeContext.Account(ctx), new OrderId(orderId)), e.GetQueuePosition(ExchangeContext.Account(ctx), new OrderId(orderId))));
            if (order is null) return Rest.Error(404, "order_not_found", $"order {orderId} not found");
            if (position is null) return Rest.Error(400, "order_not_resting", $"order {orderId} is not resting");
            return Rest.Json(new QueuePositionResponse { QueuePositionFp = position.Value.ToFpString() }, json.QueuePositionResponse);
        });

        auth.MapGet("/account/limits", (HttpContext ctx) =>
        {
            var key = ExchangeContext.Key(ctx);
            RateLimitTiers.TryGet(key.Tier, out var budget);
            return Rest.Json(new AccountLimitsResponse
            {
                UsageTier = key.Tier,
                Read = new TokenBucketWire { RefillRate = budget.Read, BucketCapacity = budget.Read },
                Write = new TokenBucketWire { RefillRate = budget.Write, BucketCapacity = RateLimitTiers.WriteCapacity(key.Tier, budget.Write) },
            }, json.AccountLimitsResponse);
        });

        auth.MapGet("/account/endpoint_costs", () => Rest.Json(new EndpointCostsResponse
        {
            DefaultCost = EndpointCosts.Default,
            EndpointCosts = EndpointCosts.Table.Select(e => new EndpointCostWire { Method = e.Method, Path = e.Path, Cost = e.Cost }).ToList(),
        }, json.EndpointCostsResponse));
    }

    internal static string Fp(long hundredths) => Quantity.FromHundredths(hundredths).ToFpString();

    internal static string Inv(long v) => v.ToString(CultureInfo.InvariantCulture);
}
