using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Records;

namespace KalshiTrader.Recorder;

/// <summary>
/// Series, events and markets into the store, parents first (the foreign keys need them), plus one price
/// snapshot per market per run (the <c>market_snapshots</c> price history). Every write is an upsert, so a run
/// that was killed is simply run again.
/// </summary>
public sealed class CatalogCollector(KalshiRestClient client, IKalshiStore store, TimeProvider time)
{
    public async Task<CollectCounts> RunAsync(CollectScope scope, IProgress<CollectProgress>? progress, CancellationToken cancellationToken)
    {
        var counts = new CollectCounts();
        var knownSeries = new HashSet<SeriesTicker>();
        var queries = new List<EventQuery>();
        var statuses = scope.EffectiveStatuses;
        if (scope.Events.Count > 0)
        {
            queries.Add(new EventQuery { Tickers = scope.Events, WithNestedMarkets = true });
        }

        foreach (var series in scope.Series)
        {
            queries.AddRange(statuses.Select(s => new EventQuery { SeriesTicker = series, Status = s, WithNestedMarkets = true }));
        }

        if (scope.IsEverything || (scope.Tickers.Count > 0 && scope.Events.Count == 0 && scope.Series.Count == 0))
        {
            if (scope.Tickers.Count > 0)
            {
                // Tickers name markets; fetch their events whole so the parents exist.
                var markets = await scope.ResolveMarketsAsync(client, cancellationToken).ConfigureAwait(false);
                queries.Add(new EventQuery { Tickers = markets.Select(m => m.EventTicker).Distinct().ToList(), WithNestedMarkets = true });
            }
            else
            {
                queries.AddRange(statuses.Select(s => new EventQuery { Status = s, WithNestedMarkets = true }));
            }
        }

        long done = 0;
        foreach (var query in queries)
        {
            var sources = new List<IAsyncEnumerable<Event>> { client.GetEventsAsync(query, cancellationToken) };
            if (scope.IncludeMultivariate) sources.Add(client.GetMultivariateEventsAsync(query, cancellationToken));
            foreach (var source in sources)
            {
                var page = new List<Event>();
                await foreach (var e in source.ConfigureAwait(false))
                {
                    page.Add(e);
                    if (page.Count >= 200)
                    {
                        done += await WritePageAsync(page, knownSeries, counts, cancellationToken).ConfigureAwait(false);
                        progress?.Report(new CollectProgress("catalog", done, 0, $"{counts["markets"]} markets"));
                        page.Clear();
                    }
                }

                done += await WritePageAsync(page, knownSeries, counts, cancellationToken).ConfigureAwait(false);
                progress?.Report(new CollectProgress("catalog", done, 0, $"{counts["markets"]} markets"));
            }
        }

        await store.SetCheckpointAsync("catalog:completed", time.GetUtcNow().ToString("O"), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return counts;
    }

    private async Task<int> WritePageAsync(List<Event> events, HashSet<SeriesTicker> knownSeries, CollectCounts counts, CancellationToken cancellationToken)
    {
        if (events.Count == 0) return 0;
        var newSeries = new List<Series>();
        foreach (var ticker in events.Select(e => e.SeriesTicker).Distinct())
        {
            if (!knownSeries.Add(ticker)) continue;
            newSeries.Add(await client.GetSeriesAsync(ticker, cancellationToken).ConfigureAwait(false));
        }

        await store.UpsertSeriesAsync(newSeries, cancellationToken).ConfigureAwait(false);
        await store.UpsertEventsAsync(events, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var markets = events.SelectMany(e => e.Markets).ToList();
        await store.InsertMarketSnapshotsAsync(markets.Select(m => MarketSnapshot.FromMarket(m, now)).ToList(), cancellationToken).ConfigureAwait(false);
        counts.Add("series", newSeries.Count);
        counts.Add("events", events.Count);
        counts.Add("markets", markets.Count);
        counts.Add("market_snapshots", markets.Count);
        return events.Count;
    }
}
