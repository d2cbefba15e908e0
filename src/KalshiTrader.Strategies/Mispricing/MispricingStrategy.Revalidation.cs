using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Strategies.Mispricing.Persistence;
using KalshiTrader.Strategies.Mispricing.Relationships;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Strategies.Mispricing;

/// <summary>
/// Re-validation while running: on the schedule (revalidate_interval, engine clock) and when a member market's
/// lifecycle changes, the watched relationships are judged again on the catalog's current metadata
/// (<see cref="RelationshipMaintenance.Revalidate"/>); one that no longer holds stops being watched, and the verdict
/// (new validation time, or retired / back to proposed with the reason) is written over its stored record.
/// </summary>
public sealed partial class MispricingStrategy
{
    /// <summary>Re-validation passes run so far (schedule and market changes), for tests and diagnostics.</summary>
    public int Revalidations { get; private set; }

    private async ValueTask RevalidateAsync(IReadOnlyList<Relationship> relationships, string trigger, IStrategyContext context, CancellationToken ct)
    {
        if (_detector is null || relationships.Count == 0) return;
        Revalidations++;
        var (events, series) = MemberEvents(relationships, context.Catalog);
        var results = RelationshipMaintenance.Revalidate(relationships, events, series, context.Now, settings.ConfirmBucketRules);
        var stored = await StoredRecordsAsync(relationships, context, ct).ConfigureAwait(false);
        var writes = new List<RelationshipRecord>();
        var dropped = 0;
        for (var i = 0; i < results.Count; i++)
        {
            var (before, after) = (relationships[i], results[i]);
            var record = stored?.GetValueOrDefault(after.Id);
            if (record is { State: RelationshipState.Rejected or RelationshipState.Retired })
            {
                // Decided elsewhere while we ran (a person rejected it): stop trading it and leave that decision alone.
                _detector.Remove(after.Id);
                dropped++;
                context.Log.Info($"mispricing: no longer watching {after.Id}: it is {RelationshipWire.ToWire(RelationshipRecords.FromState(record.State))} in the store");
                continue;
            }

            if (after.IsTradeable)
            {
                if (!_detector.Refresh(after)) _detector.Upsert(after);
            }
            else
            {
                _detector.Remove(after.Id);
                dropped++;
                context.Log.Info($"mispricing: {RelationshipWire.ToWire(after.Approval)} {after.Id} ({trigger}): {after.StateReason}");
            }

            // A link only this run derived is written once it changes state, so the reason is kept. A stored one gets its
            // new evidence and time; its stored state and note change only when this verdict changed the state.
            if (after.Approval != before.Approval) writes.Add(RelationshipRecords.ToRecord(after, record?.ReviewedBy));
            else if (record is not null) writes.Add(RelationshipRecords.ToRecord(after with { Approval = RelationshipRecords.FromState(record.State) }, record.ReviewedBy, record.ReviewNote));
        }

        if (dropped > 0 || trigger == "schedule")
        {
            context.Log.Info($"mispricing: re-validated {results.Count} relationships ({trigger}): {dropped} no longer watched");
        }

        if (writes.Count == 0 || context.Store is not { } store) return;
        try
        {
            await store.UpsertRelationshipsAsync(writes, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.Log.Warn("mispricing: could not store re-validated relationships", ("error", e.Message), ("count", writes.Count));
        }
    }

    // Every event holding a member, with its markets as the catalog knows them now.
    private static (List<Event> Events, Dictionary<SeriesTicker, Series> Series) MemberEvents(IReadOnlyList<Relationship> relationships, IMarketCatalog catalog)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var events = new List<Event>();
        var series = new Dictionary<SeriesTicker, Series>();
        foreach (var t in relationships.SelectMany(r => r.Markets))
        {
            if (!catalog.TryGetMarket(t, out var m) || !seen.Add(m.EventTicker.Value) || !catalog.TryGetEvent(m.EventTicker, out var e)) continue;
            events.Add(e with { Markets = catalog.MarketsOf(e.Ticker) });
            if (!series.ContainsKey(e.SeriesTicker) && catalog.TryGetSeries(e.SeriesTicker, out var s)) series[e.SeriesTicker] = s;
        }

        return (events, series);
    }

    private static async Task<Dictionary<string, RelationshipRecord>?> StoredRecordsAsync(
        IReadOnlyList<Relationship> relationships, IStrategyContext context, CancellationToken ct)
    {
        if (context.Store is not { } store) return null;
        try
        {
            var byId = new Dictionary<string, RelationshipRecord>(StringComparer.Ordinal);
            // A few (a market changed): one read each; a whole pass: one read of everything.
            if (relationships.Count <= 16)
            {
                foreach (var r in relationships)
                {
                    if (await store.GetRelationshipAsync(r.Id, ct).ConfigureAwait(false) is { } rec) byId[rec.RelationshipId] = rec;
                }
            }
            else
            {
                foreach (var rec in await store.GetRelationshipsAsync(null, ct).ConfigureAwait(false)) byId[rec.RelationshipId] = rec;
            }

            return byId;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.Log.Warn("mispricing: could not read stored relationships for re-validation", ("error", e.Message));
            return null;
        }
    }
}
