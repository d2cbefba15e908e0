using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Scenarios.Constraints;

namespace KalshiTrader.Exchange.Tests.Scenarios;

public sealed class SettlementTests
{
    [Theory]
    [InlineData(1UL)]
    [InlineData(2UL)]
    [InlineData(3UL)]
    [InlineData(4UL)]
    public async Task SettlementOutcomesSatisfyEveryConstraintAndTheBooksBalance(ulong seed)
    {
        var run = ScenarioRun.Demo(seed);
        run.Run(TimeSpan.FromSeconds(30));
        var settlement = await run.Scenario.SettleAllAsync(TestContext.Current.CancellationToken);
        Assert.Empty(settlement.Problems);
        Assert.Equal(run.Scenario.Markets.Select(t => t.Value).Order(StringComparer.Ordinal), settlement.Outcomes.Select(o => o.Ticker.Value).Order(StringComparer.Ordinal));
        Assert.All(run.Scenario.Markets, t => Assert.Equal(MarketStatus.Finalized, run.Engine.GetMarket(t)!.Status));

        bool Yes(MarketTicker t) => settlement.ResultOf(t) == MarketResult.Yes;
        foreach (var c in run.Scenario.Constraints)
        {
            switch (c)
            {
                case ImplicationConstraint imp:
                    Assert.False(Yes(imp.If) && !Yes(imp.Then), $"{imp.If} YES but {imp.Then} NO");
                    break;
                case ExclusiveConstraint ex:
                    var yes = ex.Members.Count(Yes);
                    if (ex.Exhaustive) Assert.Equal(1, yes);
                    else Assert.InRange(yes, 0, 1);
                    break;
                case BucketLadderConstraint b:
                    Assert.Equal(Yes(b.Low), Yes(b.Bucket) || Yes(b.High));
                    Assert.False(Yes(b.Bucket) && Yes(b.High));
                    break;
            }
        }

        var ledger = run.Engine.GetLedger();
        Assert.Equal(Money.Zero, ledger.Unaccounted);
        Assert.Equal(Money.Zero, ledger.Collateral);
        Assert.Equal(Money.Zero, ledger.Reserved);
    }

    [Fact]
    public async Task SettlingStopsFurtherInjectionsAndParticipants()
    {
        var run = ScenarioRun.Demo(8, TimeSpan.FromSeconds(60));
        run.Run(TimeSpan.FromSeconds(2));
        await run.Scenario.SettleAllAsync(TestContext.Current.CancellationToken);
        var trades = run.Engine.GetTrades().Count;
        run.Run(TimeSpan.FromSeconds(60));
        Assert.Empty(run.Scenario.Injections);
        Assert.Equal(trades, run.Engine.GetTrades().Count);
    }

    [Fact]
    public async Task TheSameSeedSettlesTheSameWay()
    {
        var a = ScenarioRun.Demo(21);
        var b = ScenarioRun.Demo(21);
        a.Run(TimeSpan.FromSeconds(5));
        b.Run(TimeSpan.FromSeconds(5));
        var sa = await a.Scenario.SettleAllAsync(TestContext.Current.CancellationToken);
        var sb = await b.Scenario.SettleAllAsync(TestContext.Current.CancellationToken);
        Assert.Equal(sa.Outcomes, sb.Outcomes);
    }
}
