using KalshiTrader.Core.Markets;
using KalshiTrader.Exchange.Scenarios;
using KalshiTrader.Exchange.Scenarios.Constraints;

namespace KalshiTrader.Exchange.Tests.Scenarios;

public sealed class ScenarioStructureTests
{
    public static TheoryData<string> Names() => [.. ScenarioRegistry.Names];

    [Theory]
    [MemberData(nameof(Names))]
    public void EveryScenarioListsActiveMarketsWithTwoSidedUncrossedOnGridBooks(string name)
    {
        var run = new ScenarioRun(ScenarioRegistry.Create(name, new ScenarioOptions(Seed: 3, Duration: TimeSpan.FromSeconds(60))));
        Assert.NotEmpty(run.Scenario.Markets);
        foreach (var t in run.Scenario.Markets)
        {
            var market = run.Engine.GetMarket(t)!;
            Assert.Equal(MarketStatus.Active, market.Status);
            Assert.NotNull(run.Scenario.FairValue(t));
            var book = run.Book(t);
            Assert.False(book.IsCrossed, $"{t} is crossed");
            Assert.True(book.BestYesBid is not null && book.YesAsk is not null, $"{t} is not two-sided");
            Assert.True(market.TickGrid.IsValid(book.BestYesBid!.Value.Price), $"{t} bid {book.BestYesBid} off grid");
            Assert.True(market.TickGrid.IsValid(book.YesAsk!.Value.Price), $"{t} ask {book.YesAsk} off grid");
        }
    }

    [Fact]
    public void UnknownScenarioNameIsRefusedWithTheKnownNames()
    {
        Assert.False(ScenarioRegistry.TryCreate("nope", new ScenarioOptions(), out var s, out var error));
        Assert.Null(s);
        Assert.Contains("demo", error);
        Assert.Contains("btc-ladder", error);
    }

    [Fact]
    public void LadderStrikesAreOrderedAndFairValuesRespectEveryImplication()
    {
        var run = ScenarioRun.Demo(live: false);
        var implications = run.Scenario.Constraints.OfType<ImplicationConstraint>().ToList();
        Assert.NotEmpty(implications);
        foreach (var c in implications)
        {
            Assert.True(run.Scenario.FairValue(c.If) <= run.Scenario.FairValue(c.Then) + 1e-9, $"{c.If} fair above {c.Then}");
            var a = run.Engine.GetMarket(c.If)!;
            var b = run.Engine.GetMarket(c.Then)!;
            if (c.Kind == "threshold_ladder")
            {
                Assert.Equal(StrikeType.Greater, a.StrikeType);
                Assert.True(a.FloorStrike > b.FloorStrike, $"{c.If} strike not above {c.Then}");
                Assert.Equal(a.CloseTime, b.CloseTime);
            }
            else
            {
                Assert.Equal("deadline_ladder", c.Kind);
                Assert.True(a.CloseTime < b.CloseTime);
            }
        }
    }

    [Fact]
    public void ExhaustiveBucketSetsTileTheLineAndTheirFairValuesSumToOne()
    {
        var run = ScenarioRun.Demo(live: false);
        var exhaustive = run.Scenario.Constraints.OfType<ExclusiveConstraint>().Where(c => c.Exhaustive).ToList();
        Assert.Equal(5, exhaustive.Count); // four Fed meetings and the CPI buckets
        foreach (var set in exhaustive)
        {
            var markets = set.Members.Select(t => run.Engine.GetMarket(t)!).ToList();
            var low = Assert.Single(markets, m => m.StrikeType == StrikeType.LessOrEqual);
            var high = Assert.Single(markets, m => m.StrikeType == StrikeType.GreaterOrEqual);
            var buckets = markets.Where(m => m.StrikeType == StrikeType.Between).OrderBy(m => m.FloorStrike).ToList();
            Assert.Equal(markets.Count, buckets.Count + 2);
            var edge = low.CapStrike;
            foreach (var b in buckets)
            {
                Assert.Equal(edge, b.FloorStrike);
                edge = b.CapStrike;
            }

            Assert.Equal(edge, high.FloorStrike);
            Assert.True(run.Engine.GetEvent(markets[0].EventTicker, withMarkets: false)!.MutuallyExclusive);
            Assert.Equal(1.0, set.Members.Sum(t => run.Scenario.FairValue(t)!.Value), 6);
        }
    }

    [Fact]
    public void PresidentialEventIsThirtyExclusiveCandidatesThatDoNotCoverEveryOutcome()
    {
        var run = ScenarioRun.Demo(live: false);
        var ev = run.Engine.GetEvent("KXPRESPERSON-28")!;
        Assert.True(ev.MutuallyExclusive);
        Assert.Equal(30, ev.Markets.Count);
        Assert.All(ev.Markets, m => Assert.Equal(StrikeType.Custom, m.StrikeType));
        Assert.All(ev.Markets, m => Assert.Equal("tapered_deci_cent", m.PriceLevelStructure));
        var set = Assert.Single(run.Scenario.Constraints.OfType<ExclusiveConstraint>(), c => !c.Exhaustive);
        var sum = set.Members.Sum(t => run.Scenario.FairValue(t)!.Value);
        Assert.InRange(sum, 0.80, 0.95);
    }

    [Fact]
    public void TickersFollowKalshisSeriesShapes()
    {
        var run = ScenarioRun.Demo(live: false);
        var tickers = run.Scenario.Markets.Select(t => t.Value).ToList();
        Assert.Contains(tickers, t => System.Text.RegularExpressions.Regex.IsMatch(t, @"^KXBTCD-\d{2}[A-Z]{3}\d{4}-T\d+$"));
        Assert.Contains(tickers, t => System.Text.RegularExpressions.Regex.IsMatch(t, @"^KXTSAW-\d{2}[A-Z]{3}\d{2}-A2\.45$"));
        Assert.Contains(tickers, t => t.StartsWith("KXFED-", StringComparison.Ordinal));
        Assert.Contains(tickers, t => t.StartsWith("KXFEDCUT-", StringComparison.Ordinal));
        Assert.Contains(tickers, t => t.StartsWith("KXCPI-", StringComparison.Ordinal));
        Assert.Equal(tickers.Count, tickers.Distinct().Count());
    }

    [Fact]
    public void BtcLadderCanRunOnTheRealMinuteBars()
    {
        var csv = KalshiTrader.Testing.SharedFolder.RequireFile("data/btc/binanceus_BTCUSD_1m_20230301_20230321.csv");
        var run = new ScenarioRun(ScenarioRegistry.Create("btc-ladder", new ScenarioOptions(5, TimeSpan.FromSeconds(60), csv)));
        var strikes = run.Scenario.Markets.Select(t => run.Engine.GetMarket(t)!.FloorStrike!.Value).ToList();
        // March 2023 traded between about $19k and $29k.
        Assert.All(strikes, k => Assert.InRange(k, 15_000m, 35_000m));
        run.Run(TimeSpan.FromSeconds(10));
        Assert.All(run.Scenario.Markets, t => Assert.False(run.Book(t).IsCrossed));
    }
}
