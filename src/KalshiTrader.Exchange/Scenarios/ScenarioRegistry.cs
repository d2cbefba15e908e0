using KalshiTrader.Exchange.Scenarios.Injections;
using KalshiTrader.Exchange.Scenarios.Models;

namespace KalshiTrader.Exchange.Scenarios;

/// <summary>
/// The built-in scenarios by name, for <c>exchange serve --scenario NAME</c>. Every scenario is fresh per call
/// (scenarios hold state) and draws all its randomness from <see cref="ScenarioOptions.Seed"/>.
/// </summary>
public static class ScenarioRegistry
{
    private static readonly (string Name, string Description, Func<ScenarioOptions, IScenario> Create)[] Entries =
    [
        ("btc-ladder", "KXBTCD-style hourly BTC threshold ladders (two hours, 11 strikes each) on a seeded random walk or a CSV of 1-minute bars",
            o => new BuiltInScenario("btc-ladder", Describe("btc-ladder"), o, [Btc(o)])),
        ("tsa-weekly", "KXTSAW-style weekly TSA checkpoint ladder (2.30M to 2.70M)",
            o => new BuiltInScenario("tsa-weekly", Describe("tsa-weekly"), o, [Tsa(o)])),
        ("pres-exclusive", "30-candidate mutually exclusive, NOT exhaustive event modelled on KXPRESPERSON-28",
            o => new BuiltInScenario("pres-exclusive", Describe("pres-exclusive"), o, [Pres(o)])),
        ("fed", "Fed-decision buckets over four meetings (exhaustive) and 'cut by <date>' deadline markets",
            o => new BuiltInScenario("fed", Describe("fed"), o, [Fed(o)])),
        ("cpi", "CPI m/m ladder (0.1% to 0.5%) with a matching exhaustive bucket event",
            o => new BuiltInScenario("cpi", Describe("cpi"), o, [Cpi(o)])),
        ("demo", "all of the above, with mispricings of each constraint type and tempting non-arbitrages injected at known times",
            DemoScenario.Create),
    ];

    /// <summary>Registered names, in a stable order.</summary>
    public static IReadOnlyList<string> Names { get; } = Entries.Select(e => e.Name).ToArray();

    public static string Describe(string name) => Entries.FirstOrDefault(e => e.Name == name).Description ?? "";

    /// <summary>Builds the named scenario; false (with the known names in <paramref name="error"/>) for an unknown name.</summary>
    public static bool TryCreate(string name, ScenarioOptions options, out IScenario? scenario, out string? error)
    {
        var entry = Entries.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
        if (entry.Create is null)
        {
            scenario = null;
            error = $"unknown scenario '{name}'; known: {string.Join(", ", Names)}";
            return false;
        }

        scenario = entry.Create(options);
        error = null;
        return true;
    }

    public static IScenario Create(string name, ScenarioOptions options) =>
        TryCreate(name, options, out var s, out var error) ? s! : throw new ArgumentException(error, nameof(name));

    internal static BtcLadderPart Btc(ScenarioOptions o)
    {
        const double vol = 0.55;
        BtcPricePath path = o.BtcCsvPath is { } csv
            ? new CsvBtcPath(CsvBtcPath.ReadCloses(csv), vol, new ScenarioRandom(o.Seed, "btc-csv-start"), new ScenarioRandom(o.Seed, "btc-future"))
            : new RandomWalkBtcPath(StartPrice(o.Seed), vol, new ScenarioRandom(o.Seed, "btc-walk"), new ScenarioRandom(o.Seed, "btc-future"));
        return new BtcLadderPart(path, o.RunLength);
    }

    internal static TsaWeeklyPart Tsa(ScenarioOptions o) => new(new ScenarioRandom(o.Seed, "tsa-walk"), new ScenarioRandom(o.Seed, "tsa-outcome"));

    internal static PresidentialPart Pres(ScenarioOptions o) => new(new ScenarioRandom(o.Seed, "pres-walk"), new ScenarioRandom(o.Seed, "pres-outcome"));

    internal static FedPart Fed(ScenarioOptions o) => new(new ScenarioRandom(o.Seed, "fed-walk"), new ScenarioRandom(o.Seed, "fed-outcome"));

    internal static CpiPart Cpi(ScenarioOptions o) => new(new ScenarioRandom(o.Seed, "cpi-walk"), new ScenarioRandom(o.Seed, "cpi-outcome"));

    // A plausible spot near late-2026 levels, varied by seed so runs differ.
    private static double StartPrice(ulong seed) => Math.Round(90_000 + (new ScenarioRandom(seed, "btc-spot").NextDouble() * 10_000), 2);
}
