using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Scenarios.Constraints;
using KalshiTrader.Exchange.Scenarios.Models;

namespace KalshiTrader.Exchange.Scenarios.Injections;

/// <summary>
/// Chooses where and how far to push prices for each kind of injection, on the demo's market set. Each plan walks
/// prices one grid tick at a time on a trial book until the intended basket clears <see cref="Injector.Margin"/>
/// after conservative fees, and rejects any candidate that would also break another real constraint.
/// </summary>
internal sealed class InjectionPlanner(
    Injector injector, Func<MarketTicker, double?> fair, IReadOnlyList<ScenarioConstraint> constraints,
    BtcLadderPart? btc, PresidentialPart? pres, FedPart? fed, CpiPart? cpi)
{
    private const int MaxSteps = 400;

    public InjectionRecord Inject(InjectionKind kind, TimeSpan lifetime) => kind switch
    {
        InjectionKind.DeadlineSubset => DeadlineSubset(lifetime),
        InjectionKind.LadderNonAdjacent => LadderNonAdjacent(lifetime),
        InjectionKind.ExclusiveBuyAllNo => ExclusiveBuyAllNo(lifetime),
        InjectionKind.ExhaustiveBuyAllYes => ExhaustiveBuyAllYes(lifetime),
        InjectionKind.BucketLadder => BucketLadder(lifetime),
        InjectionKind.NonExhaustiveBuyAllYes => NonExhaustiveBuyAllYes(lifetime),
        InjectionKind.LadderAcrossTimes => LadderAcrossTimes(lifetime),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private InjectionRecord DeadlineSubset(TimeSpan lifetime)
    {
        if (fed is null) return injector.Failed(InjectionKind.DeadlineSubset, [], "no Fed deadline markets in this scenario");
        var deadlines = fed.Meetings.Select(m => m.Deadline).ToList();
        for (var i = 0; i + 1 < deadlines.Count; i++)
        {
            var constraint = Implication(deadlines[i], deadlines[i + 1]);
            if (constraint is null) continue;
            // Offer "cut by the later meeting" cheaper than "cut by the earlier one" is bid.
            var trial = WalkDown(constraint, deadlines[i + 1], null);
            if (trial is not null)
            {
                return injector.Place(InjectionKind.DeadlineSubset, trial, constraint, null, true, lifetime,
                    $"YES on {deadlines[i + 1]} offered below the bid for {deadlines[i]} (an earlier deadline): buy NO on the earlier, YES on the later");
            }
        }

        return injector.Failed(InjectionKind.DeadlineSubset, deadlines, "no deadline pair could be pushed cleanly");
    }

    private InjectionRecord LadderNonAdjacent(TimeSpan lifetime)
    {
        if (btc is null) return injector.Failed(InjectionKind.LadderNonAdjacent, [], "no BTC ladder in this scenario");
        var strikes = btc.Hours[0].Strikes;
        foreach (var j in Enumerable.Range(2, strikes.Count - 2).OrderBy(j => Math.Abs((fair(strikes[j - 1]) ?? 0) - 0.5)))
        {
            var (a, m, b) = (strikes[j], strikes[j - 1], strikes[j - 2]);
            var constraint = Implication(a, b);
            var mq = injector.LiveQuote(m);
            if (constraint is null || mq is not { Bid: { } mb, Ask: { } ma }) continue;
            // Lift A's bid and drop B's ask by the same number of ticks around the middle strike's quotes: neighbour
            // pairs each gain only that many ticks (less than fees), the outer pair gains the middle spread plus twice that.
            Price? y = ma, x = mb;
            for (var step = 0; step < 20 && y is { } yy && x is { } xx; step++)
            {
                y = injector.Grid(a).NextUp(yy);
                x = injector.Grid(b).NextDown(xx);
                if (y is null || x is null) break;
                var trial = injector.NewTrial();
                trial.Pushes[a] = (OrderSide.Bid, y.Value);
                trial.Pushes[b] = (OrderSide.Ask, x.Value);
                if (trial.Best(constraint) is not { } v || !Injector.Clears(v)) continue;
                if (trial.SideEffects(constraint).Count > 0) break;
                return injector.Place(InjectionKind.LadderNonAdjacent, trial, constraint, null, true, lifetime,
                    $"{a} bid at {y} and {b} offered at {x}, around {m} (bid {mb}, ask {ma}): the edge is only in the pair two strikes apart");
            }
        }

        return injector.Failed(InjectionKind.LadderNonAdjacent, strikes, "no strike triple could be pushed cleanly");
    }

    private InjectionRecord ExclusiveBuyAllNo(TimeSpan lifetime)
    {
        if (pres is null) return injector.Failed(InjectionKind.ExclusiveBuyAllNo, [], "no exclusive event in this scenario");
        var constraint = constraints.OfType<ExclusiveConstraint>().First(c => c.Members.SequenceEqual(pres.Members));
        var trial = RoundRobin(constraint, "buy NO on every member", pres.Members, OrderSide.Bid, 8);
        return trial is null
            ? injector.Failed(InjectionKind.ExclusiveBuyAllNo, pres.Members, "could not lift the YES bids above 1 + fees")
            : injector.Place(InjectionKind.ExclusiveBuyAllNo, trial, constraint, "buy NO on every member", true, lifetime,
                $"YES bids lifted on {string.Join(", ", trial.Pushes.Keys)} so Σ YES bids > 1 + fees: buy NO on all {pres.Members.Count}");
    }

    private InjectionRecord ExhaustiveBuyAllYes(TimeSpan lifetime)
    {
        if (fed is null) return injector.Failed(InjectionKind.ExhaustiveBuyAllYes, [], "no Fed buckets in this scenario");
        var buckets = fed.Meetings[0].Buckets;
        var constraint = constraints.OfType<ExclusiveConstraint>().First(c => c.Members.SequenceEqual(buckets));
        var trial = RoundRobin(constraint, "buy YES on every member", buckets, OrderSide.Ask, 4);
        return trial is null
            ? injector.Failed(InjectionKind.ExhaustiveBuyAllYes, buckets, "could not drop the YES asks below 1 − fees")
            : injector.Place(InjectionKind.ExhaustiveBuyAllYes, trial, constraint, "buy YES on every member", true, lifetime,
                $"YES asks dropped on {string.Join(", ", trial.Pushes.Keys)} so Σ YES asks < 1 − fees on an exhaustive bucket set: buy YES on all");
    }

    private InjectionRecord BucketLadder(TimeSpan lifetime)
    {
        if (cpi is null) return injector.Failed(InjectionKind.BucketLadder, [], "no CPI bucket event in this scenario");
        const string trade = "buy NO on the low threshold, YES on the bucket and the high threshold";
        // Spread the push over the three legs: one leg pushed alone far enough would also break a neighbouring
        // triple or the bucket set's sum, which is a different (unintended) mispricing.
        foreach (var c in constraints.OfType<BucketLadderConstraint>().OrderBy(c => Math.Abs((fair(c.Bucket) ?? 0) - 0.3)))
        {
            var trial = RoundRobin(c, trade, [(c.Low, OrderSide.Bid), (c.Bucket, OrderSide.Ask), (c.High, OrderSide.Ask)]);
            if (trial is not null)
            {
                return injector.Place(InjectionKind.BucketLadder, trial, c, trade, true, lifetime,
                    $"{c.Low} bid above the asks of {c.Bucket} + {c.High}: buy NO {c.Low}, YES {c.Bucket}, YES {c.High}");
            }
        }

        return injector.Failed(InjectionKind.BucketLadder, cpi.Ladder, "no bucket triple could be pushed cleanly");
    }

    private InjectionRecord NonExhaustiveBuyAllYes(TimeSpan lifetime)
    {
        if (pres is null) return injector.Failed(InjectionKind.NonExhaustiveBuyAllYes, [], "no exclusive event in this scenario");
        // Priced as if it were exhaustive, which is exactly the mistake it tempts.
        var apparent = new ExclusiveConstraint(pres.Members, Exhaustive: true, "NOT a real constraint: the set is not exhaustive");
        var trial = RoundRobin(apparent, "buy YES on every member", pres.Members, OrderSide.Ask, 6, realOnly: true);
        return trial is null
            ? injector.Failed(InjectionKind.NonExhaustiveBuyAllYes, pres.Members, "could not drop the YES asks cleanly")
            : injector.Place(InjectionKind.NonExhaustiveBuyAllYes, trial, apparent, "buy YES on every member", false, lifetime,
                "Σ YES asks < 1 on a non-exhaustive exclusive set: buying every YES loses everything if an unlisted person wins");
    }

    private InjectionRecord LadderAcrossTimes(TimeSpan lifetime)
    {
        if (btc is null || btc.Hours.Count < 2) return injector.Failed(InjectionKind.LadderAcrossTimes, [], "needs two BTC hours");
        var (first, second) = (btc.Hours[0].Strikes, btc.Hours[1].Strikes);
        var pairs = Enumerable.Range(0, first.Count - 1).Select(i => (A: first[i + 1], B: second[i]))
            .Concat(Enumerable.Range(0, first.Count).Select(i => (A: first[i], B: second[i])))
            .OrderBy(p => Math.Abs((fair(p.A) ?? 0) - 0.5));
        foreach (var (a, b) in pairs)
        {
            var apparent = new ImplicationConstraint("threshold_ladder", a, b, "NOT a real constraint: different settlement times");
            var trial = WalkUp(apparent, a, null, realOnly: true);
            if (trial is not null)
            {
                return injector.Place(InjectionKind.LadderAcrossTimes, trial, apparent, null, false, lifetime,
                    $"{a} (earlier hour) bid above {b} (later hour) ask: looks like a ladder violation, but the hours settle on different prices");
            }
        }

        return injector.Failed(InjectionKind.LadderAcrossTimes, first, "no cross-hour pair could be pushed cleanly");
    }

    private ImplicationConstraint? Implication(MarketTicker ifMarket, MarketTicker thenMarket) =>
        constraints.OfType<ImplicationConstraint>().FirstOrDefault(c => c.If == ifMarket && c.Then == thenMarket);

    // Lower one market's ask tick by tick until the constraint's basket clears the margin.
    private Injector.Trial? WalkDown(ScenarioConstraint constraint, MarketTicker market, string? trade, bool realOnly = false) =>
        Walk(constraint, market, OrderSide.Ask, trade, realOnly);

    private Injector.Trial? WalkUp(ScenarioConstraint constraint, MarketTicker market, string? trade, bool realOnly = false) =>
        Walk(constraint, market, OrderSide.Bid, trade, realOnly);

    private Injector.Trial? Walk(ScenarioConstraint constraint, MarketTicker market, OrderSide side, string? trade, bool realOnly)
    {
        var grid = injector.Grid(market);
        var trial = injector.NewTrial();
        var price = trial.Current(market, side) ?? (side == OrderSide.Bid ? grid.RoundUp(Price.FromTicks(1)) : grid.RoundDown(Price.FromTicks(9999)));
        for (var step = 0; step < MaxSteps && price is { } p; step++)
        {
            trial.Pushes[market] = (side, p);
            if (trial.Best(constraint, trade) is { } v && Injector.Clears(v))
            {
                return trial.SideEffects(realOnly ? null : constraint).Count == 0 ? trial : null;
            }

            price = side == OrderSide.Bid ? grid.NextUp(p) : grid.NextDown(p);
        }

        return null;
    }

    // Move the quotes of the likeliest members one tick at a time, in turn, until the basket clears the margin.
    private Injector.Trial? RoundRobin(ScenarioConstraint constraint, string trade, IReadOnlyList<MarketTicker> members, OrderSide side, int movers, bool realOnly = false) =>
        RoundRobin(constraint, trade, members.OrderByDescending(m => fair(m) ?? 0).Take(movers).Select(m => (m, side)).ToList(), realOnly);

    // A mover stops when its next tick would leave fair by more than 0.20, leave (0.02, 0.90), or break another constraint.
    private Injector.Trial? RoundRobin(ScenarioConstraint constraint, string trade, IReadOnlyList<(MarketTicker Market, OrderSide Side)> movers, bool realOnly = false)
    {
        var trial = injector.NewTrial();
        var stuck = new bool[movers.Count];
        for (var step = 0; step < MaxSteps && stuck.Any(x => !x); step++)
        {
            var i = step % movers.Count;
            if (stuck[i]) continue;
            var (m, side) = movers[i];
            var f = fair(m) ?? 0.5;
            var grid = injector.Grid(m);
            var next = trial.Current(m, side) is { } c ? (side == OrderSide.Bid ? grid.NextUp(c) : grid.NextDown(c)) : null;
            if (next is not { } n || n.Dollars > 0.90m || n.Dollars < 0.02m || Math.Abs((double)n.Dollars - f) > 0.20)
            {
                stuck[i] = true;
                continue;
            }

            var had = trial.Pushes.TryGetValue(m, out var previous);
            trial.Pushes[m] = (side, n);
            if (trial.SideEffects(realOnly ? null : constraint).Count > 0)
            {
                if (had) trial.Pushes[m] = previous;
                else trial.Pushes.Remove(m);
                stuck[i] = true;
                continue;
            }

            if (trial.Best(constraint, trade) is { } v && Injector.Clears(v)) return trial;
        }

        return null;
    }
}
