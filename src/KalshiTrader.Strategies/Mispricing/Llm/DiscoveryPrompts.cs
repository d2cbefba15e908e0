using System.Globalization;
using System.Text;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Relationships;

namespace KalshiTrader.Strategies.Mispricing.Llm;

/// <summary>
/// The prompts. Deterministic for a given universe (no clock, no random order), so an unchanged batch hits the
/// response cache instead of paying again.
/// </summary>
internal static class DiscoveryPrompts
{
    private const int RulesChars = 400;

    public static readonly string ScanSystem =
        "You find logical links between prediction-market contracts listed on Kalshi. Each contract pays $1 if YES.\n" +
        "Link types:\n" +
        "- SUBSET: exactly 2 markets; YES of one logically guarantees YES of the other under their rules.\n" +
        "- THRESHOLD: 2+ markets asking whether the same quantity, from the same source at the same time, is above (or below) different strikes.\n" +
        "- PARTITION: 2+ markets of which at most one can resolve YES (exactly_one only if the rules guarantee one of them does).\n" +
        "- IMPLICATION: exactly 2 markets; YES of one makes YES of the other very likely but not certain.\n" +
        "Only propose links that follow from the rules text as written: different settlement sources, times, locations or wording " +
        "(\"by\" versus \"in\", inclusive versus exclusive) break a link that looks obvious from titles. Use tickers exactly as listed. " +
        "Confidence is your probability that the link holds as stated.\n" +
        "Answer with ONE JSON object and nothing else, matching this JSON Schema:\n" + ProposalSchema.ProposalsSchema + "\n" +
        "If there are no links, answer {\"relationships\": []}.";

    public static readonly string ValidateSystem =
        "You audit one proposed logical link between Kalshi prediction-market contracts before a person reviews it. " +
        "Read each contract's rules carefully: settlement source, time, thresholds and their inclusivity, and edge cases " +
        "(cancellation, ties, data revisions). Confirm only if the link holds under the rules exactly as stated.\n" +
        "Answer with ONE JSON object and nothing else, matching this JSON Schema:\n" + ProposalSchema.VerdictSchema;

    public static string ScanUser(LlmBatch batch, IReadOnlyDictionary<SeriesTicker, Series>? series)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Scope: {batch.Label} ({batch.Markets.Count} open markets). ");
        sb.Append(batch.Scope switch
        {
            BatchScope.Event => "Find links among these markets of one event.",
            BatchScope.Category => "Find links between markets of DIFFERENT events in this category.",
            _ => "Find links between markets of DIFFERENT categories.",
        });
        sb.Append("\n\nMarkets:\n");
        foreach (var (m, e) in batch.Markets) AppendMarket(sb, m, e, series, RulesChars);
        return sb.ToString();
    }

    public static string ValidateUser(Relationship candidate, LlmProposal proposal, IReadOnlyList<(Market Market, Event Event)> members,
        IReadOnlyDictionary<SeriesTicker, Series>? series, IReadOnlyList<string> notes)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Proposed: {proposal.Describe()}\n");
        sb.Append(CultureInfo.InvariantCulture, $"Meaning: {Meaning(candidate)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"Proposer's confidence: {ProposalSchema.Invariant(proposal.Confidence)}\n");
        sb.Append(CultureInfo.InvariantCulture, $"Proposer's reasoning: {proposal.Reasoning}\n");
        if (notes.Count > 0) sb.Append("Checks against exchange metadata: ").Append(string.Join("; ", notes)).Append('\n');
        sb.Append("\nContracts (full rules):\n");
        foreach (var (m, e) in members)
        {
            AppendMarket(sb, m, e, series, int.MaxValue);
            if (!string.IsNullOrWhiteSpace(m.RulesSecondary)) sb.Append("  more rules: ").Append(Flat(m.RulesSecondary)).Append('\n');
        }

        return sb.ToString();
    }

    /// <summary>The claim in plain words, in canonical member order.</summary>
    public static string Meaning(Relationship r) => r.Kind switch
    {
        RelationshipKind.Subset => $"YES({r.Markets[1]}) guarantees YES({r.Markets[0]})",
        RelationshipKind.SoftImplication => $"YES({r.Markets[1]}) makes YES({r.Markets[0]}) very likely",
        RelationshipKind.ThresholdLadder => "a strike ladder, weakest first: each later YES guarantees every earlier YES (" + string.Join(", ", r.Markets) + ")",
        RelationshipKind.ExclusiveSet => (r.Exhaustive ? "exactly one" : "at most one") + " of " + string.Join(", ", r.Markets) + " resolves YES",
        _ => r.Constraint,
    };

    private static void AppendMarket(StringBuilder sb, Market m, Event e, IReadOnlyDictionary<SeriesTicker, Series>? series, int rulesChars)
    {
        sb.Append("- ").Append(m.Ticker.Value).Append(" | event ").Append(e.Ticker.Value);
        if (e.Title.Length > 0) sb.Append(": ").Append(Flat(e.Title));
        var title = string.Join(" — ", new[] { m.Title, m.YesSubTitle }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(Flat));
        if (title.Length > 0) sb.Append(" | ").Append(title);
        if (m.StrikeType != StrikeType.Unknown)
        {
            sb.Append(" | strike ").Append(StrikeTypeWire(m.StrikeType));
            if (m.FloorStrike is { } f) sb.Append(" floor ").Append(f.ToString(CultureInfo.InvariantCulture));
            if (m.CapStrike is { } c) sb.Append(" cap ").Append(c.ToString(CultureInfo.InvariantCulture));
        }

        if ((m.ExpectedExpirationTime ?? m.CloseTime) is { } t) sb.Append(" | settles ").Append(t.UtcDateTime.ToString("u", CultureInfo.InvariantCulture));
        var sources = e.SettlementSources.Count > 0 ? e.SettlementSources
            : series is not null && series.TryGetValue(e.SeriesTicker, out var s) ? s.SettlementSources : [];
        if (sources.Count > 0) sb.Append(" | source ").Append(string.Join(", ", sources.Select(x => x.Name)));
        var rules = Flat(m.RulesPrimary);
        if (rules.Length > rulesChars) rules = rules[..rulesChars] + "…";
        if (rules.Length > 0) sb.Append(" | rules: ").Append(rules);
        sb.Append('\n');
    }

    private static string StrikeTypeWire(StrikeType t) => MarketEnumsWire.ToWire(t) ?? t.ToString();

    private static string Flat(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
