using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Exchange.Scenarios.Injections;

/// <summary>What an injection breaks (or only appears to break).</summary>
public enum InjectionKind
{
    /// <summary>"Cut by an earlier meeting" bid above "cut by a later meeting" ask: a real subset (deadline) arbitrage.</summary>
    DeadlineSubset,

    /// <summary>A ladder violation whose best pair is two strikes apart (neighbours alone show no edge after fees).</summary>
    LadderNonAdjacent,

    /// <summary>Σ YES bids &gt; 1 + fees on a mutually exclusive set: buy NO on every member.</summary>
    ExclusiveBuyAllNo,

    /// <summary>Σ YES asks &lt; 1 − fees on an exhaustive bucket set: buy YES on every member.</summary>
    ExhaustiveBuyAllYes,

    /// <summary>P(X &gt; K1) bid above P(K1 &lt; X ≤ K2) + P(X &gt; K2) asks: a three-leg bucket-vs-ladder trade.</summary>
    BucketLadder,

    /// <summary>Tempting, NOT riskless: Σ YES asks &lt; 1 on an exclusive set that is not exhaustive (nobody listed may win).</summary>
    NonExhaustiveBuyAllYes,

    /// <summary>Tempting, NOT riskless: a "ladder" pair across two settlement times (a higher strike at one hour bid above a lower strike's ask at another).</summary>
    LadderAcrossTimes,
}

public static class InjectionKinds
{
    /// <summary>False for the tempting non-arbitrages, which a correct strategy must not trade as riskless.</summary>
    public static bool IsArbitrage(this InjectionKind kind) => kind is not (InjectionKind.NonExhaustiveBuyAllYes or InjectionKind.LadderAcrossTimes);

    /// <summary>The relationship kind (strategy wire name) a detector would file this under.</summary>
    public static string RelationshipKind(this InjectionKind kind) => kind switch
    {
        InjectionKind.DeadlineSubset => "deadline_ladder",
        InjectionKind.LadderNonAdjacent or InjectionKind.LadderAcrossTimes => "threshold_ladder",
        InjectionKind.ExclusiveBuyAllNo or InjectionKind.ExhaustiveBuyAllYes or InjectionKind.NonExhaustiveBuyAllYes => "exclusive_set",
        InjectionKind.BucketLadder => "bucket_ladder",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Snake-case name for reports and JSON ("exclusive_buy_all_no").</summary>
    public static string ToWire(this InjectionKind kind) => kind switch
    {
        InjectionKind.DeadlineSubset => "deadline_subset",
        InjectionKind.LadderNonAdjacent => "ladder_non_adjacent",
        InjectionKind.ExclusiveBuyAllNo => "exclusive_buy_all_no",
        InjectionKind.ExhaustiveBuyAllYes => "exhaustive_buy_all_yes",
        InjectionKind.BucketLadder => "bucket_ladder",
        InjectionKind.NonExhaustiveBuyAllYes => "non_exhaustive_buy_all_yes",
        InjectionKind.LadderAcrossTimes => "ladder_across_times",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

/// <summary>An injection still to come; <see cref="Attempt"/> counts tries when the books offered no clean way at first.</summary>
public sealed record PlannedInjection(InjectionKind Kind, DateTimeOffset At, TimeSpan Lifetime, int Attempt = 1);

/// <summary>
/// One placed injection: the resting liquidity the "injector" account put up (good until <see cref="ExpiresAt"/>),
/// and what it offers. For an arbitrage, <see cref="ExpectedEdgePerContract"/> is the riskless edge after conservative
/// fees on the book right after placement, at <see cref="Size"/> baskets; for a tempting non-arbitrage it is the
/// edge a detector would wrongly see. <see cref="Verified"/> says the book really showed it;
/// <see cref="SideEffects"/> lists any other constraint the injection broke (none expected).
/// </summary>
public sealed record InjectionRecord(
    int Id,
    InjectionKind Kind,
    IReadOnlyList<MarketTicker> Markets,
    DateTimeOffset Time,
    DateTimeOffset ExpiresAt,
    Quantity Size,
    Money ExpectedEdgePerContract,
    string Description,
    bool Verified,
    IReadOnlyList<string> SideEffects,
    IReadOnlyList<OrderId> Orders)
{
    public bool IsArbitrage => Kind.IsArbitrage();

    public string RelationshipKind => Kind.RelationshipKind();

    /// <summary>Edge per contract × size.</summary>
    public Money ExpectedEdge => Money.FromMicros(ExpectedEdgePerContract.Micros * Size.Hundredths / Quantity.HundredthsPerContract);
}
