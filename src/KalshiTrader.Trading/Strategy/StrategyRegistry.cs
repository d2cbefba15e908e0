using System.Reflection;

namespace KalshiTrader.Trading.Strategy;

/// <summary>
/// Strategy factories by name. The CLI fills it with the built-ins and every public <see cref="IStrategyFactory"/>
/// with a parameterless constructor found in the strategies assembly (one known assembly, not a plugin path).
/// </summary>
public sealed class StrategyRegistry
{
    private readonly Dictionary<string, IStrategyFactory> _factories = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => _factories.Keys.Order(StringComparer.Ordinal).ToList();

    public StrategyRegistry Add(IStrategyFactory factory)
    {
        _factories[factory.Name] = factory;
        return this;
    }

    /// <summary>Adds every concrete public factory type of <paramref name="assembly"/> that has a parameterless constructor.</summary>
    public StrategyRegistry AddFrom(Assembly assembly)
    {
        foreach (var type in assembly.GetExportedTypes())
        {
            if (type.IsAbstract || !typeof(IStrategyFactory).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null) continue;
            Add((IStrategyFactory)Activator.CreateInstance(type)!);
        }

        return this;
    }

    public bool TryGet(string name, out IStrategyFactory factory) => _factories.TryGetValue(name, out factory!);

    /// <summary>The built-in strategies of the Trading project.</summary>
    public static StrategyRegistry WithBuiltins() => new StrategyRegistry().Add(new Builtin.ProbeStrategyFactory());
}
