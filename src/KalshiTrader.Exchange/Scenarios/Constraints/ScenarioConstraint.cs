using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Exchange.Scenarios.Constraints;

/// <summary>
/// A relationship that truly holds between a scenario's markets, because the scenario decides outcomes that way.
/// <see cref="Kind"/> uses the strategy's relationship wire names (threshold_ladder, deadline_ladder, exclusive_set,
/// bucket_ladder) so the demo can compare detections with injections by type.
/// </summary>
public abstract record ScenarioConstraint(string Kind, IReadOnlyList<MarketTicker> Markets, string Reason);

/// <summary>YES(<see cref="If"/>) implies YES(<see cref="Then"/>): P(If) ≤ P(Then). Ladder pairs and deadline pairs.</summary>
public sealed record ImplicationConstraint(string Kind, MarketTicker If, MarketTicker Then, string Reason)
    : ScenarioConstraint(Kind, [If, Then], Reason);

/// <summary>At most one YES among <see cref="ScenarioConstraint.Markets"/>; exactly one when <see cref="Exhaustive"/>.</summary>
public sealed record ExclusiveConstraint(IReadOnlyList<MarketTicker> Members, bool Exhaustive, string Reason)
    : ScenarioConstraint("exclusive_set", Members, Reason);

/// <summary>P(X &gt; K1) = P(K1 &lt; X ≤ K2) + P(X &gt; K2) for thresholds <see cref="Low"/>, <see cref="High"/> and the bucket between.</summary>
public sealed record BucketLadderConstraint(MarketTicker Low, MarketTicker Bucket, MarketTicker High, string Reason)
    : ScenarioConstraint("bucket_ladder", [Low, Bucket, High], Reason);
