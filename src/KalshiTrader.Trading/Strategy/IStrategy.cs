using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Trading.Strategy;

/// <summary>
/// A trading strategy. The engine calls every method from its ONE consumer loop, never concurrently, so a
/// strategy keeps plain fields and needs no locks. It acts only through the <see cref="IStrategyContext"/>
/// (orders come back as <see cref="OrderResult"/> values, never exceptions). The same strategy runs unchanged
/// in dry-run, paper, live and backtest. Optional callbacks have empty defaults: override what you need.
/// </summary>
public interface IStrategy
{
    /// <summary>Unique, stable, lower-case name (also the prefix of this strategy's client order ids).</summary>
    string Name { get; }

    /// <summary>
    /// Called once, after the first reconciliation and catalog load and before any market data reaches the strategy.
    /// Declare the markets to follow here with <see cref="IStrategyContext.Follow"/>.
    /// </summary>
    Task StartAsync(IStrategyContext context, CancellationToken cancellationToken);

    /// <summary>A followed market's book changed (or became fresh again after a resync). Read it with <see cref="IStrategyContext.GetBook"/>.</summary>
    ValueTask OnBookChangedAsync(MarketTicker ticker, IStrategyContext context, CancellationToken cancellationToken);

    /// <summary>One of this strategy's orders changed state (accepted, partly filled, filled, canceled, rejected, reconciled).</summary>
    ValueTask OnOrderUpdateAsync(StrategyOrder order, IStrategyContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>One of this strategy's orders traded (each fill once, deduplicated by trade id).</summary>
    ValueTask OnFillAsync(Fill fill, IStrategyContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>A followed market's lifecycle changed (paused, closed, determined, settled, close time moved).</summary>
    ValueTask OnMarketStatusAsync(MarketTicker ticker, string eventType, IStrategyContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>The engine's periodic timer (trading.timer_interval). Time is <see cref="IStrategyContext.Now"/>.</summary>
    ValueTask OnTimerAsync(IStrategyContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>The engine is stopping (shutdown or kill switch). Orders can no longer be submitted.</summary>
    Task StopAsync(IStrategyContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Creates a strategy by name from the configuration; the CLI passes a list of these to the engine.</summary>
public interface IStrategyFactory
{
    /// <summary>The name used with <c>run --strategy NAME</c> and as the config section (e.g. "mispricing").</summary>
    string Name { get; }

    /// <summary>Builds the strategy from its config section and the engine's services.</summary>
    IStrategy Create(StrategyCreation creation);
}

/// <summary>
/// What a factory gets. <see cref="Section"/> is the strategy's own config section flattened to dotted keys
/// ("min_edge", "legs.max") with string values, already ${VAR}-expanded; empty when the section is absent.
/// </summary>
public sealed record StrategyCreation
{
    public required IReadOnlyDictionary<string, string> Section { get; init; }
    public required TimeProvider Clock { get; init; }
}
