using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Orders;

/// <summary>
/// One order as the journal stores it: flat, exact integers (price ticks, count hundredths, micro-dollars) so a
/// restart rebuilds it without parsing doubles. Written BEFORE the order is sent and again on every change.
/// </summary>
public sealed record JournaledOrder
{
    public required string ClientOrderId { get; init; }
    public required string Strategy { get; init; }
    public required string RunId { get; init; }
    public required string Mode { get; init; }
    public required string Ticker { get; init; }

    /// <summary>"yes" or "no": the outcome bought.</summary>
    public required string Buy { get; init; }
    public required int LimitTicks { get; init; }
    public required long CountHundredths { get; init; }
    public required string TimeInForce { get; init; }
    public bool PostOnly { get; init; }
    public bool ReduceOnly { get; init; }
    public DateTimeOffset? Expiration { get; init; }
    public string? OrderGroupId { get; init; }
    public string? PositionSetId { get; init; }
    public long? WorstCaseLossMicros { get; init; }
    public string? Tag { get; init; }

    public required string State { get; init; }
    public string? OrderId { get; init; }
    public long FilledHundredths { get; init; }

    /// <summary>The part of <see cref="FilledHundredths"/> counted from fill messages (the rest is the exchange's order view).</summary>
    public long FilledFromFillsHundredths { get; init; }
    public long RemainingHundredths { get; init; }
    public long FillCostMicros { get; init; }
    public long FeesMicros { get; init; }
    public string? Reason { get; init; }
    public DateTimeOffset CreatedTime { get; init; }
    public DateTimeOffset UpdatedTime { get; init; }

    public OrderIntent ToIntent() => new()
    {
        Ticker = Ticker,
        Buy = Buy == "yes" ? Outcome.Yes : Outcome.No,
        LimitPrice = Price.FromTicks(LimitTicks),
        Count = Quantity.FromHundredths(CountHundredths),
        TimeInForce = Enum.Parse<Core.Primitives.TimeInForce>(TimeInForce),
        PostOnly = PostOnly,
        ReduceOnly = ReduceOnly,
        Expiration = Expiration,
        OrderGroupId = OrderGroupId,
        PositionSetId = PositionSetId,
        WorstCaseLoss = WorstCaseLossMicros is { } m ? Money.FromMicros(m) : null,
        Tag = Tag,
    };
}

/// <summary>A fill as the journal stores it (attributed to a strategy when the order is ours).</summary>
public sealed record JournaledFill
{
    public required string TradeId { get; init; }
    public required string OrderId { get; init; }
    public string? ClientOrderId { get; init; }
    public string? Strategy { get; init; }
    public required string Ticker { get; init; }

    /// <summary>"bid" (bought YES) or "ask" (bought NO).</summary>
    public required string Side { get; init; }
    public required int YesPriceTicks { get; init; }
    public required long CountHundredths { get; init; }
    public bool IsTaker { get; init; }
    public long FeeMicros { get; init; }
    public DateTimeOffset Time { get; init; }
    public required string RunId { get; init; }

    public static JournaledFill From(Fill fill, string? strategy, string runId) => new()
    {
        TradeId = fill.TradeId.Value,
        OrderId = fill.OrderId.Value,
        ClientOrderId = fill.ClientOrderId?.Value,
        Strategy = strategy,
        Ticker = fill.Ticker.Value,
        Side = fill.Side == OrderSide.Bid ? "bid" : "ask",
        YesPriceTicks = fill.YesPrice.Ticks,
        CountHundredths = fill.Count.Hundredths,
        IsTaker = fill.IsTaker,
        FeeMicros = fill.Fee.Micros,
        Time = fill.Time,
        RunId = runId,
    };

    public Fill ToFill() => new()
    {
        TradeId = new TradeId(TradeId),
        OrderId = new OrderId(OrderId),
        ClientOrderId = ClientOrderId is { } c ? new ClientOrderId(c) : null,
        Ticker = Ticker,
        Side = Side == "bid" ? OrderSide.Bid : OrderSide.Ask,
        YesPrice = Price.FromTicks(YesPriceTicks),
        Count = Quantity.FromHundredths(CountHundredths),
        IsTaker = IsTaker,
        Fee = Money.FromMicros(FeeMicros),
        Time = Time,
    };
}

/// <summary>
/// Anything else worth keeping: risk denials, evaluations, kill switch, reconciliation mismatches, mode, start/stop.
/// </summary>
public sealed record JournalEvent
{
    public required DateTimeOffset Time { get; init; }

    /// <summary>risk_denied, evaluation, dry_run_order, kill, reconcile_mismatch, engine_start, engine_stop, ...</summary>
    public required string Kind { get; init; }
    public required string RunId { get; init; }
    public string? Strategy { get; init; }
    public string? Ticker { get; init; }
    public string? ClientOrderId { get; init; }
    public required string Message { get; init; }
    public string? DetailJson { get; init; }

    /// <summary>The strategy's evaluation itself when <see cref="Kind"/> is "evaluation" (DetailJson is its JSON form).</summary>
    public StrategyEvaluation? Evaluation { get; init; }
}

/// <summary>What a journal hands back at start: orders not yet final and fills already counted.</summary>
public sealed record JournalSnapshot(IReadOnlyList<JournaledOrder> OpenOrders, IReadOnlySet<string> KnownFillIds);
