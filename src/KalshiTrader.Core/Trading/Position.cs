using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Trading;

/// <summary>A market position as the exchange reports it: signed, + YES and − NO, never both.</summary>
public sealed record MarketPosition
{
    public required MarketTicker Ticker { get; init; }
    public Quantity Position { get; init; }
    public Money MarketExposure { get; init; }
    public Money TotalTraded { get; init; }
    public Money RealizedPnl { get; init; }
    public Money FeesPaid { get; init; }
    public Quantity RestingOrdersCount { get; init; }
    public DateTimeOffset? LastUpdated { get; init; }
}

/// <summary>Exposure summed over one event.</summary>
public sealed record EventPosition
{
    public required EventTicker EventTicker { get; init; }
    public Money TotalCost { get; init; }
    public Quantity TotalCostShares { get; init; }
    public Money EventExposure { get; init; }
    public Money RealizedPnl { get; init; }
    public Money FeesPaid { get; init; }
}

/// <summary>Cash: <see cref="Available"/> is what can be spent; <see cref="PortfolioValue"/> marks positions.</summary>
public sealed record Balance(Money Available, Money PortfolioValue, DateTimeOffset? UpdatedTime);

/// <summary>What a market paid us when it settled.</summary>
public sealed record Settlement
{
    public required MarketTicker Ticker { get; init; }
    public EventTicker? EventTicker { get; init; }
    public Markets.MarketResult Result { get; init; }
    public Quantity YesCount { get; init; }
    public Quantity NoCount { get; init; }
    public Money YesTotalCost { get; init; }
    public Money NoTotalCost { get; init; }

    /// <summary>Cash paid out ($1 per winning contract).</summary>
    public Money Revenue { get; init; }

    /// <summary>Payout per YES contract.</summary>
    public Price? Value { get; init; }
    public Money FeeCost { get; init; }
    public DateTimeOffset SettledTime { get; init; }
}
