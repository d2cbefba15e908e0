using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Ws;

/// <summary>Body of <c>fill</c>: one of our orders traded (not sequenced).</summary>
public sealed record WsFill
{
    [JsonPropertyName("trade_id")] public required string TradeId { get; init; }
    [JsonPropertyName("order_id")] public required string OrderId { get; init; }
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
    [JsonPropertyName("market_ticker")] public required string MarketTicker { get; init; }
    [JsonPropertyName("exchange_index")] public int? ExchangeIndex { get; init; }
    [JsonPropertyName("is_taker")] public bool IsTaker { get; init; }
    [JsonPropertyName("yes_price_dollars")] public string? YesPriceDollars { get; init; }
    [JsonPropertyName("count_fp")] public string? CountFp { get; init; }

    /// <summary>Fee in fixed-point dollars.</summary>
    [JsonPropertyName("fee_cost")] public string? FeeCost { get; init; }

    /// <summary>Signed position after the fill (+ YES, − NO).</summary>
    [JsonPropertyName("post_position_fp")] public string? PostPositionFp { get; init; }

    /// <summary>"yes" or "no": the outcome this fill bought.</summary>
    [JsonPropertyName("outcome_side")] public string? OutcomeSide { get; init; }

    /// <summary>"bid" (bought YES) or "ask" (bought NO).</summary>
    [JsonPropertyName("book_side")] public string? BookSide { get; init; }

    /// <summary>Deprecated "yes"/"no" (with <see cref="Action"/>).</summary>
    [JsonPropertyName("side")] public string? Side { get; init; }

    /// <summary>Deprecated "buy"/"sell".</summary>
    [JsonPropertyName("action")] public string? Action { get; init; }

    /// <summary>Deprecated.</summary>
    [JsonPropertyName("purchased_side")] public string? PurchasedSide { get; init; }
    [JsonPropertyName("ts")] public long? Ts { get; init; }
    [JsonPropertyName("ts_ms")] public long? TsMs { get; init; }
    [JsonPropertyName("subaccount")] public int? Subaccount { get; init; }
}

/// <summary>Body of <c>market_position</c> (channel <c>market_positions</c>; not sequenced).</summary>
public sealed record WsMarketPosition
{
    [JsonPropertyName("user_id")] public string? UserId { get; init; }
    [JsonPropertyName("market_ticker")] public required string MarketTicker { get; init; }

    /// <summary>Signed: + YES, − NO.</summary>
    [JsonPropertyName("position_fp")] public string? PositionFp { get; init; }
    [JsonPropertyName("position_cost_dollars")] public string? PositionCostDollars { get; init; }
    [JsonPropertyName("realized_pnl_dollars")] public string? RealizedPnlDollars { get; init; }
    [JsonPropertyName("fees_paid_dollars")] public string? FeesPaidDollars { get; init; }
    [JsonPropertyName("position_fee_cost_dollars")] public string? PositionFeeCostDollars { get; init; }
    [JsonPropertyName("volume_fp")] public string? VolumeFp { get; init; }
    [JsonPropertyName("subaccount")] public int? Subaccount { get; init; }
}

/// <summary>Body of <c>user_order</c> (channel <c>user_orders</c>; not sequenced).</summary>
public sealed record WsUserOrder
{
    [JsonPropertyName("order_id")] public required string OrderId { get; init; }
    [JsonPropertyName("user_id")] public string? UserId { get; init; }
    [JsonPropertyName("ticker")] public required string Ticker { get; init; }
    [JsonPropertyName("exchange_index")] public int? ExchangeIndex { get; init; }

    /// <summary>resting | canceled | executed | unknown.</summary>
    [JsonPropertyName("status")] public required string Status { get; init; }

    /// <summary>"yes" or "no".</summary>
    [JsonPropertyName("outcome_side")] public string? OutcomeSide { get; init; }

    /// <summary>"bid" or "ask".</summary>
    [JsonPropertyName("book_side")] public string? BookSide { get; init; }

    /// <summary>Deprecated "yes"/"no".</summary>
    [JsonPropertyName("side")] public string? Side { get; init; }

    /// <summary>Deprecated.</summary>
    [JsonPropertyName("is_yes")] public bool? IsYes { get; init; }
    [JsonPropertyName("yes_price_dollars")] public string? YesPriceDollars { get; init; }
    [JsonPropertyName("initial_count_fp")] public string? InitialCountFp { get; init; }
    [JsonPropertyName("fill_count_fp")] public string? FillCountFp { get; init; }
    [JsonPropertyName("remaining_count_fp")] public string? RemainingCountFp { get; init; }
    [JsonPropertyName("taker_fill_cost_dollars")] public string? TakerFillCostDollars { get; init; }
    [JsonPropertyName("maker_fill_cost_dollars")] public string? MakerFillCostDollars { get; init; }
    [JsonPropertyName("taker_fees_dollars")] public string? TakerFeesDollars { get; init; }
    [JsonPropertyName("maker_fees_dollars")] public string? MakerFeesDollars { get; init; }
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
    [JsonPropertyName("order_group_id")] public string? OrderGroupId { get; init; }

    /// <summary>taker_at_cross | maker.</summary>
    [JsonPropertyName("self_trade_prevention_type")] public string? SelfTradePreventionType { get; init; }
    [JsonPropertyName("created_time")] public string? CreatedTime { get; init; }
    [JsonPropertyName("last_update_time")] public string? LastUpdateTime { get; init; }
    [JsonPropertyName("expiration_time")] public string? ExpirationTime { get; init; }
    [JsonPropertyName("created_ts_ms")] public long? CreatedTsMs { get; init; }
    [JsonPropertyName("last_updated_ts_ms")] public long? LastUpdatedTsMs { get; init; }
    [JsonPropertyName("expiration_ts_ms")] public long? ExpirationTsMs { get; init; }

    /// <summary>Trade, Decrease, Amend, SelfTradeCancel, ExpiryCancel, CloseCancel, HaltCancel, PostOnlyCrossCancel, ReduceOnlyCancel, MarginCancel.</summary>
    [JsonPropertyName("last_update_reason")] public string? LastUpdateReason { get; init; }
    [JsonPropertyName("subaccount_number")] public int? SubaccountNumber { get; init; }
}

/// <summary>Body of <c>order_group_updates</c> (sequenced).</summary>
public sealed record WsOrderGroupUpdate
{
    /// <summary>created | triggered | reset | deleted | limit_updated.</summary>
    [JsonPropertyName("event_type")] public required string EventType { get; init; }
    [JsonPropertyName("order_group_id")] public required string OrderGroupId { get; init; }

    /// <summary>Only on created and limit_updated.</summary>
    [JsonPropertyName("contracts_limit_fp")] public string? ContractsLimitFp { get; init; }
    [JsonPropertyName("ts_ms")] public long? TsMs { get; init; }
}
