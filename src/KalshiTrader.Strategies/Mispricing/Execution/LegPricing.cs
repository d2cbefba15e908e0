using KalshiTrader.Core.Books;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Detection;

namespace KalshiTrader.Strategies.Mispricing.Execution;

/// <summary>
/// The arithmetic of execution: how far a missing leg may slip while the completed trade still earns after fees,
/// how much an unwind may pay within the loss cap, and a trade's worst case for sizing. Fees are conservative
/// everywhere (taker, rounded up to the cent per order), so every bound errs toward not trading.
/// </summary>
internal static class LegPricing
{
    private const int Cent = 100;
    private static readonly Price MaxPrice = Price.FromCents(99);

    /// <summary>Engine rule price_sanity_ticks defaults to 500 above the best ask; stay under it.</summary>
    internal const int SanityTicks = 400;

    public static Money Fee(Price price, Quantity count, FeeSchedule fees) => FeeModel.ConservativeOrderFee(price, count, fees);

    /// <summary>
    /// Worst-case loss of one unit while legging in. Two legs: only one may fill, so the dearer leg. Baskets: any
    /// subset may fill, so (conservatively) every leg's cost.
    /// </summary>
    public static Money WorstCasePerUnit(Opportunity o)
    {
        var one = Quantity.FromContracts(1);
        var costs = o.Legs.Select(l => l.LimitPrice.Times(one) + Fee(l.LimitPrice, one, FeeSchedule.Standard)).ToList();
        return o.Legs.Count == 2 ? costs.Max() : costs.Aggregate(Money.Zero, (a, b) => a + b);
    }

    /// <summary>
    /// The highest limit each missing leg may pay so the trade completed at <paramref name="units"/> still earns more
    /// than nothing after fees. The slack left at the detected limits is shared among the missing legs by count, so
    /// all of them slipping together is still safe. Null for a leg that needs nothing or cannot be afforded.
    /// </summary>
    public static Price?[] RepairLimits(MispricingTrade t, Quantity units, Price maxSlippage)
    {
        var result = new Price?[t.Legs.Length];
        var payout = Money.FromMicros(t.Opportunity.PayoutPerContract.Micros * units.Hundredths / Quantity.HundredthsPerContract);
        var projected = payout;
        long missingTotal = 0;
        foreach (var leg in t.Legs)
        {
            projected -= leg.Cost + leg.FeesPaid;
            var missing = units - leg.Filled;
            if (!missing.IsPositive) continue;
            projected -= leg.Plan.LimitPrice.Times(missing) + Fee(leg.Plan.LimitPrice, missing, leg.Fees);
            missingTotal += missing.Hundredths;
        }

        // Strictly positive: keep at least one micro-dollar.
        var slack = projected.Micros - 1;
        if (slack < 0 || missingTotal == 0) return result;
        for (var i = 0; i < t.Legs.Length; i++)
        {
            var leg = t.Legs[i];
            var missing = units - leg.Filled;
            if (!missing.IsPositive) continue;
            var share = slack * missing.Hundredths / missingTotal;
            var limit = leg.Plan.LimitPrice;
            var baseCost = limit.Times(missing) + Fee(limit, missing, leg.Fees);
            var best = limit;
            var top = Math.Min(MaxPrice.Ticks, limit.Ticks + maxSlippage.Ticks);
            for (var c = (limit.Ticks / Cent + 1) * Cent; c <= top; c += Cent)
            {
                var p = Price.FromTicks(c);
                var extra = p.Times(missing) + Fee(p, missing, leg.Fees) - baseCost;
                if (extra.Micros > share) break;
                best = p;
            }

            result[i] = best;
        }

        return result;
    }

    /// <summary>
    /// The highest price at which buying the opposite outcome sells back <paramref name="surplus"/> of
    /// <paramref name="leg"/> without losing more than <paramref name="lossShare"/> on those contracts (entry
    /// cost and both fees included), or null when even the best exit on the book breaks the cap.
    /// </summary>
    public static Price? UnwindLimit(LegState leg, Quantity surplus, Money lossShare, OrderBook book)
    {
        var exit = leg.Plan.Buy.Opposite();
        if (book.BestAsk(exit) is not { } bestAsk || !leg.Filled.IsPositive) return null;
        var entry = Money.FromMicros((leg.Cost + leg.FeesPaid).Micros * surplus.Hundredths / leg.Filled.Hundredths);
        var payback = Price.One.Times(surplus);
        Money LossAt(Price p) => entry + p.Times(surplus) + Fee(p, surplus, leg.Fees) - payback;
        if (LossAt(bestAsk.Price) > lossShare) return null;
        var best = bestAsk.Price;
        var top = Math.Min(MaxPrice.Ticks, bestAsk.Price.Ticks + SanityTicks);
        for (var c = (bestAsk.Price.Ticks / Cent + 1) * Cent; c <= top; c += Cent)
        {
            var p = Price.FromTicks(c);
            if (LossAt(p) > lossShare) break;
            best = p;
        }

        return best;
    }

    /// <summary>Depth on the book at or better than the leg's detected limit: the smaller side is the less liquid leg.</summary>
    public static Quantity DepthAtLimit(OrderBook book, OpportunityLeg leg, Quantity want) => book.WalkBuy(leg.Buy, want, leg.LimitPrice).Filled;

    /// <summary>A limit never sits further above the best ask than the engine's price-sanity rule allows.</summary>
    public static Price CapForSanity(Price limit, OrderBook book, Outcome buy) =>
        book.BestAsk(buy) is { } ask && limit.Ticks > ask.Price.Ticks + SanityTicks ? Price.FromTicks(ask.Price.Ticks + SanityTicks) : limit;
}
