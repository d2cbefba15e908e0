using KalshiTrader.Core.Books;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Strategies.Mispricing.Detection;

/// <summary>One leg to price: buy <see cref="Buy"/> on <see cref="Book"/>; <see cref="ExactFee"/> is its multiplier's <see cref="FeeTables"/> row.</summary>
internal readonly record struct BasketLeg(OrderBook Book, Outcome Buy, FeeSchedule Fees, decimal[] ExactFee, int Slot);

/// <summary>
/// What a walk decided, without allocating: units that earn (<see cref="Size"/>), the top-of-book gross, and a
/// fingerprint of every level the walk read (prices and sizes), which is everything the priced result depends on.
/// </summary>
internal readonly record struct BasketWalk(Quantity Size, long GrossAtTopMicros, bool MissingAsk, ulong Fingerprint);

/// <summary>The result of pricing a walk: units taken and each leg's exact cost, fee and limit.</summary>
/// <remarks>When no unit earns, <see cref="Size"/> is zero and the legs are priced at one contract (<see cref="PricedSize"/>) to show why.</remarks>
internal readonly record struct BasketFill(Quantity Size, Quantity PricedSize, OpportunityLeg[] Legs, Money Cost, Money Fees, Money GrossAtTop);

/// <summary>
/// Walks every leg's asks together, one unit (a contract of each leg) at a time, and keeps going while the
/// marginal unit still pays more than it costs including its exact taker fees (<see cref="Walk"/>, allocation-free).
/// Then prices the chosen size conservatively (<see cref="Price"/>): each leg's fee is the per-level taker fees
/// summed and rounded up to the cent, as one order.
/// </summary>
internal static class BasketWalker
{
    private const long MicrosPerTick = 100;

    public static BasketWalk Walk(ReadOnlySpan<BasketLeg> legs, Money payoutPerUnit, Quantity cap, bool wholeContracts)
    {
        var n = legs.Length;
        Span<int> level = stackalloc int[n];
        Span<long> left = stackalloc long[n];
        var print = Fingerprint.Start;
        long grossAtTop = payoutPerUnit.Micros;
        for (var i = 0; i < n; i++)
        {
            print = Fingerprint.Mix(print, ((long)legs[i].Slot << 1) | (legs[i].Buy == Outcome.Yes ? 1L : 0L));
            if (legs[i].Book.AskDepth(legs[i].Buy) == 0) return new BasketWalk(Quantity.Zero, -payoutPerUnit.Micros, true, Fingerprint.Mix(print, -1));
            var top = legs[i].Book.AskAt(legs[i].Buy, 0);
            print = Fingerprint.Mix(print, top);
            left[i] = top.Size.Hundredths;
            grossAtTop -= top.Price.Ticks * MicrosPerTick;
        }

        long filled = 0;
        var capH = cap.Hundredths;
        while (filled < capH)
        {
            // Marginal unit at the current levels: payout − Σ price − Σ exact fee, in micro-dollars.
            decimal marginal = payoutPerUnit.Micros;
            long step = capH - filled;
            for (var i = 0; i < n; i++)
            {
                var ticks = legs[i].Book.AskAt(legs[i].Buy, level[i]).Price.Ticks;
                marginal -= ticks * MicrosPerTick + legs[i].ExactFee[ticks];
                step = Math.Min(step, left[i]);
            }

            if (marginal <= 0) break;
            filled += step;
            var exhausted = false;
            for (var i = 0; i < n; i++)
            {
                left[i] -= step;
                if (left[i] > 0) continue;
                level[i]++;
                if (level[i] >= legs[i].Book.AskDepth(legs[i].Buy))
                {
                    exhausted = true;
                    continue;
                }

                var next = legs[i].Book.AskAt(legs[i].Buy, level[i]);
                print = Fingerprint.Mix(print, next);
                left[i] = next.Size.Hundredths;
            }

            if (exhausted) break;
        }

        if (wholeContracts) filled -= filled % Quantity.HundredthsPerContract;
        return new BasketWalk(new Quantity(filled), grossAtTop, false, Fingerprint.Mix(print, filled));
    }

    /// <summary>Prices the walk's size (one contract when nothing earns), allocating the legs.</summary>
    public static BasketFill Price(ReadOnlySpan<BasketLeg> legs, in BasketWalk walk)
    {
        if (walk.MissingAsk) return new(Quantity.Zero, Quantity.Zero, [], Money.Zero, Money.Zero, Money.FromMicros(walk.GrossAtTopMicros));
        var size = walk.Size;
        var priced = size.IsZero ? Quantity.FromContracts(1) : size;
        var result = new OpportunityLeg[legs.Length];
        var cost = Money.Zero;
        var fees = Money.Zero;
        for (var i = 0; i < legs.Length; i++)
        {
            var (legCost, legFee, worst) = CostOf(legs[i], priced);
            var top = legs[i].Book.AskAt(legs[i].Buy, 0).Price;
            result[i] = new OpportunityLeg(legs[i].Book.Ticker, legs[i].Buy, worst ?? top, priced, legCost, legFee) { TopPrice = top };
            cost += legCost;
            fees += legFee;
        }

        return new BasketFill(size, priced, result, cost, fees, Money.FromMicros(walk.GrossAtTopMicros));
    }

    /// <summary>Cost of buying <paramref name="size"/> best-first and the conservative fee of doing it as one order.</summary>
    public static (Money Cost, Money Fee, Price? Worst) CostOf(BasketLeg leg, Quantity size)
    {
        var want = size.Hundredths;
        var cost = Money.Zero;
        var fee = Money.Zero;
        Price? worst = null;
        var depth = leg.Book.AskDepth(leg.Buy);
        for (var i = 0; i < depth && want > 0; i++)
        {
            var ask = leg.Book.AskAt(leg.Buy, i);
            var take = new Quantity(Math.Min(want, ask.Size.Hundredths));
            cost += ask.Price.Times(take);
            fee += FeeModel.TakerFee(ask.Price, take, leg.Fees);
            worst = ask.Price;
            want -= take.Hundredths;
        }

        return (cost, fee.CeilingToCent(), worst);
    }
}

/// <summary>A 64-bit running hash of what an evaluation read; equal prints mean (but for a 2⁻⁶⁴ collision) equal inputs.</summary>
internal static class Fingerprint
{
    public const ulong Start = 0xCBF29CE484222325;

    public static ulong Mix(ulong h, long value)
    {
        h ^= (ulong)value;
        h *= 0x9E3779B97F4A7C15;
        return h ^ (h >> 29);
    }

    public static ulong Mix(ulong h, PriceLevel level) => Mix(Mix(h, level.Price.Ticks), level.Size.Hundredths);
}
