using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Trading.Strategy;

/// <summary>Where an order stands in the engine's view.</summary>
public enum OrderState
{
    /// <summary>Journaled, being sent.</summary>
    Pending,

    /// <summary>Dry-run: recorded, never sent.</summary>
    Simulated,
    Resting,
    Filled,

    /// <summary>Canceled by us, by IOC/FOK, by expiry, by the exchange (close, halt, self-trade) — see the reason.</summary>
    Canceled,
    Rejected,

    /// <summary>Create timed out or got a 5xx: may exist; reconciliation by client order id decides.</summary>
    Unknown,
}

/// <summary>A snapshot of one of a strategy's orders.</summary>
public sealed record StrategyOrder
{
    public required ClientOrderId ClientOrderId { get; init; }
    public OrderId? OrderId { get; init; }
    public required string Strategy { get; init; }
    public required OrderIntent Intent { get; init; }
    public required OrderState State { get; init; }
    public Quantity FilledCount { get; init; }
    public Quantity RemainingCount { get; init; }

    /// <summary>Total cost of fills in the bought outcome's terms (excluding fees).</summary>
    public Money FillCost { get; init; }
    public Money Fees { get; init; }

    /// <summary>The exchange's reason for the last change (Trade, ExpiryCancel, CloseCancel, a rejection code...).</summary>
    public string? Reason { get; init; }
    public DateTimeOffset CreatedTime { get; init; }
    public DateTimeOffset UpdatedTime { get; init; }

    public bool IsFinal => State is OrderState.Filled or OrderState.Canceled or OrderState.Rejected or OrderState.Simulated;
}
