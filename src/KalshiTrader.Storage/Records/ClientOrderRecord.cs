using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Storage.Records;

/// <summary>
/// The engine's own record of one order, keyed by client order id: written before the order is sent (when no
/// exchange order id exists yet) and again on every change, so a restart finds every order the exchange may or may
/// not have. <see cref="Records.OrderRecord"/> is the exchange's view, keyed by exchange order id once there is one.
/// </summary>
public sealed record ClientOrderRecord
{
    public required ClientOrderId ClientOrderId { get; init; }

    /// <summary>Null until the exchange acknowledged the order (or reconciliation found it).</summary>
    public OrderId? OrderId { get; init; }
    public required string RunId { get; init; }

    /// <summary>The engine mode that sent it (dry-run orders are recorded but never sent).</summary>
    public required string Mode { get; init; }
    public required string Strategy { get; init; }
    public required MarketTicker Ticker { get; init; }

    /// <summary>The outcome bought; <see cref="LimitPrice"/> is that outcome's own price.</summary>
    public required Outcome Buy { get; init; }
    public required Price LimitPrice { get; init; }
    public required Quantity Count { get; init; }
    public required TimeInForce TimeInForce { get; init; }
    public bool PostOnly { get; init; }
    public bool ReduceOnly { get; init; }
    public DateTimeOffset? Expiration { get; init; }
    public string? OrderGroupId { get; init; }
    public string? PositionSetId { get; init; }
    public Money? WorstCaseLoss { get; init; }
    public string? Tag { get; init; }

    /// <summary>The engine's state name (Pending, Resting, Unknown, Filled, Canceled, Rejected, Simulated).</summary>
    public required string State { get; init; }

    /// <summary>True once nothing more can happen to the order; open orders (false) are what a restart loads.</summary>
    public required bool IsFinal { get; init; }
    public Quantity Filled { get; init; }
    public Quantity Remaining { get; init; }
    public Money FillCost { get; init; }
    public Money Fees { get; init; }
    public string? Reason { get; init; }
    public required DateTimeOffset CreatedTime { get; init; }
    public required DateTimeOffset UpdatedTime { get; init; }

    /// <summary>When the store last wrote this row (set by the store on read; ignored on write).</summary>
    public DateTimeOffset? RecordedTime { get; init; }
}
