using KalshiTrader.Core.Markets;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Trading.Catalog;

namespace KalshiTrader.Cli.Demo;

/// <summary>The engine's catalog read over REST: open events with their markets, and each event's series (for fees).</summary>
internal sealed class RestCatalogSource(KalshiRestClient client) : ICatalogSource
{
    public async Task<CatalogSnapshot> LoadAsync(CatalogQuery query, CancellationToken cancellationToken)
    {
        var events = new List<Event>();
        var eventQuery = new EventQuery { Status = query.Status, WithNestedMarkets = true };
        await foreach (var e in client.GetEventsAsync(eventQuery, cancellationToken).ConfigureAwait(false))
        {
            events.Add(e);
            if (events.Count >= query.MaxEvents) break;
        }

        var series = new List<Series>();
        foreach (var ticker in events.Select(e => e.SeriesTicker).Distinct())
        {
            series.Add(await client.GetSeriesAsync(ticker, cancellationToken).ConfigureAwait(false));
        }

        return new CatalogSnapshot(series, events, []);
    }
}
