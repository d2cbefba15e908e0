using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Strategies.Mispricing.Detection;

/// <summary>
/// The exact, unrounded taker fee of one contract at every tick price for one fee multiplier:
/// mult × 0.07 × P × (1 − P) dollars, in micro-dollars. The basket walk's marginal test reads it once per leg
/// and level, so the table turns a decimal division per read into a load. One table per distinct multiplier.
/// </summary>
internal sealed class FeeTables
{
    private readonly Dictionary<decimal, decimal[]> _byMultiplier = [];

    public decimal[] For(FeeSchedule fees)
    {
        if (_byMultiplier.TryGetValue(fees.Multiplier, out var table)) return table;
        table = new decimal[Price.TicksPerDollar + 1];
        for (var t = 0; t <= Price.TicksPerDollar; t++) table[t] = fees.Multiplier * 7m * t * (Price.TicksPerDollar - t) / 10_000m;
        _byMultiplier[fees.Multiplier] = table;
        return table;
    }
}
