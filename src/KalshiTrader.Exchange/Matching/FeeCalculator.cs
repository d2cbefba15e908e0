using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// The same fees as <see cref="FeeModel"/>, in integer arithmetic for the matching hot path (the decimal version
/// costs more than the rest of a fill). The multiplier is held as an exact fraction; tests pin equality with
/// <see cref="FeeModel"/>.
/// </summary>
internal sealed class FeeCalculator
{
    private readonly long _multNum;
    private readonly long _multDen;
    private readonly int _makerNum;
    private readonly int _makerDen;
    private readonly DateTimeOffset? _waiverExpiration;

    public FeeCalculator(FeeSchedule schedule)
    {
        Schedule = schedule;
        var den = 1L;
        var m = schedule.Multiplier;
        while (m != decimal.Truncate(m) && den < 1_000_000_000L)
        {
            m *= 10;
            den *= 10;
        }

        if (m != decimal.Truncate(m) || m < 0) throw new ArgumentException($"fee multiplier {schedule.Multiplier} has too many decimals");
        _multNum = (long)m;
        _multDen = den;
        (_makerNum, _makerDen) = schedule.Type switch
        {
            FeeType.Quadratic => (0, 1),
            FeeType.QuadraticWithMakerFees => (1, 4),
            FeeType.QuadraticWithComboMakerFees => (1, 2),
            _ => (1, 1),
        };
        _waiverExpiration = schedule.WaiverExpiration;
    }

    public FeeSchedule Schedule { get; }

    /// <summary>Fee in micro-dollars for a fill of <paramref name="hundredths"/> at <paramref name="ticks"/> (either side's price).</summary>
    public long Fee(bool isTaker, int ticks, long hundredths, long nowUtcTicks)
    {
        if (_waiverExpiration is { } w && nowUtcTicks < w.UtcTicks) return 0;
        return isTaker ? Compute(ticks, hundredths, 1, 1) : Compute(ticks, hundredths, _makerNum, _makerDen);
    }

    /// <summary>The taker fee ignoring waivers: the most any fill of this size can cost, used to size reservations.</summary>
    public long MaxFee(int ticks, long hundredths) => Compute(ticks, hundredths, 1, 1);

    private long Compute(int ticks, long hundredths, int shareNum, int shareDen)
    {
        if (shareNum == 0 || hundredths == 0 || _multNum == 0) return 0;

        // micros = mult × 7 × h × t × (10⁴ − t) × share / 10⁶, rounded up to a $0.0001 tick (100 micros).
        if (hundredths <= 100_000_000 && _multNum <= 500 && _multDen <= 10_000)
        {
            // Fits in 64 bits: 500 × 7 × 10⁸ × 2.5·10⁷ = 8.75·10¹⁸ < 9.22·10¹⁸ (Int128 division is several times slower).
            var n = _multNum * 7 * hundredths * ticks * (Price.TicksPerDollar - ticks) * shareNum;
            var d = _multDen * 1_000_000 * shareDen * 100;

            // The usual case (whole multiplier, taker share) by a constant divisor: a multiplication instead of a division.
            if (d == 100_000_000) return (n + 99_999_999) / 100_000_000 * 100;
            return (n + d - 1) / d * 100;
        }

        Int128 num = (Int128)_multNum * 7 * hundredths * ticks * (Price.TicksPerDollar - ticks) * shareNum;
        Int128 den = (Int128)_multDen * 1_000_000 * shareDen * 100;
        var feeTicks = (num + den - 1) / den;
        return (long)(feeTicks * 100);
    }
}
