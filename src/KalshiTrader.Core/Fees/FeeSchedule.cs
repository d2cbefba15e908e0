namespace KalshiTrader.Core.Fees;

/// <summary>Kalshi's series <c>fee_type</c>.</summary>
public enum FeeType
{
    /// <summary>Takers pay the quadratic fee; makers pay nothing.</summary>
    Quadratic,

    /// <summary>Makers pay a quarter of the taker rate (0.0175).</summary>
    QuadraticWithMakerFees,

    /// <summary>Makers pay half the taker rate on combo markets.</summary>
    QuadraticWithComboMakerFees,

    /// <summary>A flat table Kalshi has not published; priced as quadratic on both sides to stay conservative.</summary>
    Flat,
}

/// <summary>
/// The fee terms that apply to one market: the series' type and multiplier, already overridden by the
/// event's <c>fee_type_override</c>/<c>fee_multiplier_override</c> where present, plus any waiver.
/// </summary>
public sealed record FeeSchedule(FeeType Type, decimal Multiplier, DateTimeOffset? WaiverExpiration = null)
{
    /// <summary>Kalshi's default: taker-only quadratic, multiplier 1.</summary>
    public static FeeSchedule Standard { get; } = new(FeeType.Quadratic, 1m);

    /// <summary>Applies event overrides (null = keep the series value).</summary>
    public FeeSchedule WithOverrides(FeeType? typeOverride, decimal? multiplierOverride) =>
        this with { Type = typeOverride ?? Type, Multiplier = multiplierOverride ?? Multiplier };

    public bool IsWaivedAt(DateTimeOffset time) => WaiverExpiration is { } w && time < w;

    /// <summary>Parses Kalshi's wire name; unknown names are an error rather than a guess.</summary>
    public static FeeType ParseType(string wire) => wire switch
    {
        "quadratic" => FeeType.Quadratic,
        "quadratic_with_maker_fees" => FeeType.QuadraticWithMakerFees,
        "quadratic_with_combo_maker_fees" => FeeType.QuadraticWithComboMakerFees,
        "flat" => FeeType.Flat,
        _ => throw new FormatException($"fee_type: unknown value '{wire}'"),
    };

    public static string ToWire(FeeType type) => type switch
    {
        FeeType.Quadratic => "quadratic",
        FeeType.QuadraticWithMakerFees => "quadratic_with_maker_fees",
        FeeType.QuadraticWithComboMakerFees => "quadratic_with_combo_maker_fees",
        FeeType.Flat => "flat",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
