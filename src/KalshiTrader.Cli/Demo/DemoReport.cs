using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Scenarios;
using KalshiTrader.Exchange.Scenarios.Injections;

namespace KalshiTrader.Cli.Demo;

/// <summary>One strategy's run: what it evaluated and did, and its P&amp;L after fees once every market settled.</summary>
internal sealed record StrategySummary(string Name, int Evaluations, int Orders, int Fills, Quantity Contracts, Money Fees, Money RealizedPnl);

/// <summary>
/// Injected versus seen versus traded, for one arbitrage type; how many were first judged tradeable on their own book
/// update; and the realized P&amp;L after fees of the fills attributed to them.
/// </summary>
internal sealed record OpportunityTally(string Type, int Injected, int Detected, int Traded, int DetectedOnItsUpdate, Money RealizedPnl);

/// <summary>How the account and the exchange agree after settlement.</summary>
internal sealed record DemoReconciliation(
    Money StartingBalance, Money FinalBalance, Money ExchangeBalance, int RestingOrders, int OpenPositions, int Settlements,
    IReadOnlyList<string> Problems)
{
    public bool Matches => Problems.Count == 0;

    /// <summary>Everything settled and nothing rests, so the cash change is the P&amp;L after fees.</summary>
    public Money AccountPnl => FinalBalance - StartingBalance;
}

/// <summary>Everything the final report (tables or JSON) says about one demo run.</summary>
internal sealed record DemoReport
{
    public required string Db { get; init; }
    public required ulong Seed { get; init; }
    public required TimeSpan Planned { get; init; }
    public required TimeSpan Traded { get; init; }
    public bool StoppedEarly { get; init; }
    public required string RunId { get; init; }
    public required IReadOnlyList<StrategySummary> Strategies { get; init; }
    public required IReadOnlyList<InjectionOutcome> Injections { get; init; }
    public required IReadOnlyDictionary<string, int> EvaluationsByKind { get; init; }
    public required BookAudit BeforeSettlement { get; init; }
    public required BookAudit AfterSettlement { get; init; }
    public required ScenarioSettlement Settlement { get; init; }
    public required DemoReconciliation Reconciliation { get; init; }
    public required IReadOnlyDictionary<string, long> Recorded { get; init; }
    public IReadOnlyList<string> Notes { get; init; } = [];

    public bool BooksBalanced => BeforeSettlement.Balanced && AfterSettlement.Balanced;

    /// <summary>Arbitrage types in schedule order, each with injected (placed and verified), detected and traded counts.</summary>
    public IReadOnlyList<OpportunityTally> Opportunities =>
        Enum.GetValues<InjectionKind>().Where(k => k.IsArbitrage()).Select(k =>
        {
            var placed = Injections.Where(o => o.Injection.Kind == k && o.Injection.Verified).ToList();
            return new OpportunityTally(k.ToWire(), placed.Count, placed.Count(o => o.Detected), placed.Count(o => o.Traded),
                placed.Count(o => o.DetectedOnItsUpdate), placed.Aggregate(Money.Zero, (m, o) => m + PnlOf(o)));
        }).ToList();

    /// <summary>Realized P&amp;L after fees of one injection's fills (<see cref="InjectionOutcome.Fills"/>) at settlement.</summary>
    public Money PnlOf(InjectionOutcome outcome) => PnlOf(outcome.Fills, Settlement);

    public IReadOnlyList<InjectionOutcome> NonArbitrages => Injections.Where(o => !o.Injection.IsArbitrage && o.Injection.Verified).ToList();

    public int NonArbitragesTradedAsRiskless => NonArbitrages.Count(o => o.TradedAsRiskless);

    public Money TotalRealizedPnl => Strategies.Aggregate(Money.Zero, (s, x) => s + x.RealizedPnl);

    /// <summary>
    /// P&amp;L per strategy from its own fills and the settlement results: each contract pays $1 if its outcome won, minus
    /// what it cost and its fee. Exact; the sum should equal the account's cash change (the report shows both).
    /// </summary>
    public static Money PnlOf(IEnumerable<DemoFill> fills, ScenarioSettlement settlement)
    {
        var total = Money.Zero;
        foreach (var f in fills)
        {
            var result = settlement.ResultOf(f.Ticker);
            var won = (result == MarketResult.Yes && f.Bought == Outcome.Yes) || (result == MarketResult.No && f.Bought == Outcome.No);
            var payout = won ? Price.FromTicks(Price.TicksPerDollar).Times(f.Count) : Money.Zero;
            total += payout - f.Cost - f.Fee;
        }

        return total;
    }
}
