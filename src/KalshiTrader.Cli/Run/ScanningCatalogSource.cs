using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Trading.Catalog;

namespace KalshiTrader.Cli.Run;

/// <summary>
/// Loads the engine's catalog over REST per the <c>scanning</c> section: named events and markets, events of named
/// series, or (when nothing is named) every event with the given status; always with nested markets and each
/// event's series (its fee schedule).
/// </summary>
internal sealed class ScanningCatalogSource(KalshiRestClient client) : ICatalogSource
{
    public async Task<CatalogSnapshot> LoadAsync(CatalogQuery query, CancellationToken cancellationToken)
    {
        var events = new Dictionary<string, Event>(StringComparer.Ordinal);
        var status = query.Status == "all" ? null : query.Status;
        async Task AddEvents(EventQuery q)
        {
            await foreach (var e in client.GetEventsAsync(q, cancellationToken).ConfigureAwait(false))
            {
                events.TryAdd(e.Ticker.Value, e);
                if (events.Count >= query.MaxEvents) return;
            }
        }

        foreach (var t in query.Events)
        {
            var e = await client.GetEventAsync(new EventTicker(t), cancellationToken).ConfigureAwait(false);
            events.TryAdd(e.Ticker.Value, e);
        }

        foreach (var t in query.Markets)
        {
            var m = await client.GetMarketAsync(new MarketTicker(t), cancellationToken).ConfigureAwait(false);
            if (events.ContainsKey(m.EventTicker.Value)) continue;
            var e = await client.GetEventAsync(m.EventTicker, cancellationToken).ConfigureAwait(false);
            events.TryAdd(e.Ticker.Value, e);
        }

        foreach (var s in query.Series)
        {
            await AddEvents(new EventQuery { Status = status, SeriesTicker = new SeriesTicker(s), WithNestedMarkets = true }).ConfigureAwait(false);
        }

        if (query.Events.Count == 0 && query.Markets.Count == 0 && query.Series.Count == 0)
        {
            await AddEvents(new EventQuery { Status = status, WithNestedMarkets = true }).ConfigureAwait(false);
        }

        var series = new List<Series>();
        foreach (var ticker in events.Values.Select(e => e.SeriesTicker).Distinct())
        {
            series.Add(await client.GetSeriesAsync(ticker, cancellationToken).ConfigureAwait(false));
        }

        return new CatalogSnapshot(series, events.Values.ToList(), []);
    }
}
