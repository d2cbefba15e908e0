using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Fees;

/// <summary>
/// Kalshi's trading fees. Taker fee per fill = round-up-to-$0.0001 of mult × 0.07 × C × P × (1 − P);
/// makers pay 0.0175 (a quarter) only on series whose fee type charges makers. All arithmetic is exact:
/// with C in hundredths (h) and P in ticks (t), the fee in micro-dollars is mult × 7 × h × t × (10⁴ − t) / 10⁶.
/// </summary>
public static class FeeModel
{
    private const decimal MicrosPerTick = 100m; // $0.0001 in micro-dollars

    /// <summary>Fee for a taker fill of <paramref name="count"/> at <paramref name="price"/> (YES or NO price: P(1−P) is symmetric).</summary>
    public static Money TakerFee(Price price, Quantity count, FeeSchedule schedule, DateTimeOffset? at = null) =>
        Fee(price, count, schedule, (1, 1), at);

    /// <summary>Fee for a maker fill: zero unless the fee type charges makers.</summary>
    public static Money MakerFee(Price price, Quantity count, FeeSchedule schedule, DateTimeOffset? at = null) =>
        Fee(price, count, schedule, MakerShare(schedule.Type), at);

    public static Money FillFee(bool isTaker, Price price, Quantity count, FeeSchedule schedule, DateTimeOffset? at = null) =>
        isTaker ? TakerFee(price, count, schedule, at) : MakerFee(price, count, schedule, at);

    /// <summary>
    /// The fee a careful strategy budgets for one order: the taker fee rounded up to the whole cent, because a
    /// retail balance moves in cents and the order may fill in pieces.
    /// </summary>
    public static Money ConservativeOrderFee(Price price, Quantity count, FeeSchedule schedule) =>
        TakerFee(price, count, schedule).CeilingToCent();

    /// <summary>
    /// The change a retail (cent-precision) balance sees for a fill: −(cost + fee), floored to the cent.
    /// The difference from the exact change is Kalshi's rounding fee.
    /// </summary>
    public static Money RetailBalanceChange(Money exactChange) => exactChange.FloorToCent();

    // A maker's share of the 0.07 base rate, as a fraction (numerator, denominator).
    private static (int Num, int Den) MakerShare(FeeType type) => type switch
    {
        FeeType.Quadratic => (0, 1),
        FeeType.QuadraticWithMakerFees => (1, 4),
        FeeType.QuadraticWithComboMakerFees => (1, 2),
        FeeType.Flat => (1, 1),
        _ => (1, 1),
    };

    private static Money Fee(Price price, Quantity count, FeeSchedule schedule, (int Num, int Den) share, DateTimeOffset? at)
    {
        if (share.Num == 0 || count.IsZero || schedule.Multiplier == 0) return Money.Zero;
        if (at is { } time && schedule.IsWaivedAt(time)) return Money.Zero;
        var t = (decimal)price.Ticks;
        var h = (decimal)Math.Abs(count.Hundredths);
        var micros = schedule.Multiplier * 7m * h * t * (Price.TicksPerDollar - t) * share.Num / (1_000_000m * share.Den);
        var ticks = decimal.Ceiling(micros / MicrosPerTick);
        return Money.FromMicros((long)(ticks * MicrosPerTick));
    }
}
