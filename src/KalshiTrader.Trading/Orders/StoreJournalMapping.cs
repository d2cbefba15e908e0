using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Storage.Records;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Orders;

/// <summary>Journal records to and from the store's rows: the one place this mapping lives.</summary>
internal static class StoreJournalMapping
{
    public static ClientOrderRecord ToRecord(JournaledOrder o) => new()
    {
        ClientOrderId = new ClientOrderId(o.ClientOrderId),
        OrderId = o.OrderId is { } id ? new OrderId(id) : null,
        RunId = o.RunId,
        Mode = o.Mode,
        Strategy = o.Strategy,
        Ticker = o.Ticker,
        Buy = BuyOf(o),
        LimitPrice = Price.FromTicks(o.LimitTicks),
        Count = Quantity.FromHundredths(o.CountHundredths),
        TimeInForce = Enum.Parse<TimeInForce>(o.TimeInForce),
        PostOnly = o.PostOnly,
        ReduceOnly = o.ReduceOnly,
        Expiration = o.Expiration,
        OrderGroupId = o.OrderGroupId,
        PositionSetId = o.PositionSetId,
        WorstCaseLoss = o.WorstCaseLossMicros is { } m ? Money.FromMicros(m) : null,
        Tag = o.Tag,
        State = o.State,
        IsFinal = OrderStates.IsFinal(o.State),
        Filled = Quantity.FromHundredths(o.FilledHundredths),
        Remaining = Quantity.FromHundredths(o.RemainingHundredths),
        FillCost = Money.FromMicros(o.FillCostMicros),
        Fees = Money.FromMicros(o.FeesMicros),
        Reason = o.Reason,
        CreatedTime = o.CreatedTime,
        UpdatedTime = o.UpdatedTime,
    };

    public static JournaledOrder ToJournal(ClientOrderRecord r, Quantity filledFromFills) => new()
    {
        ClientOrderId = r.ClientOrderId.Value,
        Strategy = r.Strategy,
        RunId = r.RunId,
        Mode = r.Mode,
        Ticker = r.Ticker.Value,
        Buy = r.Buy == Outcome.Yes ? "yes" : "no",
        LimitTicks = r.LimitPrice.Ticks,
        CountHundredths = r.Count.Hundredths,
        TimeInForce = r.TimeInForce.ToString(),
        PostOnly = r.PostOnly,
        ReduceOnly = r.ReduceOnly,
        Expiration = r.Expiration,
        OrderGroupId = r.OrderGroupId,
        PositionSetId = r.PositionSetId,
        WorstCaseLossMicros = r.WorstCaseLoss?.Micros,
        Tag = r.Tag,
        State = r.State,
        OrderId = r.OrderId?.Value,
        FilledHundredths = r.Filled.Hundredths,
        FilledFromFillsHundredths = filledFromFills.Hundredths,
        RemainingHundredths = r.Remaining.Hundredths,
        FillCostMicros = r.FillCost.Micros,
        FeesMicros = r.Fees.Micros,
        Reason = r.Reason,
        CreatedTime = r.CreatedTime,
        UpdatedTime = r.UpdatedTime,
    };

    public static OrderEventRecord ToEvent(JournaledOrder o, string eventType) => new()
    {
        RunId = o.RunId,
        Time = o.UpdatedTime == default ? o.CreatedTime : o.UpdatedTime,
        EventType = eventType,
        ClientOrderId = new ClientOrderId(o.ClientOrderId),
        OrderId = o.OrderId is { } id ? new OrderId(id) : null,
        Ticker = o.Ticker,
        Side = BuyOf(o).ToBuy(),
        YesPrice = YesPriceOf(o),
        Count = Quantity.FromHundredths(o.CountHundredths),
        FillCount = Quantity.FromHundredths(o.FilledHundredths),
        RemainingCount = Quantity.FromHundredths(o.RemainingHundredths),
        Status = StatusOf(o.State),
        Reason = o.Reason,
    };

    /// <summary>A risk denial or reconciliation mismatch: an order-level event with no order behind it.</summary>
    public static OrderEventRecord ToEvent(JournalEvent e, string ticker) => new()
    {
        RunId = e.RunId,
        Time = e.Time,
        EventType = e.Kind,
        ClientOrderId = e.ClientOrderId is { } c ? new ClientOrderId(c) : null,
        Ticker = ticker,
        Reason = e.Message,
        DetailJson = e.DetailJson,
    };

    /// <summary>The exchange-shaped orders row, once the exchange's order id is known and the state is one it has.</summary>
    public static OrderRecord? ToExchangeView(JournaledOrder o)
    {
        if (o.OrderId is not { } orderId || StatusOf(o.State) is not { } status) return null;
        var order = new Order
        {
            Id = new OrderId(orderId),
            ClientOrderId = new ClientOrderId(o.ClientOrderId),
            Ticker = o.Ticker,
            Side = BuyOf(o).ToBuy(),
            YesPrice = YesPriceOf(o),
            Status = status,
            InitialCount = Quantity.FromHundredths(o.CountHundredths),
            FillCount = Quantity.FromHundredths(o.FilledHundredths),
            RemainingCount = Quantity.FromHundredths(o.RemainingHundredths),
            TakerFillCost = Money.FromMicros(o.FillCostMicros),
            TakerFees = Money.FromMicros(o.FeesMicros),
            TimeInForce = Enum.Parse<TimeInForce>(o.TimeInForce),
            OrderGroupId = o.OrderGroupId,
            CreatedTime = o.CreatedTime,
            LastUpdateTime = o.UpdatedTime,
            ExpirationTime = o.Expiration,
            LastUpdateReason = o.Reason,
        };
        return new OrderRecord(order, o.RunId, o.Strategy);
    }

    private static Outcome BuyOf(JournaledOrder o) => o.Buy switch
    {
        "yes" => Outcome.Yes,
        "no" => Outcome.No,
        _ => throw new FormatException($"journaled order {o.ClientOrderId}: buy must be yes or no, was '{o.Buy}'"),
    };

    private static Price YesPriceOf(JournaledOrder o) =>
        BuyOf(o) == Outcome.Yes ? Price.FromTicks(o.LimitTicks) : Price.FromTicks(o.LimitTicks).Complement;

    private static OrderStatus? StatusOf(string state) => state switch
    {
        nameof(OrderState.Resting) => OrderStatus.Resting,
        nameof(OrderState.Filled) => OrderStatus.Executed,
        nameof(OrderState.Canceled) => OrderStatus.Canceled,
        _ => null,
    };
}
