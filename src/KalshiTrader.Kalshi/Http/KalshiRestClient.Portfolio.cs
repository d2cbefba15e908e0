using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Http;

public sealed partial class KalshiRestClient
{
    /// <summary><c>GET /account/limits</c> (authenticated).</summary>
    public Task<AccountLimitsResponse> GetAccountLimitsAsync(CancellationToken cancellationToken) =>
        SendAsync(RestCall.Get("/account/limits", "/account/limits", auth: true), KalshiRestJsonContext.Default.AccountLimitsResponse, cancellationToken);

    /// <summary><c>GET /account/endpoint_costs</c> (authenticated).</summary>
    public Task<EndpointCostsResponse> GetEndpointCostsAsync(CancellationToken cancellationToken) =>
        SendAsync(RestCall.Get("/account/endpoint_costs", "/account/endpoint_costs", auth: true), KalshiRestJsonContext.Default.EndpointCostsResponse, cancellationToken);

    /// <summary><c>GET /portfolio/balance</c>.</summary>
    public async Task<Balance> GetBalanceAsync(CancellationToken cancellationToken, int? subaccount = null)
    {
        var call = RestCall.Get("/portfolio/balance", "/portfolio/balance", new QueryString().Add("subaccount", subaccount).ToString(), auth: true);
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.BalanceResponse, cancellationToken).ConfigureAwait(false);
        return Map(call, wire, WireMapper.ToBalance);
    }

    /// <summary><c>GET /portfolio/positions</c>, all pages.</summary>
    public async Task<PortfolioPositions> GetPositionsAsync(PositionQuery query, CancellationToken cancellationToken)
    {
        var q = new QueryString()
            .Add("ticker", query.Ticker?.Value)
            .Add("event_ticker", query.EventTicker?.Value)
            .Add("count_filter", query.CountFilter)
            .Add("subaccount", query.Subaccount);
        var markets = new List<MarketPosition>();
        var events = new List<EventPosition>();
        var call = RestCall.Get("/portfolio/positions", "/portfolio/positions", auth: true);
        // One page carries both lists, so page through pages rather than items.
        await foreach (var page in PagesAsync("/portfolio/positions", "/portfolio/positions", q, KalshiRestJsonContext.Default.PositionsResponse,
                           p => new[] { p }, p => p.Cursor, true, KalshiPageSizes.Portfolio, null, cancellationToken).ConfigureAwait(false))
        {
            markets.AddRange(page.MarketPositions.Select(p => Map(call, p, WireMapper.ToMarketPosition)));
            events.AddRange(page.EventPositions.Select(p => Map(call, p, WireMapper.ToEventPosition)));
        }

        return new PortfolioPositions(markets, events);
    }

    /// <summary><c>GET /portfolio/fills</c>, newest first.</summary>
    public IAsyncEnumerable<Fill> GetFillsAsync(FillQuery query, CancellationToken cancellationToken) =>
        FillsAsync("/portfolio/fills", query, cancellationToken);

    /// <summary><c>GET /portfolio/settlements</c>.</summary>
    public IAsyncEnumerable<Settlement> GetSettlementsAsync(SettlementQuery query, CancellationToken cancellationToken)
    {
        var q = new QueryString()
            .Add("ticker", query.Ticker?.Value)
            .Add("event_ticker", query.EventTicker?.Value)
            .AddSeconds("min_ts", query.Min)
            .AddSeconds("max_ts", query.Max)
            .Add("subaccount", query.Subaccount);
        const string path = "/portfolio/settlements";
        return MapEach(path, PagesAsync(path, path, q, KalshiRestJsonContext.Default.SettlementsResponse, p => p.Settlements, p => p.Cursor,
            true, KalshiPageSizes.Portfolio, query.Limit, cancellationToken), WireMapper.ToSettlement);
    }

    /// <summary><c>GET /portfolio/orders</c>.</summary>
    public IAsyncEnumerable<Order> GetOrdersAsync(OrderListQuery query, CancellationToken cancellationToken) =>
        OrdersAsync("/portfolio/orders", query, cancellationToken);

    /// <summary><c>GET /portfolio/orders/{order_id}</c>.</summary>
    public async Task<Order> GetOrderAsync(OrderId orderId, CancellationToken cancellationToken)
    {
        var call = RestCall.Get("/portfolio/orders/{order_id}", "/portfolio/orders/" + Escape(orderId.Value), auth: true);
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.OrderResponse, cancellationToken).ConfigureAwait(false);
        return Map(call, wire.Order, WireMapper.ToOrder);
    }

    /// <summary><c>GET /portfolio/orders/{order_id}/queue_position</c>: contracts ahead of the order.</summary>
    public async Task<Quantity> GetQueuePositionAsync(OrderId orderId, CancellationToken cancellationToken)
    {
        var call = RestCall.Get("/portfolio/orders/{order_id}/queue_position", $"/portfolio/orders/{Escape(orderId.Value)}/queue_position", auth: true);
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.QueuePositionResponse, cancellationToken).ConfigureAwait(false);
        return Map(call, wire, w => WireMapper.ParseQuantity(w.QueuePositionFp, w.QueuePosition, "order " + orderId.Value, "queue_position_fp"));
    }

    /// <summary><c>GET /portfolio/orders/queue_positions</c> for your resting orders in these markets.</summary>
    public async Task<IReadOnlyDictionary<OrderId, Quantity>> GetQueuePositionsAsync(IReadOnlyList<MarketTicker> tickers, CancellationToken cancellationToken)
    {
        var call = RestCall.Get("/portfolio/orders/queue_positions", "/portfolio/orders/queue_positions",
            new QueryString().AddList("market_tickers", tickers.Select(t => t.Value)).ToString(), auth: true);
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.QueuePositionsResponse, cancellationToken).ConfigureAwait(false);
        return Map(call, wire, w => w.QueuePositions.ToDictionary(
            p => new OrderId(p.OrderId),
            p => WireMapper.ParseQuantity(p.QueuePositionFp, p.QueuePosition, "order " + p.OrderId, "queue_position_fp")));
    }

    private IAsyncEnumerable<Order> OrdersAsync(string path, OrderListQuery query, CancellationToken cancellationToken)
    {
        var q = new QueryString()
            .Add("ticker", query.Ticker?.Value)
            .AddList("event_ticker", query.EventTickers?.Select(e => e.Value))
            .Add("status", query.Status is { } s ? WireMapper.ToWire(s) : null)
            .AddSeconds("min_ts", query.Min)
            .AddSeconds("max_ts", query.Max)
            .Add("subaccount", query.Subaccount);
        return MapEach(path, PagesAsync(path, path, q, KalshiRestJsonContext.Default.OrdersResponse, p => p.Orders, p => p.Cursor,
            true, KalshiPageSizes.Portfolio, query.Limit, cancellationToken), WireMapper.ToOrder);
    }

    private IAsyncEnumerable<Fill> FillsAsync(string path, FillQuery query, CancellationToken cancellationToken)
    {
        var q = new QueryString()
            .Add("ticker", query.Ticker?.Value)
            .Add("order_id", query.OrderId?.Value)
            .AddSeconds("min_ts", query.Min)
            .AddSeconds("max_ts", query.Max)
            .Add("subaccount", query.Subaccount);
        return MapEach(path, PagesAsync(path, path, q, KalshiRestJsonContext.Default.FillsResponse, p => p.Fills, p => p.Cursor,
            true, KalshiPageSizes.Portfolio, query.Limit, cancellationToken), WireMapper.ToFill);
    }
}
