namespace KalshiTrader.Trading.Config;

/// <summary>One bad field: its dotted path and what is wrong ("trading.max_risk_per_trade: must be in (0, 1], was 1.5").</summary>
public sealed record ConfigError(string Path, string Problem)
{
    public override string ToString() => $"{Path}: {Problem}";
}

/// <summary>Thrown by <see cref="ConfigLoader.LoadOrThrow"/> with EVERY bad field, one per line.</summary>
public sealed class ConfigException(IReadOnlyList<ConfigError> errors)
    : Exception("invalid configuration:\n  " + string.Join("\n  ", errors))
{
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
