using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Execution;
using KalshiTrader.Strategies.Mispricing.Llm;

namespace KalshiTrader.Strategies.Mispricing.Relationships;

/// <summary>
/// Keeps stored relationships true as markets change: merges a fresh discovery into what is stored (a person's
/// approve/reject decision survives rediscovery), retires links whose markets closed or whose structural facts
/// no longer hold, and re-validates model-proposed links (every ticker still exists and is open).
/// <see cref="Revalidate"/> is what the running strategy calls on its schedule (mispricing.revalidate_interval) and
/// when a member market's lifecycle changes.
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

    /// <summary>
    /// Re-validates relationships against the current metadata of their markets (on a schedule, and when a member's
    /// lifecycle changes). Nothing is asked of a language model: structural links are re-derived from
    /// <paramref name="events"/>; model links re-run the proposal checks (tickers open, direction against strike and
    /// deadline facts, settlement sources and times). Every live input comes back with <see cref="Relationship.LastValidatedAt"/>
    /// = <paramref name="now"/> and, when it no longer holds, retired, or moved back to proposed when what a person (or
    /// the rules-text confirmation) approved has changed under it; the reason is in <see cref="Relationship.StateReason"/>.
    /// Rejected and retired inputs are returned unchanged.
    /// </summary>
    /// <param name="events">Every event holding a member market, with its current markets.</param>
    /// <param name="confirmBucketRules">Whether a bucket-vs-ladder triple may stay approved on its rules text alone.</param>
    public static IReadOnlyList<Relationship> Revalidate(
        IEnumerable<Relationship> relationships, IReadOnlyList<Event> events, IReadOnlyDictionary<SeriesTicker, Series>? series,
        DateTimeOffset now, bool confirmBucketRules = true)
    {
        var markets = events.SelectMany(e => e.Markets).GroupBy(m => m.Ticker.Value).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var rederived = StructuralDiscovery.Discover(events, series, now).GroupBy(r => r.Id).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        ProposalChecks? checks = null;
        var results = new List<Relationship>();
        foreach (var r in relationships)
        {
            results.Add(!r.IsLive ? r : Judge(r));
        }

        return results;

        Relationship Judge(Relationship r)
        {
            foreach (var t in r.Markets)
            {
                if (!markets.TryGetValue(t.Value, out var m)) return Retire(r, $"re-validation: market {t} is no longer listed", now);
                if (!StructuralDiscovery.IsOpen(m)) return Retire(r, $"re-validation: market {t} is no longer open (status {m.Status})", now);
            }

            var changed = ChangedRules(r, markets);
            if (r.Source == RelationshipSource.Structural)
            {
                if (!rederived.TryGetValue(r.Id, out var fresh))
                {
                    return Retire(r, "re-validation: structural facts changed (strikes, close times or members): not rediscovered from current metadata", now);
                }

                var current = r with { Rules = fresh.Rules, SettlementSources = fresh.SettlementSources, Constraint = fresh.Constraint, LastValidatedAt = now };
                // Metadata alone proves it, or nobody approved it yet: holding is all there is to say.
                if (fresh.Approval == ApprovalState.Approved || r.Approval != ApprovalState.Approved || changed is null) return current;
                if (confirmBucketRules && BucketRulesCheck.Confirms(fresh, t => markets.GetValueOrDefault(t.Value), out var why)) return current with { StateReason = why };
                return ToProposed(current, changed, now);
            }

            checks ??= new ProposalChecks(events, series, [], new LlmSettings());
            if (checks.Recheck(r) is { } problem) return Retire(r, "re-validation: " + problem, now);
            var refreshed = r with { Rules = r.Markets.Select(t => CurrentRules(markets[t.Value])).ToList(), LastValidatedAt = now };
            if (changed is null) return r with { LastValidatedAt = now };
            return r.Approval == ApprovalState.Approved ? ToProposed(refreshed, changed, now) : refreshed;
        }
    }

    /// <summary>The first member whose rules text or settlement time differs from what the relationship relied on.</summary>
    private static string? ChangedRules(Relationship r, Dictionary<string, Market> markets)
    {
        foreach (var relied in r.Rules)
        {
            if (!markets.TryGetValue(relied.Ticker.Value, out var m)) continue;
            var now = CurrentRules(m);
            if (now.RulesPrimary != relied.RulesPrimary) return $"the rules text of {relied.Ticker}";
            if (now.SettlesAt != relied.SettlesAt) return $"the settlement time of {relied.Ticker} ({relied.SettlesAt:u} → {now.SettlesAt:u})";
        }

        return null;
    }

    private static MemberRules CurrentRules(Market m) => new(m.Ticker, m.RulesPrimary, m.ExpectedExpirationTime ?? m.CloseTime);

    // Back to a person: the evidence is refreshed so the next approval is given on what the markets say now.
    private static Relationship ToProposed(Relationship r, string changed, DateTimeOffset now) =>
        r with { Approval = ApprovalState.Proposed, StateReason = $"re-validation: {changed} changed since it was approved; a person must review it again", LastValidatedAt = now };

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
