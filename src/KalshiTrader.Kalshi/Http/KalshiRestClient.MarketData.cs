using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Http;

public sealed partial class KalshiRestClient
{
    /// <summary><c>GET /exchange/status</c>.</summary>
    public Task<ExchangeStatusResponse> GetExchangeStatusAsync(CancellationToken cancellationToken) =>
        SendAsync(RestCall.Get("/exchange/status", "/exchange/status"), KalshiRestJsonContext.Default.ExchangeStatusResponse, cancellationToken);

    /// <summary><c>GET /exchange/schedule</c>.</summary>
    public Task<ExchangeScheduleResponse> GetExchangeScheduleAsync(CancellationToken cancellationToken) =>
        SendAsync(RestCall.Get("/exchange/schedule", "/exchange/schedule"), KalshiRestJsonContext.Default.ExchangeScheduleResponse, cancellationToken);

    /// <summary><c>GET /series</c>, optionally by category and tags.</summary>
    public async Task<IReadOnlyList<Series>> GetSeriesListAsync(string? category, IReadOnlyList<string>? tags, CancellationToken cancellationToken)
    {
        var q = new QueryString().Add("category", category).AddList("tags", tags);
        var result = new List<Series>();
        await foreach (var s in PagesAsync("/series", "/series", q, KalshiRestJsonContext.Default.SeriesListResponse,
                           p => p.Series, p => p.Cursor, false, KalshiPageSizes.Markets, null, cancellationToken).ConfigureAwait(false))
        {
            result.Add(MapOne("/series", s, WireMapper.ToSeries));
        }

        return result;
    }

    /// <summary><c>GET /series/{series_ticker}</c>.</summary>
    public async Task<Series> GetSeriesAsync(SeriesTicker ticker, CancellationToken cancellationToken)
    {
        var call = RestCall.Get("/series/{series_ticker}", "/series/" + Escape(ticker.Value));
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.SeriesResponse, cancellationToken).ConfigureAwait(false);
        return Map(call, wire.Series, WireMapper.ToSeries);
    }

    /// <summary><c>GET /events</c> (multivariate events are never included; see <see cref="GetMultivariateEventsAsync"/>).</summary>
    public IAsyncEnumerable<Event> GetEventsAsync(EventQuery query, CancellationToken cancellationToken) =>
        EventsAsync("/events", query, cancellationToken);

    /// <summary><c>GET /events/multivariate</c>.</summary>
    public IAsyncEnumerable<Event> GetMultivariateEventsAsync(EventQuery query, CancellationToken cancellationToken) =>
        EventsAsync("/events/multivariate", query, cancellationToken);

    /// <summary><c>GET /events/{event_ticker}</c>, by default with its markets nested.</summary>
    public async Task<Event> GetEventAsync(EventTicker ticker, CancellationToken cancellationToken, bool withNestedMarkets = true)
    {
        var call = RestCall.Get("/events/{event_ticker}", "/events/" + Escape(ticker.Value),
            new QueryString().Add("with_nested_markets", withNestedMarkets).ToString());
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.EventResponse, cancellationToken).ConfigureAwait(false);
        return Map(call, wire, WireMapper.ToEvent);
    }

    /// <summary><c>GET /markets</c>, every page (1000 per request) up to <see cref="MarketQuery.Limit"/>.</summary>
    public IAsyncEnumerable<Market> GetMarketsAsync(MarketQuery query, CancellationToken cancellationToken) =>
        MarketsAsync("/markets", query, false, cancellationToken);

    /// <summary><c>GET /markets/{ticker}</c>.</summary>
    public async Task<Market> GetMarketAsync(MarketTicker ticker, CancellationToken cancellationToken)
    {
        var call = RestCall.Get("/markets/{ticker}", "/markets/" + Escape(ticker.Value));
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.MarketResponse, cancellationToken).ConfigureAwait(false);
        return Map(call, wire.Market, WireMapper.ToMarket);
    }

    /// <summary><c>GET /markets/{ticker}/orderbook</c>; <paramref name="depth"/> 0 = all levels (max 100).</summary>
    public async Task<OrderBookLevels> GetOrderBookAsync(MarketTicker ticker, CancellationToken cancellationToken, int depth = 0)
    {
        var call = RestCall.Get("/markets/{ticker}/orderbook", "/markets/" + Escape(ticker.Value) + "/orderbook",
            new QueryString().Add("depth", depth > 0 ? depth : null).ToString());
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.OrderbookResponse, cancellationToken).ConfigureAwait(false);
        return Map(call, wire, w => WireMapper.ToOrderBook(ticker, w));
    }

    /// <summary><c>GET /markets/orderbooks</c>, split into calls of at most 100 tickers.</summary>
    public async Task<IReadOnlyList<OrderBookLevels>> GetOrderBooksAsync(IReadOnlyList<MarketTicker> tickers, CancellationToken cancellationToken)
    {
        var result = new List<OrderBookLevels>(tickers.Count);
        foreach (var chunk in tickers.Chunk(KalshiPageSizes.BatchTickers))
        {
            var call = RestCall.Get("/markets/orderbooks", "/markets/orderbooks",
                new QueryString().AddList("tickers", chunk.Select(t => t.Value)).ToString());
            var wire = await SendAsync(call, KalshiRestJsonContext.Default.BatchOrderbooksResponse, cancellationToken).ConfigureAwait(false);
            foreach (var item in wire.Orderbooks) result.Add(Map(call, item, WireMapper.ToOrderBook));
        }

        return result;
    }

    /// <summary><c>GET /markets/trades</c>, newest first as Kalshi returns them.</summary>
    public IAsyncEnumerable<Trade> GetTradesAsync(TradeQuery query, CancellationToken cancellationToken) =>
        TradesAsync("/markets/trades", query, cancellationToken);

    /// <summary><c>GET /series/{s}/markets/{t}/candlesticks</c>.</summary>
    public async Task<IReadOnlyList<Candlestick>> GetCandlesticksAsync(SeriesTicker series, MarketTicker ticker, CandleQuery query, CancellationToken cancellationToken)
    {
        var call = RestCall.Get("/series/{series_ticker}/markets/{ticker}/candlesticks",
            $"/series/{Escape(series.Value)}/markets/{Escape(ticker.Value)}/candlesticks", CandleFilters(query).ToString());
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.CandlesticksResponse, cancellationToken).ConfigureAwait(false);
        return Map(call, wire, w => w.Candlesticks.Select(c => WireMapper.ToCandlestick(ticker, query.PeriodMinutes, c)).ToArray());
    }

    /// <summary><c>GET /markets/candlesticks</c> for many markets (100 tickers per call).</summary>
    public async Task<IReadOnlyDictionary<MarketTicker, IReadOnlyList<Candlestick>>> GetCandlesticksBatchAsync(
        IReadOnlyList<MarketTicker> tickers, CandleQuery query, CancellationToken cancellationToken)
    {
        var result = new Dictionary<MarketTicker, IReadOnlyList<Candlestick>>();
        foreach (var chunk in tickers.Chunk(KalshiPageSizes.BatchTickers))
        {
            var q = CandleFilters(query).AddList("market_tickers", chunk.Select(t => t.Value));
            var call = RestCall.Get("/markets/candlesticks", "/markets/candlesticks", q.ToString());
            var wire = await SendAsync(call, KalshiRestJsonContext.Default.BatchCandlesticksResponse, cancellationToken).ConfigureAwait(false);
            foreach (var m in wire.Markets)
            {
                result[m.MarketTicker] = Map(call, m, x => x.Candlesticks.Select(c => WireMapper.ToCandlestick(x.MarketTicker, query.PeriodMinutes, c)).ToArray());
            }
        }

        return result;
    }

    /// <summary><c>GET /series/{s}/events/{e}/candlesticks</c>: candles of every market in the event.</summary>
    public async Task<IReadOnlyDictionary<MarketTicker, IReadOnlyList<Candlestick>>> GetEventCandlesticksAsync(
        SeriesTicker series, EventTicker eventTicker, CandleQuery query, CancellationToken cancellationToken)
    {
        var call = RestCall.Get("/series/{series_ticker}/events/{ticker}/candlesticks",
            $"/series/{Escape(series.Value)}/events/{Escape(eventTicker.Value)}/candlesticks", CandleFilters(query).ToString());
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.EventCandlesticksResponse, cancellationToken).ConfigureAwait(false);
        if (wire.MarketTickers.Count != wire.MarketCandlesticks.Count)
        {
            throw new KalshiApiException(KalshiApiErrorKind.Decode, "GET", call.Path,
                $"market_tickers has {wire.MarketTickers.Count} entries but market_candlesticks {wire.MarketCandlesticks.Count}");
        }

        var result = new Dictionary<MarketTicker, IReadOnlyList<Candlestick>>();
        for (var i = 0; i < wire.MarketTickers.Count; i++)
        {
            var t = wire.MarketTickers[i];
            result[t] = Map(call, wire.MarketCandlesticks[i], list => list.Select(c => WireMapper.ToCandlestick(t, query.PeriodMinutes, c)).ToArray());
        }

        return result;
    }

    private IAsyncEnumerable<Event> EventsAsync(string path, EventQuery query, CancellationToken cancellationToken)
    {
        var q = new QueryString()
            .Add("status", query.Status)
            .Add("series_ticker", query.SeriesTicker?.Value)
            .AddList("tickers", query.Tickers?.Select(t => t.Value))
            .Add("with_nested_markets", query.WithNestedMarkets ? true : null)
            .Add("with_milestones", query.WithMilestones ? true : null)
            .AddSeconds("min_close_ts", query.MinClose)
            .AddSeconds("min_updated_ts", query.MinUpdated);
        return MapEach(path, PagesAsync(path, path, q, KalshiRestJsonContext.Default.EventsResponse, p => p.Events, p => p.Cursor,
            false, KalshiPageSizes.Events, query.Limit, cancellationToken), WireMapper.ToEvent);
    }

    private IAsyncEnumerable<Market> MarketsAsync(string path, MarketQuery query, bool auth, CancellationToken cancellationToken)
    {
        var q = new QueryString()
            .Add("status", query.Status)
            .Add("event_ticker", query.EventTicker?.Value)
            .Add("series_ticker", query.SeriesTicker?.Value)
            .AddList("tickers", query.Tickers?.Select(t => t.Value))
            .Add("mve_filter", query.Mve switch { MveFilter.Only => "only", MveFilter.Exclude => "exclude", _ => null })
            .AddSeconds("min_created_ts", query.MinCreated)
            .AddSeconds("max_created_ts", query.MaxCreated)
            .AddSeconds("min_close_ts", query.MinClose)
            .AddSeconds("max_close_ts", query.MaxClose)
            .AddSeconds("min_settled_ts", query.MinSettled)
            .AddSeconds("max_settled_ts", query.MaxSettled)
            .AddSeconds("min_updated_ts", query.MinUpdated);
        return MapEach(path, PagesAsync(path, path, q, KalshiRestJsonContext.Default.MarketsResponse, p => p.Markets, p => p.Cursor,
            auth, KalshiPageSizes.Markets, query.Limit, cancellationToken), WireMapper.ToMarket);
    }

    private IAsyncEnumerable<Trade> TradesAsync(string path, TradeQuery query, CancellationToken cancellationToken)
    {
        var q = new QueryString()
            .Add("ticker", query.Ticker?.Value)
            .AddSeconds("min_ts", query.Min)
            .AddSeconds("max_ts", query.Max)
            .Add("is_block_trade", query.IsBlockTrade);
        var now = _time.GetUtcNow();
        return MapEach(path, PagesAsync(path, path, q, KalshiRestJsonContext.Default.TradesResponse, p => p.Trades, p => p.Cursor,
            false, KalshiPageSizes.Trades, query.Limit, cancellationToken), w => WireMapper.ToTrade(w, now));
    }

    private static QueryString CandleFilters(CandleQuery query)
    {
        if (query.PeriodMinutes is not (1 or 60 or 1440))
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PeriodMinutes, "period must be 1, 60 or 1440 minutes");
        }

        return new QueryString()
            .AddSeconds("start_ts", query.Start)
            .AddSeconds("end_ts", query.End)
            .Add("period_interval", query.PeriodMinutes)
            .Add("include_latest_before_start", query.IncludeLatestBeforeStart ? true : null);
    }

    private static async IAsyncEnumerable<TOut> MapEach<TIn, TOut>(string path, IAsyncEnumerable<TIn> source, Func<TIn, TOut> map)
    {
        var call = RestCall.Get(path, path);
        await foreach (var item in source.ConfigureAwait(false)) yield return Map(call, item, map);
    }

    private static TOut MapOne<TIn, TOut>(string path, TIn wire, Func<TIn, TOut> map) => Map(RestCall.Get(path, path), wire, map);
}
