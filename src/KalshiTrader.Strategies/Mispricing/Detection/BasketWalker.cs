using KalshiTrader.Core.Books;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Strategies.Mispricing.Detection;

/// <summary>One leg to price: buy <see cref="Buy"/> on <see cref="Book"/>.</summary>
internal readonly record struct BasketLeg(OrderBook Book, Outcome Buy, FeeSchedule Fees);

/// <summary>The result of walking a basket: units taken and each leg's exact cost, fee and limit.</summary>
/// <remarks>When no unit earns, <see cref="Size"/> is zero and the legs are priced at one contract (<see cref="PricedSize"/>) to show why.</remarks>
internal readonly record struct BasketFill(Quantity Size, Quantity PricedSize, OpportunityLeg[] Legs, Money Cost, Money Fees, Money GrossAtTop);

/// <summary>
/// Walks every leg's asks together, one unit (a contract of each leg) at a time, and keeps going while the
/// marginal unit still pays more than it costs including its exact taker fees. Then prices the chosen size
/// conservatively: each leg's fee is the per-level taker fees summed and rounded up to the cent, as one order.
/// </summary>
internal static class BasketWalker
{
    private const long MicrosPerTick = 100;

    public static BasketFill Walk(ReadOnlySpan<BasketLeg> legs, Money payoutPerUnit, Quantity cap, bool wholeContracts)
    {
        var n = legs.Length;
        Span<int> level = stackalloc int[n];
        Span<long> left = stackalloc long[n];
        long grossAtTop = payoutPerUnit.Micros;
        for (var i = 0; i < n; i++)
        {
            if (legs[i].Book.AskDepth(legs[i].Buy) == 0) return Empty(legs, payoutPerUnit, grossAtTop: long.MinValue);
            var top = legs[i].Book.AskAt(legs[i].Buy, 0);
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
                var ask = legs[i].Book.AskAt(legs[i].Buy, level[i]);
                marginal -= ask.Price.Ticks * MicrosPerTick + ExactFeeMicrosPerContract(ask.Price, legs[i].Fees);
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

                left[i] = legs[i].Book.AskAt(legs[i].Buy, level[i]).Size.Hundredths;
            }

            if (exhausted) break;
        }

        if (wholeContracts) filled -= filled % Quantity.HundredthsPerContract;
        var size = new Quantity(filled);
        var priced = size.IsZero ? Quantity.FromContracts(1) : size;
        return PriceAt(legs, size, priced, grossAtTop);
    }

    /// <summary>Prices exactly <paramref name="priced"/> units.</summary>
    private static BasketFill PriceAt(ReadOnlySpan<BasketLeg> legs, Quantity size, Quantity priced, long grossAtTop)
    {
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

        return new BasketFill(size, priced, result, cost, fees, Money.FromMicros(grossAtTop));
    }

    private static BasketFill Empty(ReadOnlySpan<BasketLeg> legs, Money payout, long grossAtTop) =>
        new(Quantity.Zero, Quantity.Zero, [], Money.Zero, Money.Zero, Money.FromMicros(grossAtTop == long.MinValue ? -payout.Micros : grossAtTop));

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

    // mult × 0.07 × P × (1 − P) dollars for one contract, unrounded: the marginal test must not be lumpy.
    private static decimal ExactFeeMicrosPerContract(Price p, FeeSchedule fees) =>
        fees.Multiplier * 7m * p.Ticks * (Price.TicksPerDollar - p.Ticks) / 10_000m;
}
