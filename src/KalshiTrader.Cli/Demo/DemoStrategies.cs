using KalshiTrader.Strategies.Mispricing.Detection;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Cli.Demo;

/// <summary>
/// The strategies the demo runs: every public <see cref="IStrategyFactory"/> of the strategies assembly, with its
/// default settings. Every strategy added there later joins the demo (and its report) without touching this file.
/// </summary>
internal static class DemoStrategies
{
    public static IReadOnlyList<IStrategy> Create(TimeProvider clock) =>
        Factories().Select(f => f.Create(new StrategyCreation { Section = new Dictionary<string, string>(), Clock = clock })).ToList();

    public static IReadOnlyList<IStrategyFactory> Factories() =>
        typeof(MispricingDetector).Assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && typeof(IStrategyFactory).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (IStrategyFactory)Activator.CreateInstance(t)!)
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
}
