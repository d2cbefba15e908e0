using System.Text.Json;
using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Rest;

/// <summary><c>GET /portfolio/balance</c>. <see cref="Balance"/> and <see cref="PortfolioValue"/> are still integer cents.</summary>
public sealed record BalanceResponse
{
    [JsonPropertyName("balance")] public long Balance { get; init; }
    [JsonPropertyName("balance_dollars")] public string? BalanceDollars { get; init; }
    [JsonPropertyName("portfolio_value")] public long? PortfolioValue { get; init; }
    [JsonPropertyName("portfolio_value_dollars")] public string? PortfolioValueDollars { get; init; }
    /// <summary>Unix seconds.</summary>
    [JsonPropertyName("updated_ts")] public long? UpdatedTs { get; init; }
    [JsonPropertyName("balance_breakdown")] public JsonElement? BalanceBreakdown { get; init; }
}

/// <summary>A position in one market; <see cref="PositionFp"/> is signed (+ YES, − NO).</summary>
public sealed record MarketPositionWire
{
    [JsonPropertyName("ticker")] public string Ticker { get; init; } = "";
    [JsonPropertyName("position_fp")] public string? PositionFp { get; init; }
    [JsonPropertyName("market_exposure_dollars")] public string? MarketExposureDollars { get; init; }
    [JsonPropertyName("total_traded_dollars")] public string? TotalTradedDollars { get; init; }
    [JsonPropertyName("realized_pnl_dollars")] public string? RealizedPnlDollars { get; init; }
    [JsonPropertyName("fees_paid_dollars")] public string? FeesPaidDollars { get; init; }
    [JsonPropertyName("resting_orders_count")] public long? RestingOrdersCount { get; init; }
    [JsonPropertyName("last_updated_ts")] public string? LastUpdatedTs { get; init; }

    // Legacy integer forms (cents, whole contracts).
    [JsonPropertyName("position")] public long? Position { get; init; }
    [JsonPropertyName("market_exposure")] public long? MarketExposure { get; init; }
    [JsonPropertyName("total_traded")] public long? TotalTraded { get; init; }
    [JsonPropertyName("realized_pnl")] public long? RealizedPnl { get; init; }
    [JsonPropertyName("fees_paid")] public long? FeesPaid { get; init; }
}

/// <summary>Aggregate position in one event.</summary>
public sealed record EventPositionWire
{
    [JsonPropertyName("event_ticker")] public string EventTicker { get; init; } = "";
    [JsonPropertyName("total_cost_dollars")] public string? TotalCostDollars { get; init; }
    [JsonPropertyName("total_cost_shares_fp")] public string? TotalCostSharesFp { get; init; }
    [JsonPropertyName("event_exposure_dollars")] public string? EventExposureDollars { get; init; }
    [JsonPropertyName("realized_pnl_dollars")] public string? RealizedPnlDollars { get; init; }
    [JsonPropertyName("fees_paid_dollars")] public string? FeesPaidDollars { get; init; }

    // Legacy cents.
    [JsonPropertyName("total_cost")] public long? TotalCost { get; init; }
    [JsonPropertyName("event_exposure")] public long? EventExposure { get; init; }
    [JsonPropertyName("realized_pnl")] public long? RealizedPnl { get; init; }
    [JsonPropertyName("fees_paid")] public long? FeesPaid { get; init; }
}

/// <summary><c>GET /portfolio/positions</c>: one page (the cursor covers both lists).</summary>
public sealed record PositionsResponse
{
    [JsonPropertyName("market_positions")] public List<MarketPositionWire> MarketPositions { get; init; } = [];
    [JsonPropertyName("event_positions")] public List<EventPositionWire> EventPositions { get; init; } = [];
    [JsonPropertyName("cursor")] public string? Cursor { get; init; }
}

/// <summary>One of your fills (<c>GET /portfolio/fills</c>).</summary>
public sealed record FillWire
{
    [JsonPropertyName("fill_id")] public string? FillId { get; init; }
    [JsonPropertyName("trade_id")] public string? TradeId { get; init; }
    [JsonPropertyName("order_id")] public string OrderId { get; init; } = "";
    [JsonPropertyName("client_order_id")] public string? ClientOrderId { get; init; }
    [JsonPropertyName("ticker")] public string? Ticker { get; init; }
    [JsonPropertyName("market_ticker")] public string? MarketTicker { get; init; }
    [JsonPropertyName("outcome_side")] public string? OutcomeSide { get; init; }
    [JsonPropertyName("book_side")] public string? BookSide { get; init; }
    /// <summary>Deprecated: yes|no, with <see cref="Action"/> buy|sell.</summary>
    [JsonPropertyName("side")] public string? Side { get; init; }
    [JsonPropertyName("action")] public string? Action { get; init; }
    [JsonPropertyName("count_fp")] public string? CountFp { get; init; }
    [JsonPropertyName("yes_price_dollars")] public string? YesPriceDollars { get; init; }
    [JsonPropertyName("no_price_dollars")] public string? NoPriceDollars { get; init; }
    [JsonPropertyName("is_taker")] public bool? IsTaker { get; init; }
    /// <summary>Dollars.</summary>
    [JsonPropertyName("fee_cost")][JsonConverter(typeof(FlexibleStringConverter))] public string? FeeCost { get; init; }
    [JsonPropertyName("created_time")] public string? CreatedTime { get; init; }
    /// <summary>Unix seconds.</summary>
    [JsonPropertyName("ts")] public long? Ts { get; init; }
    [JsonPropertyName("subaccount_number")] public int? SubaccountNumber { get; init; }
    [JsonPropertyName("exchange_index")] public int? ExchangeIndex { get; init; }

    // Legacy integer forms.
    [JsonPropertyName("count")] public long? Count { get; init; }
    [JsonPropertyName("yes_price")] public long? YesPrice { get; init; }
    [JsonPropertyName("no_price")] public long? NoPrice { get; init; }
}

/// <summary>One page of fills.</summary>
public sealed record FillsResponse
{
    [JsonPropertyName("fills")] public List<FillWire> Fills { get; init; } = [];
    [JsonPropertyName("cursor")] public string? Cursor { get; init; }
}

/// <summary>A settled position. <see cref="Revenue"/> and <see cref="Value"/> are integer cents.</summary>
public sealed record SettlementWire
{
    [JsonPropertyName("ticker")] public string Ticker { get; init; } = "";
    [JsonPropertyName("event_ticker")] public string? EventTicker { get; init; }
    [JsonPropertyName("market_result")] public string? MarketResult { get; init; }
    [JsonPropertyName("yes_count_fp")] public string? YesCountFp { get; init; }
    [JsonPropertyName("no_count_fp")] public string? NoCountFp { get; init; }
    [JsonPropertyName("yes_total_cost_dollars")] public string? YesTotalCostDollars { get; init; }
    [JsonPropertyName("no_total_cost_dollars")] public string? NoTotalCostDollars { get; init; }
    [JsonPropertyName("revenue")] public long Revenue { get; init; }
    [JsonPropertyName("value")] public long? Value { get; init; }
    /// <summary>Dollars.</summary>
    [JsonPropertyName("fee_cost")][JsonConverter(typeof(FlexibleStringConverter))] public string? FeeCost { get; init; }
    [JsonPropertyName("settled_time")] public string? SettledTime { get; init; }

    // Legacy.
    [JsonPropertyName("yes_count")] public long? YesCount { get; init; }
    [JsonPropertyName("no_count")] public long? NoCount { get; init; }
    [JsonPropertyName("yes_total_cost")] public long? YesTotalCost { get; init; }
    [JsonPropertyName("no_total_cost")] public long? NoTotalCost { get; init; }
}

/// <summary>One page of settlements.</summary>
public sealed record SettlementsResponse
{
    [JsonPropertyName("settlements")] public List<SettlementWire> Settlements { get; init; } = [];
    [JsonPropertyName("cursor")] public string? Cursor { get; init; }
}
