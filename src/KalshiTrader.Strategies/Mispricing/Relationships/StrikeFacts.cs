using KalshiTrader.Core.Markets;

namespace KalshiTrader.Strategies.Mispricing.Relationships;

/// <summary>Which way a threshold market's YES points on the underlying's line.</summary>
internal enum StrikeDirection
{
    None,

    /// <summary>greater / greater_or_equal: YES above the floor strike.</summary>
    Above,

    /// <summary>less / less_or_equal: YES below the cap strike.</summary>
    Below,
}

/// <summary>What a market's strike metadata says, read once.</summary>
internal readonly record struct StrikeFacts(StrikeDirection Direction, decimal Strike, bool Inclusive)
{
    public static StrikeFacts Of(Market m) => m.StrikeType switch
    {
        StrikeType.Greater when m.FloorStrike is { } f => new(StrikeDirection.Above, f, false),
        StrikeType.GreaterOrEqual when m.FloorStrike is { } f => new(StrikeDirection.Above, f, true),
        StrikeType.Less when m.CapStrike is { } c => new(StrikeDirection.Below, c, false),
        StrikeType.LessOrEqual when m.CapStrike is { } c => new(StrikeDirection.Below, c, true),
        _ => default,
    };

    /// <summary>
    /// Orders a ladder weakest (most likely) first, so that YES of a later member implies YES of an earlier one.
    /// Above: lower strikes are weaker, and at one strike "≥" is weaker than "&gt;". Below mirrors it.
    /// </summary>
    public static int CompareWeakestFirst(StrikeFacts x, StrikeFacts y)
    {
        var byStrike = x.Direction == StrikeDirection.Above ? x.Strike.CompareTo(y.Strike) : y.Strike.CompareTo(x.Strike);
        if (byStrike != 0) return byStrike;
        return y.Inclusive.CompareTo(x.Inclusive); // inclusive first
    }
}
