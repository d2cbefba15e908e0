using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Http;

public sealed partial class KalshiRestClient
{
    /// <summary><c>GET /historical/cutoff</c>: records older than these live only under /historical.</summary>
    public Task<HistoricalCutoffResponse> GetHistoricalCutoffAsync(CancellationToken cancellationToken) =>
        SendAsync(RestCall.Get("/historical/cutoff", "/historical/cutoff"), KalshiRestJsonContext.Default.HistoricalCutoffResponse, cancellationToken);

    /// <summary><c>GET /historical/markets</c>.</summary>
    public IAsyncEnumerable<Market> GetHistoricalMarketsAsync(MarketQuery query, CancellationToken cancellationToken) =>
        MarketsAsync("/historical/markets", query, false, cancellationToken);

    /// <summary><c>GET /historical/markets/{ticker}</c>.</summary>
    public async Task<Market> GetHistoricalMarketAsync(MarketTicker ticker, CancellationToken cancellationToken)
    {
        var call = RestCall.Get("/historical/markets/{ticker}", "/historical/markets/" + Escape(ticker.Value));
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.MarketResponse, cancellationToken).ConfigureAwait(false);
        return Map(call, wire.Market, WireMapper.ToMarket);
    }

    /// <summary><c>GET /historical/markets/{ticker}/candlesticks</c>.</summary>
    public async Task<IReadOnlyList<Candlestick>> GetHistoricalCandlesticksAsync(MarketTicker ticker, CandleQuery query, CancellationToken cancellationToken)
    {
        var call = RestCall.Get("/historical/markets/{ticker}/candlesticks", $"/historical/markets/{Escape(ticker.Value)}/candlesticks", CandleFilters(query).ToString());
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.CandlesticksResponse, cancellationToken).ConfigureAwait(false);
        return Map(call, wire, w => w.Candlesticks.Select(c => WireMapper.ToCandlestick(ticker, query.PeriodMinutes, c)).ToArray());
    }

    /// <summary><c>GET /historical/trades</c>.</summary>
    public IAsyncEnumerable<Trade> GetHistoricalTradesAsync(TradeQuery query, CancellationToken cancellationToken) =>
        TradesAsync("/historical/trades", query, cancellationToken);

    /// <summary><c>GET /historical/fills</c> (authenticated).</summary>
    public IAsyncEnumerable<Fill> GetHistoricalFillsAsync(FillQuery query, CancellationToken cancellationToken) =>
        FillsAsync("/historical/fills", query, cancellationToken);

    /// <summary><c>GET /historical/orders</c> (authenticated).</summary>
    public IAsyncEnumerable<Order> GetHistoricalOrdersAsync(OrderListQuery query, CancellationToken cancellationToken) =>
        OrdersAsync("/historical/orders", query, cancellationToken);
}
