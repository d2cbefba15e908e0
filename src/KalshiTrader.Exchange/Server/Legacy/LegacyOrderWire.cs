using System.Text.Json.Serialization;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Exchange.Server.Legacy;

/// <summary>
/// <c>POST /portfolio/orders</c> (v1): side yes|no with action buy|sell, counts in whole contracts or <c>_fp</c>, prices
/// in integer cents or <c>_dollars</c> strings.
/// </summary>
internal sealed record V1CreateOrderRequest
{
    [JsonPropertyName("ticker")] public string? Ticker { get; init; }
    [JsonPropertyName("side")] public string? Side { get; init; }
    [JsonPropertyName("action")] public string? Action { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("count")] public long? Count { get; init; }
    [JsonPropertyName("count_fp")] public string? CountFp { get; init; }
    [JsonPropertyName("yes_price")] public long? YesPrice { get; init; }
    [JsonPropertyName("no_price")] public long? NoPrice { get; init; }
    [JsonPropertyName("yes_price_dollars")] public string? YesPriceDollars { get; init; }
    [JsonPropertyName("no_price_dollars")] public string? NoPriceDollars { get; init; }
    [JsonPropertyName("time_in_force")] public string? TimeInForce { get; init; }
    [JsonPropertyName("expiration_ts")] public long? ExpirationTs { get; init; }
    [JsonPropertyName("buy_max_cost")] public long? BuyMaxCost { get; init; }
    [JsonPropertyName("post_only")] public bool? PostOnly { get; init; }
    [JsonPropertyName("reduce_only")] public bool? ReduceOnly { get; init; }
    [JsonPropertyName("sell_position_floor")] public long? SellPositionFloor { get; init; }
    [JsonPropertyName("self_trade_prevention_type")] public string? SelfTradePreventionType { get; init; }
    [JsonPropertyName("order_group_id")] public string? OrderGroupId { get; init; }
    [JsonPropertyName("cancel_order_on_pause")] public bool? CancelOrderOnPause { get; init; }
    [JsonPropertyName("subaccount")] public int? Subaccount { get; init; }
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
}

/// <summary><c>POST /portfolio/orders/{id}/amend</c> (v1): the new price and the new total count.</summary>
internal sealed record V1AmendOrderRequest
{
    [JsonPropertyName("ticker")] public string? Ticker { get; init; }
    [JsonPropertyName("side")] public string? Side { get; init; }
    [JsonPropertyName("action")] public string? Action { get; init; }
    [JsonPropertyName("count")] public long? Count { get; init; }
    [JsonPropertyName("count_fp")] public string? CountFp { get; init; }
    [JsonPropertyName("yes_price")] public long? YesPrice { get; init; }
    [JsonPropertyName("no_price")] public long? NoPrice { get; init; }
    [JsonPropertyName("yes_price_dollars")] public string? YesPriceDollars { get; init; }
    [JsonPropertyName("no_price_dollars")] public string? NoPriceDollars { get; init; }
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
    [JsonPropertyName("updated_client_order_id")] public string? UpdatedClientOrderId { get; init; }
}

/// <summary><c>POST /portfolio/orders/{id}/decrease</c> (v1): exactly one of reduce_by / reduce_to (whole or <c>_fp</c>).</summary>
internal sealed record V1DecreaseOrderRequest
{
    [JsonPropertyName("reduce_by")] public long? ReduceBy { get; init; }
    [JsonPropertyName("reduce_by_fp")] public string? ReduceByFp { get; init; }
    [JsonPropertyName("reduce_to")] public long? ReduceTo { get; init; }
    [JsonPropertyName("reduce_to_fp")] public string? ReduceToFp { get; init; }
}

internal sealed record V1BatchCreateOrdersRequest
{
    [JsonPropertyName("orders")] public List<V1CreateOrderRequest> Orders { get; init; } = [];
}

/// <summary><c>DELETE /portfolio/orders/batched</c>: the old <c>ids</c> list or the newer <c>orders:[{order_id}]</c>.</summary>
internal sealed record V1BatchCancelOrdersRequest
{
    [JsonPropertyName("ids")] public List<string>? Ids { get; init; }
    [JsonPropertyName("orders")] public List<V1BatchCancelItemRequest>? Orders { get; init; }
}

internal sealed record V1BatchCancelItemRequest
{
    [JsonPropertyName("order_id")] public string? OrderId { get; init; }
}

internal sealed record V1OrderResponse
{
    [JsonPropertyName("order")] public OrderWire? Order { get; init; }
}

internal sealed record V1CancelOrderResponse
{
    [JsonPropertyName("order")] public OrderWire? Order { get; init; }
    [JsonPropertyName("reduced_by_fp")] public string? ReducedByFp { get; init; }
}

internal sealed record V1AmendOrderResponse
{
    [JsonPropertyName("old_order")] public OrderWire? OldOrder { get; init; }
    [JsonPropertyName("order")] public OrderWire? Order { get; init; }
}

/// <summary>One item of a batch: the order (and for cancels what was removed) or an error.</summary>
internal sealed record V1BatchItem
{
    [JsonPropertyName("order")] public OrderWire? Order { get; init; }
    [JsonPropertyName("reduced_by_fp")] public string? ReducedByFp { get; init; }
    [JsonPropertyName("error")] public ErrorBody? Error { get; init; }
}

internal sealed record V1BatchResponse
{
    [JsonPropertyName("orders")] public List<V1BatchItem> Orders { get; init; } = [];
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(V1CreateOrderRequest))]
[JsonSerializable(typeof(V1AmendOrderRequest))]
[JsonSerializable(typeof(V1DecreaseOrderRequest))]
[JsonSerializable(typeof(V1BatchCreateOrdersRequest))]
[JsonSerializable(typeof(V1BatchCancelOrdersRequest))]
[JsonSerializable(typeof(V1OrderResponse))]
[JsonSerializable(typeof(V1CancelOrderResponse))]
[JsonSerializable(typeof(V1AmendOrderResponse))]
[JsonSerializable(typeof(V1BatchResponse))]
internal sealed partial class LegacyJsonContext : JsonSerializerContext;
