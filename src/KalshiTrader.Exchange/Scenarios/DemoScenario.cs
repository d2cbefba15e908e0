using KalshiTrader.Exchange.Scenarios.Injections;

namespace KalshiTrader.Exchange.Scenarios;

/// <summary>
/// The demo's market set: BTC ladders, the TSA ladder, the presidential event, Fed buckets and deadlines and the CPI
/// ladder with buckets, plus one injection of each constraint type and two tempting non-arbitrages at fixed fractions
/// of the run. Use <see cref="BuiltInScenario.Injections"/> for what was injected and
/// <see cref="BuiltInScenario.SettleAllAsync"/> at the end.
/// </summary>
public static class DemoScenario
{
    public const string Name = "demo";

    /// <summary>When each injection fires, as a fraction of the run (they do not overlap: each lives 9% of the run).</summary>
    public static IReadOnlyList<(InjectionKind Kind, double Fraction)> Schedule { get; } =
    [
        (InjectionKind.DeadlineSubset, 0.08),
        (InjectionKind.LadderNonAdjacent, 0.19),
        (InjectionKind.ExclusiveBuyAllNo, 0.30),
        (InjectionKind.ExhaustiveBuyAllYes, 0.41),
        (InjectionKind.BucketLadder, 0.52),
        (InjectionKind.NonExhaustiveBuyAllYes, 0.63),
        (InjectionKind.LadderAcrossTimes, 0.74),
    ];

    public static BuiltInScenario Create(ulong seed, TimeSpan duration, string? btcCsvPath = null) =>
        Create(new ScenarioOptions(seed, duration, btcCsvPath));

    public static BuiltInScenario Create(ScenarioOptions options) => new(
        Name,
        ScenarioRegistry.Describe(Name),
        options,
        [
            ScenarioRegistry.Btc(options), ScenarioRegistry.Tsa(options), ScenarioRegistry.Pres(options),
            ScenarioRegistry.Fed(options), ScenarioRegistry.Cpi(options),
        ],
        Schedule);
}
