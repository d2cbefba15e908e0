using System.CommandLine;
using KalshiTrader.Cli.Common;
using KalshiTrader.Core.Books;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Storage;
using KalshiTrader.Strategies.Mispricing.Persistence;
using KalshiTrader.Strategies.Mispricing.Relationships;
using KalshiTrader.Strategies.Mispricing.Scan;

namespace KalshiTrader.Cli.Mispricing;

/// <summary>Options and loading shared by <c>scan</c> and <c>relationships discover</c>: which exchange, which events, which store.</summary>
internal static class MispricingUniverse
{
    public static readonly Option<string[]> Series = new("--series") { Description = "only these series (default: every open event)", AllowMultipleArgumentsPerToken = true };
    public static readonly Option<string[]> Events = new("--event") { Description = "only these events", AllowMultipleArgumentsPerToken = true };
    public static readonly Option<string> Db = new("--db")
    {
        Description = "store: sqlite:PATH or a PostgreSQL URL/connection string",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("KALSHI_DB") ?? StoreFactory.DefaultConnectionString,
    };

    public static KalshiRestClient Rest(ParseResult pr) =>
        KalshiRestClient.Create(ConnectionOptions.Resolve(pr),
            warn: w => Console.Error.WriteLine("warning: " + w));

    /// <summary>Open events with nested markets (all, or the chosen series/events).</summary>
    public static async Task<IReadOnlyList<Event>> LoadEventsAsync(KalshiRestClient rest, ParseResult pr, CancellationToken ct)
    {
        var result = new List<Event>();
        var events = pr.GetValue(Events) ?? [];
        var series = pr.GetValue(Series) ?? [];
        foreach (var e in events.SelectMany(Split))
        {
            result.Add(await rest.GetEventAsync(new EventTicker(e), ct, withNestedMarkets: true).ConfigureAwait(false));
        }

        // No filter at all means the whole open universe: one listing without a series.
        var seriesFilter = series.Length > 0 ? series.SelectMany(Split).Select(s => (SeriesTicker?)new SeriesTicker(s)).ToList()
            : events.Length > 0 ? [] : new List<SeriesTicker?> { null };
        foreach (var s in seriesFilter)
        {
            var query = new EventQuery { Status = "open", WithNestedMarkets = true, SeriesTicker = s };
            await foreach (var e in rest.GetEventsAsync(query, ct).ConfigureAwait(false)) result.Add(e);
        }

        return result.GroupBy(e => e.Ticker.Value).Select(g => g.First()).ToList();
    }

    /// <summary>Series terms (fees, settlement sources); null with a warning when the listing fails.</summary>
    public static async Task<IReadOnlyDictionary<SeriesTicker, Series>?> LoadSeriesAsync(KalshiRestClient rest, CancellationToken ct)
    {
        try
        {
            var list = await rest.GetSeriesListAsync(null, null, ct).ConfigureAwait(false);
            return list.GroupBy(s => s.Ticker).ToDictionary(g => g.Key, g => g.First());
        }
        catch (KalshiApiException ex)
        {
            Console.Error.WriteLine($"warning: series listing failed, using standard fees: {ex.Message}");
            return null;
        }
    }

    /// <summary>Full-depth books of every open market, or one-level books from the markets' own quotes.</summary>
    public static async Task<OrderBookSet> LoadBooksAsync(KalshiRestClient rest, IReadOnlyList<Event> events, bool quotesOnly, CancellationToken ct)
    {
        var books = new OrderBookSet();
        var open = events.SelectMany(e => e.Markets).Where(StructuralDiscovery.IsOpen).ToList();
        if (quotesOnly)
        {
            foreach (var m in open) QuoteBooks.ApplyTopOfBook(books.GetOrAdd(m.Ticker), m);
            return books;
        }

        var levels = await rest.GetOrderBooksAsync(open.Select(m => m.Ticker).ToList(), ct).ConfigureAwait(false);
        foreach (var l in levels) books.GetOrAdd(l.Ticker).ApplySnapshot(l.YesBids, l.NoBids);
        return books;
    }

    public static async Task<IReadOnlyList<Relationship>> LoadStoredAsync(IKalshiStore store, CancellationToken ct)
    {
        var records = await store.GetRelationshipsAsync(null, ct).ConfigureAwait(false);
        var result = new List<Relationship>(records.Count);
        foreach (var r in records)
        {
            try
            {
                result.Add(RelationshipRecords.FromRecord(r));
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine("warning: skipping " + ex.Message);
            }
        }

        return result;
    }

    private static IEnumerable<string> Split(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
