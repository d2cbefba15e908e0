using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Strategies.Mispricing.Detection;

/// <summary>Thresholds an opportunity must clear to be VALIDATED.</summary>
public sealed record DetectionOptions
{
    /// <summary>Minimum edge per unit after conservative fees.</summary>
    public Money MinEdgePerContract { get; init; } = Money.FromMicros(5_000);

    /// <summary>The gross edge must be at least this multiple of the fees, so a fee misestimate cannot flip the sign.</summary>
    public decimal FeeSafetyMultiple { get; init; } = 2m;

    /// <summary>Minimum executable units.</summary>
    public Quantity MinSize { get; init; } = Quantity.FromContracts(1);

    /// <summary>Hard cap on units per opportunity (the risk limit the detector knows of).</summary>
    public Quantity MaxSize { get; init; } = Quantity.FromContracts(10_000);

    /// <summary>Size in whole contracts (fractional trading is per market and not universal).</summary>
    public bool WholeContracts { get; init; } = true;

    /// <summary>Soft implications need at least this confidence (and approval) before they validate.</summary>
    public decimal MinSoftConfidence { get; init; } = 0.9m;

    /// <summary>Also report "buy every YES" on exclusive sets not shown exhaustive: a bet, never riskless, never validated.</summary>
    public bool ReportBets { get; init; } = true;
}
