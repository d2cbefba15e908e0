using KalshiTrader.Core.Books;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Detection;
using KalshiTrader.Strategies.Mispricing.Relationships;

namespace KalshiTrader.Strategies.Mispricing.Scan;

/// <summary>The result of one pass over a universe.</summary>
public sealed record ScanReport(
    IReadOnlyList<Relationship> Relationships,
    IReadOnlyList<Opportunity> Opportunities,
    IReadOnlyList<ExclusiveSetSums> Sets,
    DateTimeOffset Time);

/// <summary>
/// One pass over a universe already loaded (events with nested markets, and their books): relate (structural
/// discovery reconciled with what is stored), detect on every live relationship, and sum every exclusive set.
/// Pure apart from the clock; the CLI does the fetching and storing.
/// </summary>
public static class MispricingScan
{
    /// <summary>
    /// Discovers structural links over <paramref name="events"/>, reconciles them with <paramref name="stored"/>
    /// (a person's decisions stand; closed or disproven links retire), and returns what to write back and what to
    /// evaluate: every live relationship whose markets all lie in the scanned universe.
    /// </summary>
    public static (IReadOnlyList<Relationship> Evaluate, IReadOnlyList<Relationship> Writes) Relate(
        IReadOnlyList<Event> events, IReadOnlyDictionary<SeriesTicker, Series>? series, IReadOnlyList<Relationship> stored, DateTimeOffset now)
    {
        var discovered = StructuralDiscovery.Discover(events, series, now);
        var writes = RelationshipMaintenance.Reconcile(stored, discovered, events, now);
        var byId = new Dictionary<string, Relationship>(StringComparer.Ordinal);
        foreach (var r in stored) byId[r.Id] = r;
        foreach (var r in writes) byId[r.Id] = r;
        var universe = events.SelectMany(e => e.Markets).Select(m => m.Ticker.Value).ToHashSet(StringComparer.Ordinal);
        var evaluate = byId.Values.Where(r => r.IsLive && r.Markets.All(m => universe.Contains(m.Value))).OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
        return (evaluate, writes);
    }

    /// <summary>Detects on every relationship given and sums every exclusive set.</summary>
    public static ScanReport Run(
        IReadOnlyList<Event> events,
        OrderBookSet books,
        IReadOnlyDictionary<SeriesTicker, Series>? series,
        IReadOnlyList<Relationship> relationships,
        DetectionOptions options,
        TimeProvider time)
    {
        var fees = FeesByMarket(events, series);
        var detector = new MispricingDetector(books, options, time, t => fees.TryGetValue(t.Value, out var f) ? f : FeeSchedule.Standard);
        detector.UpsertRange(relationships);
        detector.RefreshAll();
        var found = new List<Opportunity>();
        detector.ScanAll(found);
        return new ScanReport(relationships, found.OrderByDescending(o => o.Score).ToList(), detector.SetSums(), time.GetUtcNow());
    }

    /// <summary>The series fee terms with each event's overrides applied, per market.</summary>
    public static Dictionary<string, FeeSchedule> FeesByMarket(IReadOnlyList<Event> events, IReadOnlyDictionary<SeriesTicker, Series>? series)
    {
        var fees = new Dictionary<string, FeeSchedule>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var schedule = series is not null && series.TryGetValue(e.SeriesTicker, out var s) ? s.Fees : FeeSchedule.Standard;
            schedule = schedule.WithOverrides(e.FeeTypeOverride, e.FeeMultiplierOverride);
            foreach (var m in e.Markets) fees[m.Ticker.Value] = schedule;
        }

        return fees;
    }
}
