using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Trading.Strategy;

/// <summary>Read-only account state; the exchange is the truth and the engine reconciles to it.</summary>
public interface IPortfolioView
{
    /// <summary>Cash available to spend (the exchange's balance, less what our pending orders will reserve).</summary>
    Money AvailableCash { get; }

    /// <summary>Cash plus positions marked to market.</summary>
    Money PortfolioValue { get; }

    /// <summary>Signed position: + YES, − NO.</summary>
    Quantity PositionOf(MarketTicker ticker);

    /// <summary>Every non-zero position.</summary>
    IReadOnlyCollection<MarketPosition> Positions { get; }

    /// <summary>Worst-case loss of the positions and resting buys in one event.</summary>
    Money ExposureOf(EventTicker eventTicker);

    /// <summary>Realized P&amp;L (after fees) since the start of the trading day.</summary>
    Money RealizedPnlToday { get; }

    /// <summary>Unrealized P&amp;L of open positions marked at the best bid (what we could sell for now).</summary>
    Money UnrealizedPnl { get; }

    /// <summary>True when the market is paused for trading (reconciliation mismatch or unknown order outcome).</summary>
    bool IsMarketBlocked(MarketTicker ticker, out string? reason);
}
