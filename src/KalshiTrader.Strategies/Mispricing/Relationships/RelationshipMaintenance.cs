using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Strategies.Mispricing.Relationships;

/// <summary>
/// Keeps stored relationships true as markets change: merges a fresh discovery into what is stored (a person's
/// approve/reject decision survives rediscovery), retires links whose markets closed or whose structural facts
/// no longer hold, and re-validates model-proposed links (every ticker still exists and is open).
/// Run on a schedule and whenever the catalog reports market changes.
/// </summary>
public static class RelationshipMaintenance
{
    /// <param name="stored">What the store holds now.</param>
    /// <param name="discovered">A fresh <see cref="StructuralDiscovery"/> over <paramref name="scanned"/>.</param>
    /// <param name="scanned">The events just read from the exchange (with nested markets): only links inside them are judged.</param>
    /// <returns>Every relationship whose record must be written (new, re-validated, or retired).</returns>
    public static IReadOnlyList<Relationship> Reconcile(
        IReadOnlyList<Relationship> stored, IReadOnlyList<Relationship> discovered, IReadOnlyList<Event> scanned, DateTimeOffset now)
    {
        var markets = scanned.SelectMany(e => e.Markets).GroupBy(m => m.Ticker.Value).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var scannedEvents = scanned.Select(e => e.Ticker.Value).ToHashSet(StringComparer.Ordinal);
        var storedById = stored.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var discoveredIds = discovered.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var writes = new List<Relationship>();

        foreach (var fresh in discovered)
        {
            if (storedById.TryGetValue(fresh.Id, out var old))
            {
                // A person's decision stands; a retired link that is proven again comes back in its discovered state.
                var approval = old.Approval is ApprovalState.Rejected || (old.Approval == ApprovalState.Approved && fresh.Approval == ApprovalState.Proposed)
                    ? old.Approval
                    : fresh.Approval;
                writes.Add(fresh with { Approval = approval, CreatedAt = old.CreatedAt, LastValidatedAt = now, StateReason = approval == old.Approval ? old.StateReason : null });
            }
            else
            {
                writes.Add(fresh with { LastValidatedAt = now });
            }
        }

        foreach (var old in stored)
        {
            if (discoveredIds.Contains(old.Id) || !old.IsLive) continue;
            if (ClosedMember(old, markets) is { } closed)
            {
                writes.Add(Retire(old, $"market {closed} is no longer open", now));
                continue;
            }

            if (old.Source == RelationshipSource.Structural)
            {
                // Structural links are re-derived: one not found again over events that were all scanned no longer holds.
                if (old.Events.Count > 0 && old.Events.All(e => scannedEvents.Contains(e.Value)))
                {
                    writes.Add(Retire(old, "structural facts changed: not rediscovered from current metadata", now));
                }

                continue;
            }

            if (old.Markets.All(m => markets.ContainsKey(m.Value))) writes.Add(old with { LastValidatedAt = now });
        }

        return writes;
    }

    /// <summary>Retires every live relationship that contains <paramref name="ticker"/> (a market closed or settled).</summary>
    public static IReadOnlyList<Relationship> RetireOnClose(IEnumerable<Relationship> relationships, MarketTicker ticker, DateTimeOffset now) =>
        relationships.Where(r => r.IsLive && r.Markets.Contains(ticker)).Select(r => Retire(r, $"market {ticker} closed", now)).ToList();

    private static string? ClosedMember(Relationship r, Dictionary<string, Market> markets)
    {
        foreach (var t in r.Markets)
        {
            if (markets.TryGetValue(t.Value, out var m) && !StructuralDiscovery.IsOpen(m)) return t.Value;
        }

        return null;
    }

    private static Relationship Retire(Relationship r, string why, DateTimeOffset now) =>
        r with { Approval = ApprovalState.Retired, StateReason = why, LastValidatedAt = now };
}
