using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Relationships;

namespace KalshiTrader.Strategies.Mispricing.Detection;

/// <summary>DETECTED → VALIDATED → EXECUTING → FILLED / EXPIRED / FAILED.</summary>
public enum OpportunityStatus
{
    /// <summary>Executable prices break the constraint, but a threshold (edge, fee safety, size, approval) is not met.</summary>
    Detected,

    /// <summary>Passes every threshold on a tradeable relationship: the strategy may act on it.</summary>
    Validated,
    Executing,
    Filled,

    /// <summary>The prices moved away before it could be traded.</summary>
    Expired,
    Failed,
}

/// <summary>One order an opportunity needs: buy <see cref="Buy"/> on <see cref="Ticker"/> up to <see cref="LimitPrice"/> (that outcome's own price).</summary>
public sealed record OpportunityLeg(MarketTicker Ticker, Outcome Buy, Price LimitPrice, Quantity Size, Money Cost, Money Fee)
{
    /// <summary>Best (first) price of the walk, where the leg starts filling.</summary>
    public Price TopPrice { get; init; }
}

/// <summary>
/// A set of orders that together pay at least <see cref="PayoutPerContract"/> in every state the relationship
/// allows, priced on executable asks walked to <see cref="Size"/>, with conservative fees (taker on every leg,
/// rounded up to the cent per order).
/// </summary>
public sealed record Opportunity
{
    public required string Id { get; init; }
    public required string RelationshipId { get; init; }
    public required RelationshipKind Kind { get; init; }

    /// <summary>What the trade does, e.g. "threshold_ladder", "exclusive_buy_all_no", "exclusive_buy_all_yes".</summary>
    public required string Type { get; init; }
    public required IReadOnlyList<OpportunityLeg> Legs { get; init; }

    /// <summary>Minimum payout per unit (one contract of every leg) if the relationship holds.</summary>
    public required Money PayoutPerContract { get; init; }

    /// <summary>Top-of-book edge per unit before fees (the first contract of each leg).</summary>
    public required Money GrossEdgeAtTop { get; init; }

    /// <summary>(payout × size − cost − fees) / size, floored to the micro-dollar.</summary>
    public required Money EdgePerContract { get; init; }
    public required Money TotalEdge { get; init; }
    public required Money TotalCost { get; init; }
    public required Money TotalFees { get; init; }

    /// <summary>Units executable: each leg's book walked while the marginal unit still earns after fees, capped by limits.</summary>
    public required Quantity Size { get; init; }
    public required decimal Confidence { get; init; }

    /// <summary>Edge × confidence × liquidity: expected dollars after fees, weighted by how sure we are of the link.</summary>
    public required decimal Score { get; init; }

    /// <summary>True only when a proven (structural) link guarantees the payout: never for a non-exhaustive "buy every YES" or anything from a model.</summary>
    public required bool Riskless { get; init; }
    public required OpportunityStatus Status { get; init; }

    /// <summary>Why it is not validated (every failed threshold), or other caveats; null when clean.</summary>
    public string? Note { get; init; }
    public required DateTimeOffset DetectedAt { get; init; }

    /// <summary>Same relationship, type and leg markets: the same opportunity seen again.</summary>
    public string Key => RelationshipId + "|" + Type + "|" + string.Join(",", Legs.Select(l => $"{l.Ticker}:{(l.Buy == Outcome.Yes ? "yes" : "no")}"));
}
