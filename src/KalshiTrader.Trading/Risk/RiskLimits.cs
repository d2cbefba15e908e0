using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Trading.Risk;

/// <summary>The pre-trade limits (bound from the <c>trading</c> config section). Counts are contracts; money is exact.</summary>
public sealed record RiskLimits
{
    public Quantity MaxContractsPerOrder { get; init; } = Quantity.FromContracts(100);
    public Quantity MaxPositionPerMarket { get; init; } = Quantity.FromContracts(500);
    public Quantity MaxPositionPerEvent { get; init; } = Quantity.FromContracts(1000);
    public int MaxOpenOrders { get; init; } = 50;
    public int MaxOpenPositionSets { get; init; } = 20;
    public Money MaxNotionalPerOrder { get; init; } = Money.FromCents(10_000);

    /// <summary>Worst-case loss of one trade as a share of the balance, in (0, 1].</summary>
    public decimal MaxRiskPerTrade { get; init; } = 0.02m;

    /// <summary>Realized + marked-to-market loss in a trading day that trips the kill switch.</summary>
    public Money DailyLossLimit { get; init; } = Money.FromCents(5_000);

    /// <summary>No new entries this close to a market's close time (exits are still allowed).</summary>
    public TimeSpan NoEntryBeforeClose { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A book older than this may not be traded on.</summary>
    public TimeSpan MaxBookAge { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How far (in $0.0001 ticks) a buy limit may sit above the current best ask.</summary>
    public int PriceSanityTicks { get; init; } = 500;

    /// <summary>Order writes per second we allow ourselves (kept below the exchange's write budget).</summary>
    public double WritesPerSecond { get; init; } = 8;

    /// <summary>Burst size of the write bucket.</summary>
    public int WriteBurst { get; init; } = 8;
}
