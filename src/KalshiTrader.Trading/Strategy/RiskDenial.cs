namespace KalshiTrader.Trading.Strategy;

/// <summary>The pre-trade rule that refused an order.</summary>
public enum RiskRule
{
    KillSwitch,
    InvalidOrder,
    MarketNotTradeable,
    MarketBlocked,
    MaxContractsPerOrder,
    MaxPositionPerMarket,
    MaxPositionPerEvent,
    MaxOpenOrders,
    MaxOpenPositionSets,
    MaxNotionalPerOrder,
    MaxRiskPerTrade,
    DailyLossLimit,
    NearClose,
    StaleData,
    PriceSanity,
    WriteRate,
    InsufficientBalance,
}

/// <summary>A typed risk denial: which rule, and a message with the numbers that broke it.</summary>
public sealed record RiskDenial(RiskRule Rule, string Message)
{
    public override string ToString() => $"{Rule}: {Message}";
}
