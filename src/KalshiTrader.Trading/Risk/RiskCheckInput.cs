using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Risk;

/// <summary>Everything the risk manager looks at for one order, gathered by the engine at the moment of the check.</summary>
public sealed record RiskCheckInput
{
    public required OrderIntent Intent { get; init; }
    public required DateTimeOffset Now { get; init; }

    /// <summary>The market from the catalog; null when unknown (denied).</summary>
    public Market? Market { get; init; }
    public EventTicker? EventTicker => Market?.EventTicker;
    public required BookRead Book { get; init; }
    public FeeSchedule Fees { get; init; } = FeeSchedule.Standard;

    public bool KillSwitchTripped { get; init; }
    public string? KillSwitchReason { get; init; }

    /// <summary>Realized today plus unrealized now.</summary>
    public Money DailyPnl { get; init; }

    /// <summary>Cash that can still be committed (balance less what our resting and pending buys reserve).</summary>
    public Money AvailableCash { get; init; }

    /// <summary>The balance the risk-per-trade share applies to.</summary>
    public Money RiskBase { get; init; }

    /// <summary>Non-null when the market is blocked (unknown order outcome, reconciliation mismatch).</summary>
    public string? MarketBlockedReason { get; init; }

    /// <summary>Signed position in the market (+ YES, − NO).</summary>
    public Quantity Position { get; init; }

    /// <summary>Remaining count of our open buys of the same outcome in this market.</summary>
    public Quantity OpenSameOutcome { get; init; }

    /// <summary>Σ |position| + open buys over the event's markets, in contracts.</summary>
    public Quantity EventGross { get; init; }
    public int OpenOrders { get; init; }
    public int OpenPositionSets { get; init; }

    /// <summary>Whether the intent's position set already holds positions or orders (a later leg of an open set).</summary>
    public bool SetAlreadyOpen { get; init; }

    /// <summary>Worst-case loss already declared by earlier legs of the set.</summary>
    public Money SetDeclaredWorstCase { get; init; }
}
