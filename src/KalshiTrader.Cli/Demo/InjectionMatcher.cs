using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Scenarios.Injections;

namespace KalshiTrader.Cli.Demo;

/// <summary>What happened to one injection: seen by a strategy, traded, and (for a tempting non-arbitrage) traded as if riskless.</summary>
internal sealed record InjectionOutcome(InjectionRecord Injection, bool Detected, bool Traded, bool TradedAsRiskless);

/// <summary>
/// Matches the scenario's injections with what the strategies evaluated and what we actually filled. Injections do not
/// overlap in time, so an evaluation or fill belongs to an injection when it falls in the injection's life (plus a short
/// grace for in-flight orders) and touches at least two of its markets (all of them for a one-market set).
/// Fills are the truth for "traded": a strategy's own flag is not needed to count a trade.
/// </summary>
internal static class InjectionMatcher
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    public static IReadOnlyList<InjectionOutcome> Match(
        IReadOnlyList<InjectionRecord> injections, IReadOnlyList<DemoEvaluation> evaluations, IReadOnlyList<DemoFill> fills) =>
        injections.Select(i => Match(i, evaluations, fills)).ToList();

    public static InjectionOutcome Match(InjectionRecord injection, IReadOnlyList<DemoEvaluation> evaluations, IReadOnlyList<DemoFill> fills)
    {
        var markets = injection.Markets.ToHashSet();
        var need = Math.Min(2, markets.Count);
        bool InWindow(DateTimeOffset t) => t >= injection.Time - TimeSpan.FromMilliseconds(500) && t <= injection.ExpiresAt + Grace;

        var detected = evaluations.Any(e => InWindow(e.Time) && e.Markets.Distinct().Count(markets.Contains) >= need);
        var ours = fills.Where(f => InWindow(f.Time) && markets.Contains(f.Ticker)).ToList();
        var traded = ours.Select(f => f.Ticker).Distinct().Count() >= need;
        var asRiskless = !injection.IsArbitrage && TookTheBait(injection, ours, evaluations, InWindow);
        return new InjectionOutcome(injection, detected, traded, asRiskless);
    }

    // The tempting trade itself, not any trade near it: buying YES across the non-exhaustive set, or NO on the earlier
    // hour's strike with YES on the later hour's. A traded evaluation on those markets flagged riskless counts too.
    private static bool TookTheBait(InjectionRecord injection, List<DemoFill> ours, IReadOnlyList<DemoEvaluation> evaluations, Func<DateTimeOffset, bool> inWindow)
    {
        var markets = injection.Markets.ToHashSet();
        var flagged = evaluations.Any(e => inWindow(e.Time) && e.Traded && e.Riskless == true && e.Markets.Distinct().Count(markets.Contains) >= Math.Min(2, markets.Count));
        var bait = injection.Kind switch
        {
            InjectionKind.NonExhaustiveBuyAllYes => ours.Where(f => f.Bought == Outcome.Yes).Select(f => f.Ticker).Distinct().Count() >= 2,
            InjectionKind.LadderAcrossTimes when injection.Markets.Count == 2 =>
                ours.Any(f => f.Ticker == injection.Markets[0] && f.Bought == Outcome.No) && ours.Any(f => f.Ticker == injection.Markets[1] && f.Bought == Outcome.Yes),
            _ => false,
        };
        return flagged || bait;
    }
}
