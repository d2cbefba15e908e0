using System.Text.Json;
using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Rest;

/// <summary><c>GET /exchange/status</c>.</summary>
public sealed record ExchangeStatusResponse
{
    [JsonPropertyName("exchange_active")] public bool ExchangeActive { get; init; }
    [JsonPropertyName("trading_active")] public bool TradingActive { get; init; }
    [JsonPropertyName("intra_exchange_transfers_active")] public bool? IntraExchangeTransfersActive { get; init; }
    [JsonPropertyName("exchange_estimated_resume_time")] public string? ExchangeEstimatedResumeTime { get; init; }
    [JsonPropertyName("exchange_index_statuses")] public JsonElement? ExchangeIndexStatuses { get; init; }
}

/// <summary>One trading session within a day, Eastern time "HH:mm".</summary>
public sealed record DailySessionWire
{
    [JsonPropertyName("open_time")] public string OpenTime { get; init; } = "";
    [JsonPropertyName("close_time")] public string CloseTime { get; init; } = "";
}

/// <summary>A weekly schedule valid between <see cref="StartTime"/> and <see cref="EndTime"/>.</summary>
public sealed record WeeklyScheduleWire
{
    [JsonPropertyName("start_time")] public string? StartTime { get; init; }
    [JsonPropertyName("end_time")] public string? EndTime { get; init; }
    [JsonPropertyName("monday")] public List<DailySessionWire>? Monday { get; init; }
    [JsonPropertyName("tuesday")] public List<DailySessionWire>? Tuesday { get; init; }
    [JsonPropertyName("wednesday")] public List<DailySessionWire>? Wednesday { get; init; }
    [JsonPropertyName("thursday")] public List<DailySessionWire>? Thursday { get; init; }
    [JsonPropertyName("friday")] public List<DailySessionWire>? Friday { get; init; }
    [JsonPropertyName("saturday")] public List<DailySessionWire>? Saturday { get; init; }
    [JsonPropertyName("sunday")] public List<DailySessionWire>? Sunday { get; init; }
}

/// <summary>A planned maintenance window (RFC3339).</summary>
public sealed record MaintenanceWindowWire
{
    [JsonPropertyName("start_datetime")] public string? StartDatetime { get; init; }
    [JsonPropertyName("end_datetime")] public string? EndDatetime { get; init; }
}

/// <summary>The <c>schedule</c> object.</summary>
public sealed record ExchangeScheduleWire
{
    [JsonPropertyName("standard_hours")] public List<WeeklyScheduleWire> StandardHours { get; init; } = [];
    [JsonPropertyName("maintenance_windows")] public List<MaintenanceWindowWire> MaintenanceWindows { get; init; } = [];
}

/// <summary><c>GET /exchange/schedule</c>.</summary>
public sealed record ExchangeScheduleResponse
{
    [JsonPropertyName("schedule")] public ExchangeScheduleWire Schedule { get; init; } = new();
}

/// <summary>
/// <c>GET /historical/cutoff</c>: records older than these go through <c>/historical/*</c>. Kept as raw strings
/// because the JSON type (RFC3339 string or Unix number) is unconfirmed; the mapper accepts both.
/// </summary>
public sealed record HistoricalCutoffResponse
{
    [JsonPropertyName("market_settled_ts")][JsonConverter(typeof(FlexibleStringConverter))] public string? MarketSettledTs { get; init; }
    [JsonPropertyName("trades_created_ts")][JsonConverter(typeof(FlexibleStringConverter))] public string? TradesCreatedTs { get; init; }
    [JsonPropertyName("orders_updated_ts")][JsonConverter(typeof(FlexibleStringConverter))] public string? OrdersUpdatedTs { get; init; }
    [JsonPropertyName("market_positions_last_updated_ts")][JsonConverter(typeof(FlexibleStringConverter))] public string? MarketPositionsLastUpdatedTs { get; init; }
}

/// <summary>One token bucket: refills at <see cref="RefillRate"/> tokens/s up to <see cref="BucketCapacity"/>.</summary>
public sealed record TokenBucketWire
{
    [JsonPropertyName("refill_rate")] public decimal RefillRate { get; init; }
    [JsonPropertyName("bucket_capacity")] public decimal BucketCapacity { get; init; }
}

/// <summary><c>GET /account/limits</c>.</summary>
public sealed record AccountLimitsResponse
{
    [JsonPropertyName("usage_tier")] public string? UsageTier { get; init; }
    [JsonPropertyName("read")] public TokenBucketWire? Read { get; init; }
    [JsonPropertyName("write")] public TokenBucketWire? Write { get; init; }
    [JsonPropertyName("grants")] public JsonElement? Grants { get; init; }
}

/// <summary>The token cost of one endpoint; <see cref="Path"/> is a route template such as
/// <c>/trade-api/v2/portfolio/orders/{order_id}</c> or a relative one.</summary>
public sealed record EndpointCostWire
{
    [JsonPropertyName("method")] public string Method { get; init; } = "";
    [JsonPropertyName("path")] public string Path { get; init; } = "";
    [JsonPropertyName("cost")] public decimal Cost { get; init; }
}

/// <summary><c>GET /account/endpoint_costs</c>.</summary>
public sealed record EndpointCostsResponse
{
    [JsonPropertyName("default_cost")] public decimal DefaultCost { get; init; } = 10;
    [JsonPropertyName("endpoint_costs")] public List<EndpointCostWire> EndpointCosts { get; init; } = [];
}
