using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Relationships;

namespace KalshiTrader.Strategies.Mispricing.Llm;

/// <summary>One scanning prompt's worth of markets.</summary>
internal sealed record LlmBatch(BatchScope Scope, string Label, IReadOnlyList<(Market Market, Event Event)> Markets);

/// <summary>
/// Groups the open universe into prompts: each event on its own first (most links live inside one event), then the
/// events of one category together (links across events), then markets of different categories that settle around
/// the same time (rare, so last). Each group is split into chunks small enough for one prompt; chunks are ordered by
/// settlement time so markets that settle together share a prompt.
/// </summary>
internal static class LlmBatches
{
    public static IEnumerable<LlmBatch> Plan(IReadOnlyList<Event> events, IReadOnlyDictionary<SeriesTicker, Series>? series, LlmSettings settings)
    {
        var open = events
            .Select(e => (Event: e, Markets: e.Markets.Where(StructuralDiscovery.IsOpen).ToList()))
            .Where(x => x.Markets.Count > 0)
            .OrderBy(x => x.Event.Ticker.Value, StringComparer.Ordinal)
            .ToList();
        var size = Math.Max(2, settings.MaxMarketsPerBatch);

        foreach (var scope in settings.Scopes)
        {
            switch (scope)
            {
                case BatchScope.Event:
                    foreach (var (e, markets) in open.Where(x => x.Markets.Count >= 2))
                    {
                        foreach (var chunk in Chunks(markets.Select(m => (m, e)), size)) yield return new LlmBatch(scope, $"event {e.Ticker}", chunk);
                    }

                    break;

                case BatchScope.Category:
                    foreach (var group in open.GroupBy(x => CategoryOf(x.Event, series)).Where(g => g.Count() >= 2).OrderBy(g => g.Key, StringComparer.Ordinal))
                    {
                        var markets = group.SelectMany(x => x.Markets.Select(m => (m, x.Event))).OrderBy(SettleKey).ThenBy(x => x.m.Ticker.Value, StringComparer.Ordinal);
                        foreach (var chunk in Chunks(markets, size).Where(c => c.Select(x => x.Event.Ticker).Distinct().Count() >= 2))
                        {
                            yield return new LlmBatch(scope, $"category {group.Key}", chunk);
                        }
                    }

                    break;

                case BatchScope.CrossCategory:
                    if (open.Select(x => CategoryOf(x.Event, series)).Distinct(StringComparer.Ordinal).Count() < 2) break;
                    var all = open.SelectMany(x => x.Markets.Select(m => (m, x.Event))).OrderBy(SettleKey).ThenBy(x => x.m.Ticker.Value, StringComparer.Ordinal);
                    foreach (var chunk in Chunks(all, size).Where(c => c.Select(x => CategoryOf(x.Event, series)).Distinct(StringComparer.Ordinal).Count() >= 2))
                    {
                        yield return new LlmBatch(scope, "across categories", chunk);
                    }

                    break;
            }
        }
    }

    public static string CategoryOf(Event e, IReadOnlyDictionary<SeriesTicker, Series>? series)
    {
        if (!string.IsNullOrWhiteSpace(e.Category)) return e.Category;
        return series is not null && series.TryGetValue(e.SeriesTicker, out var s) && !string.IsNullOrWhiteSpace(s.Category) ? s.Category : "uncategorized";
    }

    private static DateTimeOffset SettleKey((Market m, Event e) x) => x.m.ExpectedExpirationTime ?? x.m.CloseTime ?? DateTimeOffset.MaxValue;

    private static IEnumerable<List<(Market Market, Event Event)>> Chunks(IEnumerable<(Market, Event)> items, int size)
    {
        var chunk = new List<(Market Market, Event Event)>(size);
        foreach (var item in items)
        {
            chunk.Add(item);
            if (chunk.Count == size)
            {
                yield return chunk;
                chunk = new List<(Market Market, Event Event)>(size);
            }
        }

        if (chunk.Count >= 2) yield return chunk;
    }
}
