using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Trading;

/// <summary>An order as the exchange reports it.</summary>
public sealed record Order
{
    public required OrderId Id { get; init; }
    public ClientOrderId? ClientOrderId { get; init; }
    public required MarketTicker Ticker { get; init; }
    public required OrderSide Side { get; init; }
    public required Price YesPrice { get; init; }
    public required OrderStatus Status { get; init; }
    public string Type { get; init; } = "limit";
    public Quantity InitialCount { get; init; }
    public Quantity FillCount { get; init; }
    public Quantity RemainingCount { get; init; }
    public Money TakerFillCost { get; init; }
    public Money MakerFillCost { get; init; }
    public Money TakerFees { get; init; }
    public Money MakerFees { get; init; }
    public TimeInForce? TimeInForce { get; init; }
    public SelfTradePrevention? SelfTradePrevention { get; init; }
    public string? OrderGroupId { get; init; }
    public bool CancelOrderOnPause { get; init; }
    public DateTimeOffset? CreatedTime { get; init; }
    public DateTimeOffset? LastUpdateTime { get; init; }
    public DateTimeOffset? ExpirationTime { get; init; }

    /// <summary>Why the order last changed (Trade, Decrease, Amend, SelfTradeCancel, ExpiryCancel, CloseCancel, ...).</summary>
    public string? LastUpdateReason { get; init; }
    public int Subaccount { get; init; }

    public Outcome Buys => Side.Buys();
    public Money Fees => TakerFees + MakerFees;
}

/// <summary>What the exchange answers to a create: ids and how much filled immediately.</summary>
public sealed record OrderAck(
    OrderId OrderId,
    ClientOrderId? ClientOrderId,
    Quantity FillCount,
    Quantity RemainingCount,
    decimal? AverageFillPrice,
    decimal? AverageFeePaid,
    DateTimeOffset Time);

/// <summary>The result of a cancel, amend or decrease.</summary>
public sealed record OrderChange(OrderId OrderId, ClientOrderId? ClientOrderId, Quantity RemainingCount, Quantity ReducedBy, DateTimeOffset Time);
