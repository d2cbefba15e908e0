using KalshiTrader.Core.Primitives;
using KalshiTrader.Trading.Catalog;
using KalshiTrader.Trading.Risk;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Engine;

/// <summary>How one engine run behaves (bound from the config's <c>trading</c> section plus the command line).</summary>
public sealed record EngineOptions
{
    public EngineMode Mode { get; init; } = EngineMode.DryRun;

    /// <summary>Part of every client order id; random when null. Fix it in backtests for reproducible ids.</summary>
    public string? RunId { get; init; }
    public RiskLimits Limits { get; init; } = new();
    public TimeSpan TimerInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How soon to reconcile again while a market is blocked (unknown outcome or mismatch).</summary>
    public TimeSpan BlockedReconcileInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Cancel our resting orders when the engine stops (SIGINT/SIGTERM). The kill switch always cancels.</summary>
    public bool CancelOrdersOnStop { get; init; } = true;

    /// <summary>The time zone whose midnight starts a new trading day for the daily loss limit.</summary>
    public TimeZoneInfo TradingDayZone { get; init; } = TimeZoneInfo.Utc;
    public CatalogQuery Catalog { get; init; } = new();

    /// <summary>A file whose appearance (newer than the engine's start) trips the kill switch: the fallback when the control endpoint is unreachable.</summary>
    public string? KillFilePath { get; init; }

    /// <summary>The balance risk-per-trade uses in dry-run when no exchange balance can be read.</summary>
    public Money DryRunBalance { get; init; } = Money.FromCents(100_000);

    /// <summary>Markets to follow in addition to what strategies declare (e.g. for recording or display).</summary>
    public IReadOnlyList<MarketTicker> ExtraMarkets { get; init; } = [];
}
