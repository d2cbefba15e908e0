using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Scenarios.Injections;
using KalshiTrader.Strategies.Mispricing.Execution;

namespace KalshiTrader.Cli.Tests.Demo;

/// <summary>What a short demo must show: the system finds and trades every injected arbitrage at a profit after fees, leaves the traps alone, and the books balance.</summary>
public sealed class DemoRunTests(DemoRunFixture demo) : IClassFixture<DemoRunFixture>
{
    [Fact]
    public void EveryInjectedArbitrageTypeWasPlacedDetectedAndTraded()
    {
        var tallies = demo.Report.Opportunities;
        Assert.Equal(Enum.GetValues<InjectionKind>().Count(k => k.IsArbitrage()), tallies.Count);
        foreach (var t in tallies)
        {
            Assert.True(t.Injected > 0, $"{t.Type}: nothing injected");
            Assert.True(t.Detected == t.Injected, $"{t.Type}: detected {t.Detected} of {t.Injected}");
            Assert.True(t.Traded == t.Injected, $"{t.Type}: traded {t.Traded} of {t.Injected}");
        }
    }

    [Fact]
    public void RealizedPnlAfterFeesAtSettlementIsPositiveAndMatchesTheAccount()
    {
        Assert.NotEmpty(demo.Report.Strategies);
        Assert.True(demo.Report.TotalRealizedPnl.IsPositive, $"realized P&L {demo.Report.TotalRealizedPnl}");
        Assert.True(demo.Report.Reconciliation.AccountPnl.IsPositive, $"account P&L {demo.Report.Reconciliation.AccountPnl}");
        // Retail balances are floored to the cent at the exchange, so the two may differ by less than a cent per fill.
        var fills = demo.Report.Strategies.Sum(s => s.Fills);
        Assert.True(Math.Abs((demo.Report.TotalRealizedPnl - demo.Report.Reconciliation.AccountPnl).Micros) <= fills * 10_000L);
    }

    [Fact]
    public void TheTradedArbitrageInjectionsTogetherSettledWithPositivePnlAfterFees()
    {
        var traded = demo.Report.Injections.Where(o => o.Injection.IsArbitrage && o.Injection.Verified && o.Traded).ToList();
        Assert.NotEmpty(traded);
        var total = traded.Aggregate(Money.Zero, (sum, o) => sum + demo.Report.PnlOf(o));
        Assert.True(total.IsPositive, "realized P&L over the injected arbitrages " + total.ToDollarString() + ": " +
            string.Join(", ", traded.Select(o => $"{o.Injection.Kind.ToWire()} {demo.Report.PnlOf(o).ToDollarString()}")));
    }

    /// <summary>
    /// A basket re-entered after its liquidity thinned (other takers, or our own first fills not yet on the feed) can
    /// miss a leg; the stated policy then unwinds within the loss cap rather than holding an unhedged leg. So an
    /// injection settles with a profit or, at worst, with a loss the policy bounds: never more.
    /// </summary>
    [Fact]
    public void EachTradedArbitrageInjectionSettledWithAProfitOrAnUnwindLossWithinTheLossCap()
    {
        var cap = new MispricingSettings().LossCap;
        var traded = demo.Report.Injections.Where(o => o.Injection.IsArbitrage && o.Injection.Verified && o.Traded).ToList();
        Assert.NotEmpty(traded);
        foreach (var o in traded)
        {
            var pnl = demo.Report.PnlOf(o);
            Assert.True(pnl.IsPositive || pnl.Micros >= -cap.Micros,
                $"{o.Injection.Kind.ToWire()} #{o.Injection.Id}: realized P&L {pnl.ToDollarString()} over {o.Fills.Count} fills (loss cap {cap.ToDollarString()})");
        }
    }

    [Fact]
    public void EachInjectedArbitrageWasFirstJudgedTradeableOnTheBookUpdateThatRevealedIt()
    {
        var placed = demo.Report.Injections.Where(o => o.Injection.IsArbitrage && o.Injection.Verified).ToList();
        Assert.NotEmpty(placed);
        foreach (var o in placed)
        {
            var first = o.FirstTradeable;
            Assert.True(o.DetectedOnItsUpdate,
                $"{o.Injection.Kind.ToWire()} #{o.Injection.Id} placed {o.Injection.Time:HH:mm:ss.fff}..{o.PlacedUntil:HH:mm:ss.fff} on {string.Join(",", o.Injection.Markets)}: " +
                (first is null ? "never judged tradeable" : $"first judged tradeable at {first.Time:HH:mm:ss.fff} on {first.Trigger?.Ticker} seq {first.Trigger?.Sequence} stamped {first.Trigger?.ExchangeTime:HH:mm:ss.fff}"));
        }
    }

    [Fact]
    public void TheTemptingNonArbitragesWereNotTradedAsRiskless()
    {
        Assert.NotEmpty(demo.Report.NonArbitrages);
        Assert.Equal(0, demo.Report.NonArbitragesTradedAsRiskless);
    }

    [Fact]
    public void TheExchangesBooksBalanceAndTheAccountReconcilesAfterSettlement()
    {
        Assert.True(demo.Report.BooksBalanced, string.Join("; ", demo.Report.BeforeSettlement.Problems.Concat(demo.Report.AfterSettlement.Problems)));
        Assert.True(demo.Report.BeforeSettlement.YesOutstanding.IsPositive, "participants should hold positions before settlement");
        Assert.True(demo.Report.Reconciliation.Matches, string.Join("; ", demo.Report.Reconciliation.Problems));
        Assert.Equal(0, demo.Report.Reconciliation.RestingOrders);
        Assert.Equal(0, demo.Report.Reconciliation.OpenPositions);
    }

    [Theory]
    [InlineData("markets")]
    [InlineData("orderbook_deltas")]
    [InlineData("orders")]
    [InlineData("fills")]
    [InlineData("opportunities")]
    [InlineData("settlements")]
    public void TheSqliteFileHoldsWhatTheDemoRecorded(string table)
    {
        Assert.True(demo.Rows.GetValueOrDefault(table) > 0, $"{table}: {demo.Rows.GetValueOrDefault(table)} rows; all: {string.Join(", ", demo.Rows.Select(r => $"{r.Key}={r.Value}"))}");
    }
}
