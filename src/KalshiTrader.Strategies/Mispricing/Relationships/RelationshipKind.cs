namespace KalshiTrader.Strategies.Mispricing.Relationships;

/// <summary>What links the markets of a relationship. The member order of each kind is documented on <see cref="Relationship.Markets"/>.</summary>
public enum RelationshipKind
{
    /// <summary>Two markets, YES(Markets[1]) implies YES(Markets[0]).</summary>
    Subset,

    /// <summary>A strike ladder on one underlying, ordered weakest first: YES(Markets[j]) implies YES(Markets[i]) for every i &lt; j.</summary>
    ThresholdLadder,

    /// <summary>"By &lt;date&gt;" markets of one series, latest deadline first: YES(by an earlier date) implies YES(by a later one).</summary>
    DeadlineLadder,

    /// <summary>At most one market resolves YES; exactly one when <see cref="Relationship.Exhaustive"/>.</summary>
    ExclusiveSet,

    /// <summary>Markets[0] = YES(X above K1), Markets[1] = YES(K1 &lt; X ≤ K2), Markets[2] = YES(X above K2): P0 = P1 + P2.</summary>
    BucketLadder,

    /// <summary>Probabilistic: P(Markets[1]) should not exceed P(Markets[0]) by more than <see cref="Relationship.Slack"/>. Never riskless.</summary>
    SoftImplication,
}

/// <summary>Who proposed a relationship.</summary>
public enum RelationshipSource
{
    /// <summary>Derived from exchange metadata alone (strikes, event flags, rules templates).</summary>
    Structural,

    /// <summary>Proposed by a language model; never traded until a person approves it, and never riskless.</summary>
    Llm,
}

/// <summary>Where a relationship stands. Only <see cref="Approved"/> relationships are traded.</summary>
public enum ApprovalState
{
    Proposed,
    Approved,
    Rejected,

    /// <summary>A member market closed (or the structural facts changed): kept for the record, never evaluated.</summary>
    Retired,
}

public static class RelationshipWire
{
    public static string ToWire(RelationshipKind kind) => kind switch
    {
        RelationshipKind.Subset => "subset",
        RelationshipKind.ThresholdLadder => "threshold_ladder",
        RelationshipKind.DeadlineLadder => "deadline_ladder",
        RelationshipKind.ExclusiveSet => "exclusive_set",
        RelationshipKind.BucketLadder => "bucket_ladder",
        RelationshipKind.SoftImplication => "soft_implication",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static RelationshipKind ParseKind(string wire) => wire switch
    {
        "subset" => RelationshipKind.Subset,
        "threshold_ladder" => RelationshipKind.ThresholdLadder,
        "deadline_ladder" => RelationshipKind.DeadlineLadder,
        "exclusive_set" => RelationshipKind.ExclusiveSet,
        "bucket_ladder" => RelationshipKind.BucketLadder,
        "soft_implication" => RelationshipKind.SoftImplication,
        _ => throw new FormatException($"kind: unknown relationship kind '{wire}'"),
    };

    public static string ToWire(RelationshipSource source) => source == RelationshipSource.Structural ? "structural" : "llm";

    public static RelationshipSource ParseSource(string wire) => wire switch
    {
        "structural" => RelationshipSource.Structural,
        "llm" => RelationshipSource.Llm,
        _ => throw new FormatException($"source: unknown relationship source '{wire}'"),
    };

    public static string ToWire(ApprovalState state) => state switch
    {
        ApprovalState.Proposed => "proposed",
        ApprovalState.Approved => "approved",
        ApprovalState.Rejected => "rejected",
        ApprovalState.Retired => "retired",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static ApprovalState ParseApproval(string wire) => wire switch
    {
        "proposed" => ApprovalState.Proposed,
        "approved" => ApprovalState.Approved,
        "rejected" => ApprovalState.Rejected,
        "retired" => ApprovalState.Retired,
        _ => throw new FormatException($"approval: unknown approval state '{wire}'"),
    };
}
