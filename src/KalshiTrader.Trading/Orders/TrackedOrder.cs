using KalshiTrader.Core.Primitives;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Orders;

/// <summary>The order manager's mutable record of one order; touched only by the engine loop.</summary>
internal sealed class TrackedOrder
{
    public required ClientOrderId ClientOrderId { get; init; }
    public required string Strategy { get; init; }
    public required OrderIntent Intent { get; set; }
    public OrderState State { get; set; }
    public OrderId? OrderId { get; set; }
    public Quantity Filled { get; set; }
    public Quantity FilledFromFills { get; set; }
    public Quantity Remaining { get; set; }
    public Money FillCost { get; set; }
    public Money Fees { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset Created { get; init; }
    public DateTimeOffset Updated { get; set; }

    public bool IsFinal => OrderStates.IsFinal(State);

    /// <summary>Resting, pending or unknown: may still trade.</summary>
    public bool IsOpen => State is OrderState.Pending or OrderState.Resting or OrderState.Unknown;

    public StrategyOrder Snapshot() => new()
    {
        ClientOrderId = ClientOrderId,
        OrderId = OrderId,
        Strategy = Strategy,
        Intent = Intent,
        State = State,
        FilledCount = Filled,
        RemainingCount = Remaining,
        FillCost = FillCost,
        Fees = Fees,
        Reason = Reason,
        CreatedTime = Created,
        UpdatedTime = Updated,
    };

    public JournaledOrder ToJournal(string runId, EngineMode mode) => new()
    {
        ClientOrderId = ClientOrderId.Value,
        Strategy = Strategy,
        RunId = runId,
        Mode = mode.ToString(),
        Ticker = Intent.Ticker.Value,
        Buy = Intent.Buy == Outcome.Yes ? "yes" : "no",
        LimitTicks = Intent.LimitPrice.Ticks,
        CountHundredths = Intent.Count.Hundredths,
        TimeInForce = Intent.TimeInForce.ToString(),
        PostOnly = Intent.PostOnly,
        ReduceOnly = Intent.ReduceOnly,
        Expiration = Intent.Expiration,
        OrderGroupId = Intent.OrderGroupId,
        PositionSetId = Intent.PositionSetId,
        WorstCaseLossMicros = Intent.WorstCaseLoss?.Micros,
        Tag = Intent.Tag,
        State = State.ToString(),
        OrderId = OrderId?.Value,
        FilledHundredths = Filled.Hundredths,
        FilledFromFillsHundredths = FilledFromFills.Hundredths,
        RemainingHundredths = Remaining.Hundredths,
        FillCostMicros = FillCost.Micros,
        FeesMicros = Fees.Micros,
        Reason = Reason,
        CreatedTime = Created,
        UpdatedTime = Updated,
    };

    public static TrackedOrder FromJournal(JournaledOrder j) => new()
    {
        ClientOrderId = new ClientOrderId(j.ClientOrderId),
        Strategy = j.Strategy,
        Intent = j.ToIntent(),
        State = Enum.Parse<OrderState>(j.State),
        OrderId = j.OrderId is { } id ? new OrderId(id) : null,
        Filled = Quantity.FromHundredths(j.FilledHundredths),
        FilledFromFills = Quantity.FromHundredths(j.FilledFromFillsHundredths),
        Remaining = Quantity.FromHundredths(j.RemainingHundredths),
        FillCost = Money.FromMicros(j.FillCostMicros),
        Fees = Money.FromMicros(j.FeesMicros),
        Reason = j.Reason,
        Created = j.CreatedTime,
        Updated = j.UpdatedTime,
    };
}
