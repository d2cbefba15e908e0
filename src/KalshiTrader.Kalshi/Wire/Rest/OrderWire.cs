using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Rest;

/// <summary>
/// An order (V2 shape). Direction is <see cref="BookSide"/> in YES price: <c>bid</c> buys YES, <c>ask</c> buys NO;
/// <see cref="OutcomeSide"/> is its twin (yes with bid, no with ask). <see cref="Side"/>/<see cref="Action"/> are
/// the deprecated v1 pair, read only when <see cref="BookSide"/> is absent.
/// </summary>
public sealed record OrderWire
{
    [JsonPropertyName("order_id")] public string OrderId { get; init; } = "";
    [JsonPropertyName("user_id")] public string? UserId { get; init; }
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
    [JsonPropertyName("ticker")] public string Ticker { get; init; } = "";
    [JsonPropertyName("outcome_side")] public string? OutcomeSide { get; init; }
    [JsonPropertyName("book_side")] public string? BookSide { get; init; }
    [JsonPropertyName("side")] public string? Side { get; init; }
    [JsonPropertyName("action")] public string? Action { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    /// <summary><c>resting</c>, <c>canceled</c> or <c>executed</c>.</summary>
    [JsonPropertyName("status")] public string Status { get; init; } = "";
    [JsonPropertyName("yes_price_dollars")] public string? YesPriceDollars { get; init; }
    [JsonPropertyName("no_price_dollars")] public string? NoPriceDollars { get; init; }
    [JsonPropertyName("initial_count_fp")] public string? InitialCountFp { get; init; }
    [JsonPropertyName("fill_count_fp")] public string? FillCountFp { get; init; }
    [JsonPropertyName("remaining_count_fp")] public string? RemainingCountFp { get; init; }
    [JsonPropertyName("taker_fill_cost_dollars")] public string? TakerFillCostDollars { get; init; }
    [JsonPropertyName("maker_fill_cost_dollars")] public string? MakerFillCostDollars { get; init; }
    [JsonPropertyName("taker_fees_dollars")] public string? TakerFeesDollars { get; init; }
    [JsonPropertyName("maker_fees_dollars")] public string? MakerFeesDollars { get; init; }
    [JsonPropertyName("time_in_force")] public string? TimeInForce { get; init; }
    [JsonPropertyName("post_only")] public bool? PostOnly { get; init; }
    [JsonPropertyName("reduce_only")] public bool? ReduceOnly { get; init; }
    [JsonPropertyName("created_time")] public string? CreatedTime { get; init; }
    [JsonPropertyName("last_update_time")] public string? LastUpdateTime { get; init; }
    [JsonPropertyName("expiration_time")] public string? ExpirationTime { get; init; }
    [JsonPropertyName("last_update_reason")] public string? LastUpdateReason { get; init; }
    [JsonPropertyName("self_trade_prevention_type")] public string? SelfTradePreventionType { get; init; }
    [JsonPropertyName("order_group_id")] public string? OrderGroupId { get; init; }
    [JsonPropertyName("cancel_order_on_pause")] public bool? CancelOrderOnPause { get; init; }
    [JsonPropertyName("subaccount_number")] public int? SubaccountNumber { get; init; }
    [JsonPropertyName("exchange_index")] public int? ExchangeIndex { get; init; }

    // Legacy integer forms (cents, whole contracts).
    [JsonPropertyName("yes_price")] public long? YesPrice { get; init; }
    [JsonPropertyName("no_price")] public long? NoPrice { get; init; }
    [JsonPropertyName("initial_count")] public long? InitialCount { get; init; }
    [JsonPropertyName("fill_count")] public long? FillCount { get; init; }
    [JsonPropertyName("remaining_count")] public long? RemainingCount { get; init; }
    [JsonPropertyName("taker_fill_cost")] public long? TakerFillCost { get; init; }
    [JsonPropertyName("maker_fill_cost")] public long? MakerFillCost { get; init; }
    [JsonPropertyName("taker_fees")] public long? TakerFees { get; init; }
    [JsonPropertyName("maker_fees")] public long? MakerFees { get; init; }
}

/// <summary><c>GET /portfolio/orders/{order_id}</c>.</summary>
public sealed record OrderResponse
{
    [JsonPropertyName("order")] public OrderWire Order { get; init; } = new();
}

/// <summary><c>GET /portfolio/orders</c>: one page.</summary>
public sealed record OrdersResponse
{
    [JsonPropertyName("orders")] public List<OrderWire> Orders { get; init; } = [];
    [JsonPropertyName("cursor")] public string? Cursor { get; init; }
}

/// <summary><c>GET /portfolio/orders/{order_id}/queue_position</c>: contracts ahead of the order.</summary>
public sealed record QueuePositionResponse
{
    [JsonPropertyName("queue_position_fp")] public string? QueuePositionFp { get; init; }
    [JsonPropertyName("queue_position")] public long? QueuePosition { get; init; }
}

/// <summary>One order's queue position.</summary>
public sealed record OrderQueuePositionWire
{
    [JsonPropertyName("order_id")] public string OrderId { get; init; } = "";
    [JsonPropertyName("market_ticker")] public string? MarketTicker { get; init; }
    [JsonPropertyName("queue_position_fp")] public string? QueuePositionFp { get; init; }
    [JsonPropertyName("queue_position")] public long? QueuePosition { get; init; }
}

/// <summary><c>GET /portfolio/orders/queue_positions?market_tickers=</c>.</summary>
public sealed record QueuePositionsResponse
{
    [JsonPropertyName("queue_positions")] public List<OrderQueuePositionWire> QueuePositions { get; init; } = [];
}
