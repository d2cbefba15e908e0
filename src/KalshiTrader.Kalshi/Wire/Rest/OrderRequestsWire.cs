using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Rest;

/// <summary>
/// <c>POST /portfolio/events/orders</c> body (also one item of a batch create). <see cref="Side"/> is bid|ask and
/// <see cref="Price"/> is the YES price as a dollar string; <see cref="Count"/> is an fp string.
/// </summary>
public sealed record CreateOrderV2Request
{
    [JsonPropertyName("ticker")] public string Ticker { get; init; } = "";
    [JsonPropertyName("side")] public string Side { get; init; } = "";
    [JsonPropertyName("price")] public string Price { get; init; } = "";
    [JsonPropertyName("count")] public string Count { get; init; } = "";
    /// <summary><c>fill_or_kill</c>, <c>good_till_canceled</c> or <c>immediate_or_cancel</c>.</summary>
    [JsonPropertyName("time_in_force")] public string TimeInForce { get; init; } = "";
    /// <summary><c>taker_at_cross</c> or <c>maker</c>.</summary>
    [JsonPropertyName("self_trade_prevention_type")] public string SelfTradePreventionType { get; init; } = "";
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
    /// <summary>Unix seconds; only with good_till_canceled.</summary>
    [JsonPropertyName("expiration_time")] public long? ExpirationTime { get; init; }
    [JsonPropertyName("post_only")] public bool? PostOnly { get; init; }
    [JsonPropertyName("reduce_only")] public bool? ReduceOnly { get; init; }
    [JsonPropertyName("cancel_order_on_pause")] public bool? CancelOrderOnPause { get; init; }
    [JsonPropertyName("order_group_id")] public string? OrderGroupId { get; init; }
    [JsonPropertyName("subaccount")] public int? Subaccount { get; init; }
    [JsonPropertyName("exchange_index")] public int? ExchangeIndex { get; init; }
}

/// <summary>201 reply to a V2 create. Counts are fp strings, averages dollar strings.</summary>
public sealed record CreateOrderV2Response
{
    [JsonPropertyName("order_id")] public string OrderId { get; init; } = "";
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
    [JsonPropertyName("fill_count")][JsonConverter(typeof(FlexibleStringConverter))] public string? FillCount { get; init; }
    [JsonPropertyName("remaining_count")][JsonConverter(typeof(FlexibleStringConverter))] public string? RemainingCount { get; init; }
    [JsonPropertyName("average_fill_price")][JsonConverter(typeof(FlexibleStringConverter))] public string? AverageFillPrice { get; init; }
    [JsonPropertyName("average_fee_paid")][JsonConverter(typeof(FlexibleStringConverter))] public string? AverageFeePaid { get; init; }
    [JsonPropertyName("ts_ms")] public long? TsMs { get; init; }
}

/// <summary>Reply to <c>DELETE /portfolio/events/orders/{id}</c>.</summary>
public sealed record CancelOrderV2Response
{
    [JsonPropertyName("order_id")] public string OrderId { get; init; } = "";
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
    [JsonPropertyName("reduced_by")][JsonConverter(typeof(FlexibleStringConverter))] public string? ReducedBy { get; init; }
    [JsonPropertyName("ts_ms")] public long? TsMs { get; init; }
}

/// <summary><c>POST /portfolio/events/orders/{id}/amend</c>; <see cref="Count"/> is the new TOTAL (filled + remaining).</summary>
public sealed record AmendOrderV2Request
{
    [JsonPropertyName("ticker")] public string Ticker { get; init; } = "";
    [JsonPropertyName("side")] public string Side { get; init; } = "";
    [JsonPropertyName("price")] public string Price { get; init; } = "";
    [JsonPropertyName("count")] public string Count { get; init; } = "";
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
    [JsonPropertyName("updated_client_order_id")] public string? UpdatedClientOrderId { get; init; }
    [JsonPropertyName("subaccount")] public int? Subaccount { get; init; }
}

/// <summary>Reply to an amend.</summary>
public sealed record AmendOrderV2Response
{
    [JsonPropertyName("order_id")] public string OrderId { get; init; } = "";
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
    [JsonPropertyName("remaining_count")][JsonConverter(typeof(FlexibleStringConverter))] public string? RemainingCount { get; init; }
    [JsonPropertyName("fill_count")][JsonConverter(typeof(FlexibleStringConverter))] public string? FillCount { get; init; }
    [JsonPropertyName("price")][JsonConverter(typeof(FlexibleStringConverter))] public string? Price { get; init; }
    [JsonPropertyName("ts_ms")] public long? TsMs { get; init; }
}

/// <summary><c>POST /portfolio/events/orders/{id}/decrease</c>: exactly one of the two, as fp strings.</summary>
public sealed record DecreaseOrderV2Request
{
    [JsonPropertyName("reduce_by")] public string? ReduceBy { get; init; }
    [JsonPropertyName("reduce_to")] public string? ReduceTo { get; init; }
    [JsonPropertyName("subaccount")] public int? Subaccount { get; init; }
}

/// <summary>Reply to a decrease.</summary>
public sealed record DecreaseOrderV2Response
{
    [JsonPropertyName("order_id")] public string OrderId { get; init; } = "";
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
    [JsonPropertyName("remaining_count")][JsonConverter(typeof(FlexibleStringConverter))] public string? RemainingCount { get; init; }
    [JsonPropertyName("reduced_by")][JsonConverter(typeof(FlexibleStringConverter))] public string? ReducedBy { get; init; }
    [JsonPropertyName("ts_ms")] public long? TsMs { get; init; }
}

/// <summary><c>POST /portfolio/events/orders/batched</c>.</summary>
public sealed record BatchCreateOrdersV2Request
{
    [JsonPropertyName("orders")] public List<CreateOrderV2Request> Orders { get; init; } = [];
}

/// <summary>One item of a batch create reply: either the create fields or <see cref="Error"/>.</summary>
public sealed record BatchCreateOrderV2Item
{
    [JsonPropertyName("order_id")] public string? OrderId { get; init; }
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
    [JsonPropertyName("fill_count")][JsonConverter(typeof(FlexibleStringConverter))] public string? FillCount { get; init; }
    [JsonPropertyName("remaining_count")][JsonConverter(typeof(FlexibleStringConverter))] public string? RemainingCount { get; init; }
    [JsonPropertyName("average_fill_price")][JsonConverter(typeof(FlexibleStringConverter))] public string? AverageFillPrice { get; init; }
    [JsonPropertyName("average_fee_paid")][JsonConverter(typeof(FlexibleStringConverter))] public string? AverageFeePaid { get; init; }
    [JsonPropertyName("ts_ms")] public long? TsMs { get; init; }
    [JsonPropertyName("error")] public ErrorBody? Error { get; init; }
}

/// <summary>Batch create reply, items in request order.</summary>
public sealed record BatchCreateOrdersV2Response
{
    [JsonPropertyName("orders")] public List<BatchCreateOrderV2Item> Orders { get; init; } = [];
}

/// <summary>One order to cancel in a batch.</summary>
public sealed record BatchCancelOrderV2Target
{
    [JsonPropertyName("order_id")] public string OrderId { get; init; } = "";
    [JsonPropertyName("market_ticker")] public string? MarketTicker { get; init; }
}

/// <summary><c>DELETE /portfolio/events/orders/batched</c>.</summary>
public sealed record BatchCancelOrdersV2Request
{
    [JsonPropertyName("orders")] public List<BatchCancelOrderV2Target> Orders { get; init; } = [];
}

/// <summary>One item of a batch cancel reply.</summary>
public sealed record BatchCancelOrderV2Item
{
    [JsonPropertyName("order_id")] public string OrderId { get; init; } = "";
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
    [JsonPropertyName("reduced_by")][JsonConverter(typeof(FlexibleStringConverter))] public string? ReducedBy { get; init; }
    [JsonPropertyName("ts_ms")] public long? TsMs { get; init; }
    [JsonPropertyName("error")] public ErrorBody? Error { get; init; }
}

/// <summary>Batch cancel reply, items in request order.</summary>
public sealed record BatchCancelOrdersV2Response
{
    [JsonPropertyName("orders")] public List<BatchCancelOrderV2Item> Orders { get; init; } = [];
}
