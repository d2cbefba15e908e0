using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Rest;

/// <summary><c>POST /portfolio/order_groups/create</c>: a rolling-15-second matched-contracts limit.</summary>
public sealed record CreateOrderGroupRequest
{
    [JsonPropertyName("contracts_limit_fp")] public string? ContractsLimitFp { get; init; }
    [JsonPropertyName("contracts_limit")] public long? ContractsLimit { get; init; }
    [JsonPropertyName("subaccount")] public int? Subaccount { get; init; }
}

/// <summary>Reply to create.</summary>
public sealed record CreateOrderGroupResponse
{
    [JsonPropertyName("order_group_id")] public string OrderGroupId { get; init; } = "";
    [JsonPropertyName("subaccount")] public int? Subaccount { get; init; }
}

/// <summary><c>GET /portfolio/order_groups/{id}</c>; <see cref="Orders"/> are order ids.</summary>
public sealed record OrderGroupResponse
{
    [JsonPropertyName("is_auto_cancel_enabled")] public bool IsAutoCancelEnabled { get; init; }
    [JsonPropertyName("contracts_limit_fp")] public string? ContractsLimitFp { get; init; }
    [JsonPropertyName("contracts_limit")] public long? ContractsLimit { get; init; }
    [JsonPropertyName("orders")] public List<string> Orders { get; init; } = [];
}

/// <summary>One group in <c>GET /portfolio/order_groups</c>.</summary>
public sealed record OrderGroupWire
{
    [JsonPropertyName("id")] public string? Id { get; init; }
    [JsonPropertyName("order_group_id")] public string? OrderGroupId { get; init; }
    [JsonPropertyName("is_auto_cancel_enabled")] public bool IsAutoCancelEnabled { get; init; }
    [JsonPropertyName("contracts_limit_fp")] public string? ContractsLimitFp { get; init; }
    [JsonPropertyName("contracts_limit")] public long? ContractsLimit { get; init; }
}

/// <summary><c>GET /portfolio/order_groups</c>.</summary>
public sealed record OrderGroupsResponse
{
    [JsonPropertyName("order_groups")] public List<OrderGroupWire> OrderGroups { get; init; } = [];
    [JsonPropertyName("cursor")] public string? Cursor { get; init; }
}

/// <summary><c>PUT /portfolio/order_groups/{id}/limit</c>.</summary>
public sealed record SetOrderGroupLimitRequest
{
    [JsonPropertyName("contracts_limit_fp")] public string? ContractsLimitFp { get; init; }
    [JsonPropertyName("contracts_limit")] public long? ContractsLimit { get; init; }
}
