using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Trading.Strategy;

/// <summary>
/// One evaluated opportunity, traded or not. <see cref="Kind"/> names what was checked ("subset", "exclusive_no"),
/// <see cref="Key"/> identifies it stably (a relationship id) and <see cref="DetailJson"/> carries the legs and numbers.
/// </summary>
public sealed record StrategyEvaluation
{
    public required string Kind { get; init; }
    public string? Key { get; init; }
    public required IReadOnlyList<MarketTicker> Markets { get; init; }

    /// <summary>Edge per contract (or per set) after fees; negative when there was none.</summary>
    public Money? Edge { get; init; }
    public Quantity? ExecutableSize { get; init; }

    /// <summary>Whether the strategy acted on it.</summary>
    public bool Traded { get; init; }

    /// <summary>Why not traded (below threshold, risk denial...), or the outcome when traded.</summary>
    public string? Decision { get; init; }
    public string? DetailJson { get; init; }
}
