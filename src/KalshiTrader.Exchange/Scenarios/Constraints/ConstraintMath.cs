using KalshiTrader.Core.Books;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Exchange.Scenarios.Constraints;

/// <summary>The executable top of one market: best YES bid and ask with their sizes (null price = empty side).</summary>
public readonly record struct Quote(Price? Bid, Quantity BidSize, Price? Ask, Quantity AskSize)
{
    public static Quote Of(OrderBook book) => new(book.BestYesBid?.Price, book.BestYesBid?.Size ?? default, book.YesAsk?.Price, book.YesAsk?.Size ?? default);
}

/// <summary>One leg of a riskless basket: buy <see cref="Buys"/> on <see cref="Ticker"/> at <see cref="Price"/> (that outcome's price).</summary>
public readonly record struct Leg(MarketTicker Ticker, Outcome Buys, Price Price, Quantity Depth);

/// <summary>A basket whose payoff is at least <see cref="Payout"/> in every state, priced on executable quotes.</summary>
/// <param name="EdgePerContract">(payout − cost) per basket minus conservative fees, per basket, at <see cref="Size"/> baskets.</param>
/// <param name="FeesPerContract">The conservative fees of all legs, per basket.</param>
public sealed record Violation(ScenarioConstraint Constraint, string Trade, IReadOnlyList<Leg> Legs, Money Payout, Quantity Size, Money EdgePerContract, Money FeesPerContract)
{
    /// <summary>Edge before fees, per basket.</summary>
    public Money GrossPerContract => EdgePerContract + FeesPerContract;

    public Money TotalEdge => Money.FromMicros(EdgePerContract.Micros * Size.Hundredths / Quantity.HundredthsPerContract);
}

/// <summary>
/// The arithmetic of reference/constraints.md on executable prices: every basket that a constraint makes riskless,
/// its cost from the asks of what it buys, and conservative fees (taker fee on every leg, rounded up to the cent per
/// order) at a size no deeper than the thinnest leg's top level (capped at <paramref name="maxSize"/>).
/// </summary>
public static class ConstraintMath
{
    public static IReadOnlyList<Violation> Baskets(
        ScenarioConstraint constraint, Func<MarketTicker, Quote?> quotes, Func<MarketTicker, FeeSchedule> fees, Quantity maxSize)
    {
        var result = new List<Violation>();
        switch (constraint)
        {
            case ImplicationConstraint imp:
                // Buy NO on If (lifts its YES bid) and YES on Then: pays ≥ $1 in every state.
                Add(result, constraint, "buy NO on the implying market, YES on the implied one", [No(quotes, imp.If), Yes(quotes, imp.Then)], 1, fees, maxSize);
                break;
            case ExclusiveConstraint ex:
                Add(result, constraint, "buy NO on every member", ex.Members.Select(m => No(quotes, m)).ToList(), ex.Members.Count - 1, fees, maxSize);
                if (ex.Exhaustive) Add(result, constraint, "buy YES on every member", ex.Members.Select(m => Yes(quotes, m)).ToList(), 1, fees, maxSize);
                break;
            case BucketLadderConstraint b:
                Add(result, constraint, "buy NO on the low threshold, YES on the bucket and the high threshold",
                    [No(quotes, b.Low), Yes(quotes, b.Bucket), Yes(quotes, b.High)], 1, fees, maxSize);
                Add(result, constraint, "buy YES on the low threshold, NO on the bucket and the high threshold",
                    [Yes(quotes, b.Low), No(quotes, b.Bucket), No(quotes, b.High)], 2, fees, maxSize);
                break;
        }

        return result;
    }

    /// <summary>The baskets with a positive edge after fees.</summary>
    public static IReadOnlyList<Violation> Violations(
        IEnumerable<ScenarioConstraint> constraints, Func<MarketTicker, Quote?> quotes, Func<MarketTicker, FeeSchedule> fees, Quantity maxSize) =>
        constraints.SelectMany(c => Baskets(c, quotes, fees, maxSize)).Where(v => v.EdgePerContract.IsPositive).ToList();

    private static Leg? Yes(Func<MarketTicker, Quote?> quotes, MarketTicker t) =>
        quotes(t) is { Ask: { } a } q ? new Leg(t, Outcome.Yes, a, q.AskSize) : null;

    private static Leg? No(Func<MarketTicker, Quote?> quotes, MarketTicker t) =>
        quotes(t) is { Bid: { } b } q ? new Leg(t, Outcome.No, b.Complement, q.BidSize) : null;

    private static void Add(List<Violation> into, ScenarioConstraint c, string trade, IReadOnlyList<Leg?> legs, int payoutDollars,
        Func<MarketTicker, FeeSchedule> fees, Quantity maxSize)
    {
        if (legs.Any(l => l is null)) return;
        var real = legs.Select(l => l!.Value).ToList();
        var depth = real.Min(l => l.Depth.Hundredths);
        var size = Math.Min(depth, maxSize.Hundredths) / Quantity.HundredthsPerContract * Quantity.HundredthsPerContract;
        if (size <= 0) return;
        var count = Quantity.FromHundredths(size);
        var cost = real.Sum(l => l.Price.Times(count).Micros);
        var fee = real.Sum(l => FeeModel.ConservativeOrderFee(l.Price, count, fees(l.Ticker)).Micros);
        var payout = Money.FromCents(100L * payoutDollars);
        var total = payout.Micros * size / Quantity.HundredthsPerContract - cost - fee;
        into.Add(new Violation(c, trade, real, payout, count, Money.FromMicros(total * Quantity.HundredthsPerContract / size),
            Money.FromMicros(fee * Quantity.HundredthsPerContract / size)));
    }
}
