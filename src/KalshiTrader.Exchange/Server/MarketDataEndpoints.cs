using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiTrader.Exchange.Server;

/// <summary>Kalshi's public market-data endpoints (no auth), answered from the engine in Kalshi's JSON.</summary>
internal static class MarketDataEndpoints
{
    public static void Map(RouteGroupBuilder v2, ExchangeContext x)
    {
        var json = KalshiRestJsonContext.Default;

        v2.MapGet("/exchange/status", () => Rest.Json(new ExchangeStatusResponse { ExchangeActive = true, TradingActive = true }, json.ExchangeStatusResponse));
        v2.MapGet("/exchange/schedule", () => Rest.Json(new ExchangeScheduleResponse(), json.ExchangeScheduleResponse));

        v2.MapGet("/markets", (HttpRequest req) =>
        {
            var eventTicker = Rest.Query(req, "event_ticker");
            var seriesTicker = Rest.Query(req, "series_ticker");
            var tickers = Rest.Query(req, "tickers")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            var status = Rest.Query(req, "status");
            if (status is not null && StatusFilter(status) is null) return Rest.Error(400, "invalid_parameters", $"status must be unopened, open, paused, closed or settled; was '{status}'");
            var all = x.Locked(e => e.GetMarkets()
                .Where(m => eventTicker is null || m.EventTicker.Value == eventTicker)
                .Where(m => seriesTicker is null || SeriesOf(e, m) == seriesTicker)
                .Where(m => tickers is null || tickers.Contains(m.Ticker.Value))
                .Where(m => status is null || StatusFilter(status)!(m.Status))
                .ToArray());
            if (!Rest.TryPage(req, all, 100, 1000, out var page, out var cursor, out var problem)) return problem!;
            return Rest.Json(new MarketsResponse { Markets = page.Select(WireMapper.ToWire).ToList(), Cursor = cursor }, json.MarketsResponse);
        });

        v2.MapGet("/markets/trades", (HttpRequest req) =>
        {
            var ticker = Rest.Query(req, "ticker");
            var trades = x.Locked(e => e.GetTrades(ticker is null ? (MarketTicker?)null : new MarketTicker(ticker), Rest.UnixSeconds(req, "min_ts"), Rest.UnixSeconds(req, "max_ts")));
            if (!Rest.TryPage(req, trades, 100, 1000, out var page, out var cursor, out var problem)) return problem!;
            return Rest.Json(new TradesResponse { Trades = page.Select(WireMapper.ToWire).ToList(), Cursor = cursor }, json.TradesResponse);
        });

        CandlestickEndpoints.Map(v2, x);

        v2.MapGet("/markets/orderbooks", (HttpRequest req) =>
        {
            var tickers = Rest.Query(req, "tickers")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            if (tickers.Length == 0) return Rest.Error(400, "invalid_parameters", "tickers is required (comma-separated market tickers)");
            var books = x.Locked(e => tickers.Select(t => e.GetBook(t)).ToArray());
            var missing = tickers.Where((t, i) => books[i] is null).ToArray();
            if (missing.Length > 0) return Rest.NotFound($"markets not found: {string.Join(",", missing)}");
            return Rest.Json(new BatchOrderbooksResponse
            {
                Orderbooks = books.Select(b => new TickerOrderbookWire { Ticker = b!.Ticker.Value, OrderbookFp = Book(b) }).ToList(),
            }, json.BatchOrderbooksResponse);
        });

        v2.MapGet("/markets/{ticker}", (string ticker) =>
            x.Locked(e => e.GetMarket(ticker)) is { } m
                ? Rest.Json(new MarketResponse { Market = WireMapper.ToWire(m) }, json.MarketResponse)
                : Rest.NotFound($"market {ticker} not found"));

        v2.MapGet("/markets/{ticker}/orderbook", (string ticker, HttpRequest req) =>
        {
            var depth = 0;
            if (Rest.Query(req, "depth") is { } d && (!int.TryParse(d, out depth) || depth is < 0 or > 100))
            {
                return Rest.Error(400, "invalid_parameters", "depth must be an integer from 0 (all levels) to 100");
            }

            return x.Locked(e => e.GetBook(ticker, depth)) is { } book
                ? Rest.Json(new OrderbookResponse { OrderbookFp = Book(book) }, json.OrderbookResponse)
                : Rest.NotFound($"market {ticker} not found");
        });

        v2.MapGet("/events", (HttpRequest req) =>
        {
            var seriesTicker = Rest.Query(req, "series_ticker");
            var nested = Rest.Flag(req, "with_nested_markets");
            var status = Rest.Query(req, "status");
            if (status is not null && StatusFilter(status) is null) return Rest.Error(400, "invalid_parameters", $"status must be unopened, open, closed or settled; was '{status}'");
            var tickers = Rest.Query(req, "tickers")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            var events = x.Locked(e => e.GetEvents(withMarkets: true))
                .Where(ev => seriesTicker is null || ev.SeriesTicker.Value == seriesTicker)
                .Where(ev => tickers is null || tickers.Contains(ev.Ticker.Value))
                .Where(ev => status is null || ev.Markets.Any(m => StatusFilter(status)!(m.Status)))
                .ToArray();
            if (!Rest.TryPage(req, events, 200, 200, out var page, out var cursor, out var problem)) return problem!;
            return Rest.Json(new EventsResponse { Events = page.Select(ev => WireMapper.ToWire(ev, nested)).ToList(), Cursor = cursor }, json.EventsResponse);
        });

        v2.MapGet("/events/{eventTicker}", (string eventTicker, HttpRequest req) =>
        {
            var ev = x.Locked(e => e.GetEvent(eventTicker, withMarkets: true));
            if (ev is null) return Rest.NotFound($"event {eventTicker} not found");
            var nested = Rest.Flag(req, "with_nested_markets");
            return Rest.Json(new EventResponse
            {
                Event = WireMapper.ToWire(ev, nested),
                Markets = ev.Markets.Select(WireMapper.ToWire).ToList(), // deprecated top-level copy, still sent by Kalshi
            }, json.EventResponse);
        });

        v2.MapGet("/series", (HttpRequest req) =>
        {
            var category = Rest.Query(req, "category");
            var all = x.Locked(e => e.GetAllSeries()).Where(s => category is null || s.Category == category).ToArray();
            return Rest.Json(new SeriesListResponse { Series = all.Select(WireMapper.ToWire).ToList() }, json.SeriesListResponse);
        });

        v2.MapGet("/series/{seriesTicker}", (string seriesTicker) =>
            x.Locked(e => e.GetSeries(seriesTicker)) is { } s
                ? Rest.Json(new SeriesResponse { Series = WireMapper.ToWire(s) }, json.SeriesResponse)
                : Rest.NotFound($"series {seriesTicker} not found"));
    }

    private static OrderbookFpWire Book(Matching.BookSnapshot b) =>
        WireMapper.ToOrderbookWire(b.YesBids.ToArray(), b.NoBids.ToArray());

    private static string? SeriesOf(Matching.MatchingEngine e, Market m) => e.GetEvent(m.EventTicker, withMarkets: false)?.SeriesTicker.Value;

    /// <summary>Kalshi's query statuses: unopened = initialized, open = active, paused = inactive, closed = past close and not paid, settled = finalized.</summary>
    internal static Func<MarketStatus, bool>? StatusFilter(string status) => status switch
    {
        "unopened" => s => s == MarketStatus.Initialized,
        "open" => s => s == MarketStatus.Active,
        "paused" => s => s == MarketStatus.Inactive,
        "closed" => s => s is MarketStatus.Closed or MarketStatus.Determined or MarketStatus.Disputed or MarketStatus.Amended,
        "settled" => s => s == MarketStatus.Finalized,
        _ => null,
    };
}
