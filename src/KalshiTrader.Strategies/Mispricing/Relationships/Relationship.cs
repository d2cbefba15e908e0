using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Strategies.Mispricing.Relationships;

/// <summary>The rules text one member market settles by, kept beside the relationship so its reason stays inspectable.</summary>
public sealed record MemberRules(MarketTicker Ticker, string RulesPrimary, DateTimeOffset? SettlesAt);

/// <summary>
/// A claim that some markets are logically linked, with everything needed to judge it later: why it holds,
/// what it relied on (rules text, settlement sources), who proposed it and whether a person approved it.
/// </summary>
public sealed record Relationship
{
    /// <summary>Deterministic from kind and members, so rediscovery finds the same relationship again.</summary>
    public required string Id { get; init; }
    public required RelationshipKind Kind { get; init; }

    /// <summary>Member markets in the order the kind defines (see <see cref="RelationshipKind"/>).</summary>
    public required IReadOnlyList<MarketTicker> Markets { get; init; }

    /// <summary>For <see cref="RelationshipKind.ExclusiveSet"/>: exactly one member resolves YES (derived, never assumed).</summary>
    public bool Exhaustive { get; init; }

    /// <summary>The inequality in words, e.g. "P(A) ≤ P(B)".</summary>
    public required string Constraint { get; init; }

    /// <summary>0..1: how sure we are the link holds. Structural links proven by metadata are 1.</summary>
    public decimal Confidence { get; init; } = 1m;
    public required string Reasoning { get; init; }
    public RelationshipSource Source { get; init; } = RelationshipSource.Structural;
    public ApprovalState Approval { get; init; } = ApprovalState.Proposed;

    /// <summary>For soft implications: how far P(if) may exceed P(then) before it is a signal.</summary>
    public Price Slack { get; init; }

    public IReadOnlyList<EventTicker> Events { get; init; } = [];
    public IReadOnlyList<MemberRules> Rules { get; init; } = [];
    public IReadOnlyList<SettlementSource> SettlementSources { get; init; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastValidatedAt { get; init; }

    /// <summary>Why the relationship was retired or rejected, when it was.</summary>
    public string? StateReason { get; init; }

    public bool IsTradeable => Approval == ApprovalState.Approved;

    public bool IsLive => Approval is ApprovalState.Proposed or ApprovalState.Approved;

    /// <summary>
    /// Whether the arithmetic of a trade on this relationship guarantees its payout: only links proven by
    /// metadata, never soft implications and never anything a language model proposed.
    /// </summary>
    public bool IsHardLink => Source == RelationshipSource.Structural && Kind != RelationshipKind.SoftImplication;

    /// <summary>
    /// Builds the id: kind plus the ordered member tickers; past a few members the list is replaced by the first
    /// ticker, the count and a hash of the whole list, so ids stay short enough to type yet unique and stable.
    /// </summary>
    public static string MakeId(RelationshipKind kind, IEnumerable<MarketTicker> markets, bool exhaustive = false)
    {
        var list = markets.Select(m => m.Value).ToList();
        var prefix = RelationshipWire.ToWire(kind) + (exhaustive ? "+exhaustive" : "") + ":";
        var joined = string.Join(",", list);
        if (list.Count <= 4) return prefix + joined;
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(joined)))[..12];
        return $"{prefix}{list[0]}+{list.Count - 1}:{hash}";
    }
}
