using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Scenarios.Injections;

namespace KalshiTrader.Cli.Demo;

/// <summary>What happened to one injection: seen by a strategy, traded, and (for a tempting non-arbitrage) traded as if riskless.</summary>
internal sealed record InjectionOutcome(InjectionRecord Injection, bool Detected, bool Traded, bool TradedAsRiskless)
{
    /// <summary>Our fills attributed to this injection (its markets, during its life): its trade, repairs and unwinds.</summary>
    public IReadOnlyList<DemoFill> Fills { get; init; } = [];

    /// <summary>The first evaluation at or after placement that judged this injection tradeable (status "validated").</summary>
    public DemoEvaluation? FirstTradeable { get; init; }

    /// <summary>The exchange time of the injection's last order (its first is <see cref="InjectionRecord.Time"/>); null when unknown.</summary>
    public DateTimeOffset? PlacedUntil { get; init; }

    /// <summary>
    /// Whether the first tradeable evaluation was made on one of the book deltas the injection's own orders caused: its
    /// trigger is a delta on one of the injection's markets stamped between the first and the last injection order (the
    /// WebSocket stamps whole milliseconds). A later update or a timer scan would carry a later stamp or none.
    /// </summary>
    public bool DetectedOnItsUpdate =>
        FirstTradeable?.Trigger is { ExchangeTime: { } stamp } trigger && Injection.Markets.Contains(trigger.Ticker) &&
        stamp.ToUnixTimeMilliseconds() >= Injection.Time.ToUnixTimeMilliseconds() &&
        stamp.ToUnixTimeMilliseconds() <= (PlacedUntil ?? Injection.Time).ToUnixTimeMilliseconds();
}

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

        bool Touches(DemoEvaluation e) => e.Markets.Distinct().Count(markets.Contains) >= need;
        var detected = evaluations.Any(e => InWindow(e.Time) && Touches(e));
        var firstTradeable = evaluations.Where(e => e.Time >= injection.Time && InWindow(e.Time) && Touches(e) && e.Status == "validated").MinBy(e => e.Time);
        var ours = fills.Where(f => InWindow(f.Time) && markets.Contains(f.Ticker)).ToList();
        var traded = ours.Select(f => f.Ticker).Distinct().Count() >= need;
        var asRiskless = !injection.IsArbitrage && TookTheBait(injection, ours, evaluations, InWindow);
        return new InjectionOutcome(injection, detected, traded, asRiskless) { Fills = ours, FirstTradeable = firstTradeable };
    }

    // The tempting trade itself, judged by what we ended up holding and by evaluations OF the tempting trade, not by
    // any riskless trade that merely shares markets with it (the legitimate buy-all-NO basket lives on the same 30
    // markets as the non-exhaustive buy-all-YES bait, and unwinding that basket's surplus buys YES on its legs).
    private static bool TookTheBait(InjectionRecord injection, List<DemoFill> ours, IReadOnlyList<DemoEvaluation> evaluations, Func<DateTimeOffset, bool> inWindow)
    {
        var markets = injection.Markets.ToHashSet();
        var net = NetPositionChange(ours);
        return injection.Kind switch
        {
            // Net long YES across at least half of the set, or a traded riskless evaluation of buying every YES.
            InjectionKind.NonExhaustiveBuyAllYes =>
                markets.Count(m => net.GetValueOrDefault(m).IsPositive) * 2 >= markets.Count
                || evaluations.Any(e => inWindow(e.Time) && e.Traded && e.Riskless == true
                    && e.Kind.Contains("buy_all_yes", StringComparison.Ordinal) && e.Markets.Any(markets.Contains)),
            // Net NO on the earlier hour's strike with net YES on the later hour's, or a traded riskless evaluation of that pair.
            InjectionKind.LadderAcrossTimes when injection.Markets.Count == 2 =>
                (net.GetValueOrDefault(injection.Markets[0]).IsNegative && net.GetValueOrDefault(injection.Markets[1]).IsPositive)
                || evaluations.Any(e => inWindow(e.Time) && e.Traded && e.Riskless == true && markets.IsSubsetOf(e.Markets)),
            _ => false,
        };
    }

    // Signed position change per market over these fills: + YES bought, − NO bought.
    private static Dictionary<MarketTicker, Quantity> NetPositionChange(List<DemoFill> fills)
    {
        var net = new Dictionary<MarketTicker, Quantity>();
        foreach (var f in fills)
        {
            var signed = f.Bought == Outcome.Yes ? f.Count : -f.Count;
            net[f.Ticker] = net.GetValueOrDefault(f.Ticker) + signed;
        }

        return net;
    }
}
