using KalshiTrader.Core.Books;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Scenarios;
using KalshiTrader.Exchange.Scenarios.Injections;

namespace KalshiTrader.Exchange.Tests.Scenarios;

/// <summary>
/// Each injection is checked on the engine's real books with Core's OrderBook and FeeModel, independently of the
/// scenario's own arithmetic: arbitrages must pay after conservative fees in every state; tempting ones must not.
/// </summary>
public sealed class InjectionTests
{
    public static TheoryData<InjectionKind, ulong> Kinds()
    {
        var data = new TheoryData<InjectionKind, ulong>();
        foreach (var kind in Enum.GetValues<InjectionKind>())
        {
            foreach (var seed in new ulong[] { 1, 2, 3 }) data.Add(kind, seed);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EachInjectionBreaksItsConstraintOnExecutablePricesAfterFeesAndNothingElse(InjectionKind kind, ulong seed)
    {
        var run = ScenarioRun.Demo(seed);
        run.Run(TimeSpan.FromSeconds(3));
        var record = run.BuiltIn.InjectNow(kind);
        Assert.True(record.Verified, $"{kind}: {record.Description}; {string.Join("; ", record.SideEffects)}");
        Assert.Empty(record.SideEffects);
        Assert.True(record.ExpectedEdgePerContract.IsPositive);
        Assert.Equal(kind.IsArbitrage(), record.IsArbitrage);

        var books = record.Markets.ToDictionary(t => t, run.Book);
        var size = record.Size;
        Assert.True(size.IsPositive);
        var legs = Legs(kind, record.Markets, books);
        var cost = legs.Sum(l => l.Price.Times(size).Micros);
        var fees = legs.Sum(l => FeeModel.ConservativeOrderFee(l.Price, size, FeeSchedule.Standard).Micros);
        Assert.All(legs, l => Assert.True(l.Depth >= size, $"{l.Ticker} has only {l.Depth} at {l.Price}"));

        // Payoff in every state the scenario can settle to, per basket.
        var states = States(kind, record.Markets.Count);
        var worst = states.Min(s => legs.Select((l, i) => s[i] == (l.Buys == Outcome.Yes) ? 1L : 0L).Sum());
        var worstProfit = worst * Money.MicrosPerDollar * size.Hundredths / Quantity.HundredthsPerContract - cost - fees;
        var best = states.Max(s => legs.Select((l, i) => s[i] == (l.Buys == Outcome.Yes) ? 1L : 0L).Sum());
        var apparentProfit = (kind.IsArbitrage() ? worst : best) * Money.MicrosPerDollar * size.Hundredths / Quantity.HundredthsPerContract - cost - fees;
        // The gross edge covers the fees at least twice over, as a careful strategy demands before it trusts a signal.
        Assert.True(apparentProfit + fees >= 2 * fees, $"{kind}: gross {Money.FromMicros(apparentProfit + fees)} vs fees {Money.FromMicros(fees)}");
        if (kind.IsArbitrage())
        {
            Assert.True(worstProfit > 0, $"{kind}: worst case {Money.FromMicros(worstProfit)} after fees");
        }
        else
        {
            Assert.True(apparentProfit > 0, $"{kind} should look tempting");
            Assert.True(worstProfit < 0, $"{kind} must not be riskless, worst case {Money.FromMicros(worstProfit)}");
        }
    }

    [Fact]
    public void TheLadderInjectionPaysOnlyInThePairTwoStrikesApart()
    {
        var run = ScenarioRun.Demo(5);
        run.Run(TimeSpan.FromSeconds(3));
        var record = run.BuiltIn.InjectNow(InjectionKind.LadderNonAdjacent);
        Assert.True(record.Verified);
        var (harder, easier) = (record.Markets[0], record.Markets[1]);
        var strikes = run.Scenario.Markets.Where(t => t.Value.StartsWith(harder.Value[..harder.Value.LastIndexOf('-')], StringComparison.Ordinal)).ToList();
        var middle = strikes[strikes.IndexOf(harder) - 1];
        Assert.Equal(easier, strikes[strikes.IndexOf(harder) - 2]);
        Assert.True(PairEdge(run, harder, middle) <= 0, "neighbour pair (harder, middle) should not pay after fees");
        Assert.True(PairEdge(run, middle, easier) <= 0, "neighbour pair (middle, easier) should not pay after fees");
        Assert.True(PairEdge(run, harder, easier) > 0);
    }

    [Fact]
    public void TheDemoScheduleFiresEveryKindOnceAtItsTime()
    {
        var duration = TimeSpan.FromSeconds(60);
        var run = ScenarioRun.Demo(9, duration);
        run.Run(duration);
        var injections = run.Scenario.Injections;
        Assert.Equal(Enum.GetValues<InjectionKind>().Order(), injections.Select(i => i.Kind).Order());
        Assert.Empty(run.Scenario.InjectionSchedule);
        foreach (var i in injections)
        {
            var planned = DemoScenario.Schedule.Single(s => s.Kind == i.Kind).Fraction;
            Assert.InRange((i.Time - ScenarioRun.Start).TotalSeconds, planned * 60, (planned * 60) + 0.5);
            Assert.True(i.Verified, $"{i.Kind}: {string.Join("; ", i.SideEffects)}");
            Assert.All(i.Orders, id => Assert.NotNull(run.Engine.GetOrder(run.BuiltIn.InjectorAccount, id)));
        }
    }

    private static long PairEdge(ScenarioRun run, MarketTicker ifMarket, MarketTicker thenMarket)
    {
        var a = run.Book(ifMarket);
        var b = run.Book(thenMarket);
        if (a.BestYesBid is not { } bid || b.YesAsk is not { } ask) return long.MinValue;
        var size = Quantity.FromContracts(10);
        var noPrice = bid.Price.Complement;
        return Money.MicrosPerDollar * 10 - noPrice.Times(size).Micros - ask.Price.Times(size).Micros
               - FeeModel.ConservativeOrderFee(noPrice, size, FeeSchedule.Standard).Micros - FeeModel.ConservativeOrderFee(ask.Price, size, FeeSchedule.Standard).Micros;
    }

    private sealed record Leg(MarketTicker Ticker, Outcome Buys, Price Price, Quantity Depth);

    // The basket each kind offers, in record.Markets order, priced from the real book.
    private static List<Leg> Legs(InjectionKind kind, IReadOnlyList<MarketTicker> markets, Dictionary<MarketTicker, OrderBook> books)
    {
        Leg BuyYes(MarketTicker t) => new(t, Outcome.Yes, books[t].YesAsk!.Value.Price, books[t].YesAsk!.Value.Size);
        Leg BuyNo(MarketTicker t) => new(t, Outcome.No, books[t].NoAsk!.Value.Price, books[t].NoAsk!.Value.Size);
        return kind switch
        {
            InjectionKind.DeadlineSubset or InjectionKind.LadderNonAdjacent or InjectionKind.LadderAcrossTimes => [BuyNo(markets[0]), BuyYes(markets[1])],
            InjectionKind.ExclusiveBuyAllNo => markets.Select(BuyNo).ToList(),
            InjectionKind.ExhaustiveBuyAllYes or InjectionKind.NonExhaustiveBuyAllYes => markets.Select(BuyYes).ToList(),
            InjectionKind.BucketLadder => [BuyNo(markets[0]), BuyYes(markets[1]), BuyYes(markets[2])],
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    // Every YES/NO assignment the markets can settle to. The tempting kinds include the states that make them bets.
    private static List<bool[]> States(InjectionKind kind, int n) => kind switch
    {
        // YES(first) implies YES(second): (T,T), (F,T), (F,F).
        InjectionKind.DeadlineSubset or InjectionKind.LadderNonAdjacent => [[true, true], [false, true], [false, false]],
        // Different settlement times: any combination, including the one the "ladder" forgets.
        InjectionKind.LadderAcrossTimes => [[true, true], [false, true], [false, false], [true, false]],
        // At most one YES (exclusive): none, or exactly one.
        InjectionKind.ExclusiveBuyAllNo or InjectionKind.NonExhaustiveBuyAllYes =>
            [new bool[n], .. Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Select(j => j == i).ToArray())],
        // Exactly one YES (exhaustive).
        InjectionKind.ExhaustiveBuyAllYes => Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Select(j => j == i).ToArray()).ToList(),
        // X > K1 exactly when the bucket or X > K2 (never both): (low, bucket, high).
        InjectionKind.BucketLadder => [[true, true, false], [true, false, true], [false, false, false]],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
