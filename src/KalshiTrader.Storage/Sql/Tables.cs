using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using static KalshiTrader.Storage.Sql.ColumnKind;

namespace KalshiTrader.Storage.Sql;

/// <summary>How every record type maps onto its table. Column names match <see cref="SchemaV1"/>.</summary>
internal static class Tables
{
    private static object? Ticks(Price? p) => p is { } x ? (long)x.Ticks : null;
    private static object Ticks(Price p) => (long)p.Ticks;
    private static object H(Quantity q) => q.Hundredths;
    private static object? H(Quantity? q) => q?.Hundredths;
    private static object M(Money m) => m.Micros;
    private static object? M(Money? m) => m?.Micros;
    private static object? Time(DateTimeOffset? t) => t;
    private static object? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    public static readonly TableSpec<Series> Series = new("series", ["series_ticker"], true,
    [
        new("series_ticker", Text, s => s.Ticker.Value),
        new("title", Text, s => s.Title),
        new("category", Text, s => s.Category),
        new("tags", Json, s => StoreJson.Strings(s.Tags)),
        new("frequency", Text, s => s.Frequency),
        new("fee_type", Text, s => FeeSchedule.ToWire(s.Fees.Type)),
        new("fee_multiplier", ColumnKind.Decimal, s => s.Fees.Multiplier),
        new("fee_waiver_expiration_time", ColumnKind.Time, s => Time(s.Fees.WaiverExpiration)),
        new("settlement_sources", Json, s => StoreJson.Sources(s.SettlementSources)),
        new("contract_url", Text, s => s.ContractUrl),
    ], touchColumn: "recorded_time");

    public static readonly TableSpec<Event> Events = new("events", ["event_ticker"], true,
    [
        new("event_ticker", Text, e => e.Ticker.Value),
        new("series_ticker", Text, e => e.SeriesTicker.Value),
        new("title", Text, e => e.Title),
        new("sub_title", Text, e => e.SubTitle),
        new("category", Text, e => e.Category),
        new("mutually_exclusive", Bool, e => e.MutuallyExclusive),
        new("collateral_return_type", Text, e => e.CollateralReturnType),
        new("strike_date", ColumnKind.Time, e => Time(e.StrikeDate)),
        new("strike_period", Text, e => e.StrikePeriod),
        new("settlement_sources", Json, e => StoreJson.Sources(e.SettlementSources)),
        new("fee_type_override", Text, e => e.FeeTypeOverride is { } t ? FeeSchedule.ToWire(t) : null),
        new("fee_multiplier_override", ColumnKind.Decimal, e => e.FeeMultiplierOverride),
    ], touchColumn: "recorded_time");

    public static readonly TableSpec<Market> Markets = new("markets", ["ticker"], true,
    [
        new("ticker", Text, m => m.Ticker.Value),
        new("event_ticker", Text, m => m.EventTicker.Value),
        new("market_type", Text, m => m.MarketType),
        new("title", Text, m => m.Title),
        new("subtitle", Text, m => m.Subtitle),
        new("yes_sub_title", Text, m => m.YesSubTitle),
        new("no_sub_title", Text, m => m.NoSubTitle),
        new("rules_primary", Text, m => m.RulesPrimary),
        new("rules_secondary", Text, m => m.RulesSecondary),
        new("status", Text, m => MarketEnumsWire.ToWire(m.Status)),
        new("result", Text, m => MarketEnumsWire.ToWire(m.Result)),
        new("settlement_value_ticks", Int, m => Ticks(m.SettlementValue)),
        new("settlement_time", ColumnKind.Time, m => Time(m.SettlementTime)),
        new("can_close_early", Bool, m => m.CanCloseEarly),
        new("early_close_condition", Text, m => m.EarlyCloseCondition),
        new("settlement_timer_seconds", Int, m => (long)m.SettlementTimerSeconds),
        new("created_time", ColumnKind.Time, m => Time(m.CreatedTime)),
        new("updated_time", ColumnKind.Time, m => Time(m.UpdatedTime)),
        new("open_time", ColumnKind.Time, m => Time(m.OpenTime)),
        new("close_time", ColumnKind.Time, m => Time(m.CloseTime)),
        new("expected_expiration_time", ColumnKind.Time, m => Time(m.ExpectedExpirationTime)),
        new("latest_expiration_time", ColumnKind.Time, m => Time(m.LatestExpirationTime)),
        new("occurrence_time", ColumnKind.Time, m => Time(m.OccurrenceTime)),
        new("fee_waiver_expiration_time", ColumnKind.Time, m => Time(m.FeeWaiverExpirationTime)),
        new("strike_type", Text, m => MarketEnumsWire.ToWire(m.StrikeType)),
        new("floor_strike", ColumnKind.Decimal, m => m.FloorStrike),
        new("cap_strike", ColumnKind.Decimal, m => m.CapStrike),
        new("functional_strike", Text, m => m.FunctionalStrike),
        new("custom_strike", Json, m => NullIfEmpty(m.CustomStrikeJson)),
        new("price_level_structure", Text, m => m.PriceLevelStructure),
        new("price_ranges", Json, m => StoreJson.Ranges(m.PriceRanges)),
        new("yes_bid_ticks", Int, m => Ticks(m.YesBid)),
        new("yes_ask_ticks", Int, m => Ticks(m.YesAsk)),
        new("no_bid_ticks", Int, m => Ticks(m.NoBid)),
        new("no_ask_ticks", Int, m => Ticks(m.NoAsk)),
        new("yes_bid_size_hundredths", Int, m => H(m.YesBidSize)),
        new("yes_ask_size_hundredths", Int, m => H(m.YesAskSize)),
        new("last_price_ticks", Int, m => Ticks(m.LastPrice)),
        new("previous_price_ticks", Int, m => Ticks(m.PreviousPrice)),
        new("previous_yes_bid_ticks", Int, m => Ticks(m.PreviousYesBid)),
        new("previous_yes_ask_ticks", Int, m => Ticks(m.PreviousYesAsk)),
        new("volume_hundredths", Int, m => H(m.Volume)),
        new("volume_24h_hundredths", Int, m => H(m.Volume24h)),
        new("open_interest_hundredths", Int, m => H(m.OpenInterest)),
        new("notional_value_micros", Int, m => M(m.NotionalValue)),
        new("mve_collection_ticker", Text, m => m.MveCollectionTicker),
        new("exchange_index", Int, m => (long)m.ExchangeIndex),
    ], touchColumn: "recorded_time");

    public static readonly TableSpec<MarketSnapshot> MarketSnapshots = new("market_snapshots", ["ticker", "snapshot_time", "source"], true,
    [
        new("ticker", Text, s => s.Ticker.Value),
        new("snapshot_time", ColumnKind.Time, s => s.Time),
        new("source", Text, s => s.Source),
        new("status", Text, s => s.Status is { } st ? MarketEnumsWire.ToWire(st) : null),
        new("yes_bid_ticks", Int, s => Ticks(s.YesBid)),
        new("yes_ask_ticks", Int, s => Ticks(s.YesAsk)),
        new("yes_bid_size_hundredths", Int, s => H(s.YesBidSize)),
        new("yes_ask_size_hundredths", Int, s => H(s.YesAskSize)),
        new("last_price_ticks", Int, s => Ticks(s.LastPrice)),
        new("volume_hundredths", Int, s => H(s.Volume)),
        new("volume_24h_hundredths", Int, s => H(s.Volume24h)),
        new("open_interest_hundredths", Int, s => H(s.OpenInterest)),
    ]);

    public static readonly TableSpec<Candlestick> Candlesticks = new("candlesticks", ["ticker", "period_minutes", "end_period_time"], true,
    [
        new("ticker", Text, c => c.Ticker.Value),
        new("period_minutes", Int, c => (long)c.PeriodMinutes),
        new("end_period_time", ColumnKind.Time, c => c.EndPeriod),
        new("yes_bid_open_ticks", Int, c => c.YesBid is { } o ? Ticks(o.Open) : null),
        new("yes_bid_high_ticks", Int, c => c.YesBid is { } o ? Ticks(o.High) : null),
        new("yes_bid_low_ticks", Int, c => c.YesBid is { } o ? Ticks(o.Low) : null),
        new("yes_bid_close_ticks", Int, c => c.YesBid is { } o ? Ticks(o.Close) : null),
        new("yes_ask_open_ticks", Int, c => c.YesAsk is { } o ? Ticks(o.Open) : null),
        new("yes_ask_high_ticks", Int, c => c.YesAsk is { } o ? Ticks(o.High) : null),
        new("yes_ask_low_ticks", Int, c => c.YesAsk is { } o ? Ticks(o.Low) : null),
        new("yes_ask_close_ticks", Int, c => c.YesAsk is { } o ? Ticks(o.Close) : null),
        new("price_open_ticks", Int, c => c.TradePrice is { } o ? Ticks(o.Open) : null),
        new("price_high_ticks", Int, c => c.TradePrice is { } o ? Ticks(o.High) : null),
        new("price_low_ticks", Int, c => c.TradePrice is { } o ? Ticks(o.Low) : null),
        new("price_close_ticks", Int, c => c.TradePrice is { } o ? Ticks(o.Close) : null),
        new("price_mean_ticks", Int, c => Ticks(c.MeanPrice)),
        new("price_previous_ticks", Int, c => Ticks(c.PreviousPrice)),
        new("volume_hundredths", Int, c => H(c.Volume)),
        new("open_interest_hundredths", Int, c => H(c.OpenInterest)),
    ], touchColumn: "recorded_time");

    public static readonly TableSpec<OrderBookSnapshotRecord> OrderBookSnapshots = new("orderbook_snapshots", ["ticker", "source", "received_time"], false,
    [
        new("ticker", Text, s => s.Ticker.Value),
        new("source", Text, s => s.Source),
        new("received_time", ColumnKind.Time, s => s.ReceivedTime),
        new("session", Int, s => s.Session),
        new("sid", Int, s => s.Sid),
        new("seq", Int, s => s.Seq),
        new("reason", Text, s => s.Reason),
        new("yes_bids", Json, s => StoreJson.Levels(s.YesBids)),
        new("no_bids", Json, s => StoreJson.Levels(s.NoBids)),
        new("exchange_time", ColumnKind.Time, s => Time(s.ExchangeTime)),
    ]);

    public static readonly TableSpec<OrderBookDeltaRecord> OrderBookDeltas = new("orderbook_deltas", ["ticker", "session", "sid", "seq"], false,
    [
        new("session", Int, d => d.Session),
        new("sid", Int, d => d.Sid),
        new("seq", Int, d => d.Seq),
        new("ticker", Text, d => d.Ticker.Value),
        new("side", Text, d => StoreText.Of(d.Side)),
        new("price_ticks", Int, d => Ticks(d.Price)),
        new("delta_hundredths", Int, d => H(d.Delta)),
        new("exchange_time", ColumnKind.Time, d => Time(d.ExchangeTime)),
        new("received_time", ColumnKind.Time, d => d.ReceivedTime),
        new("client_order_id", Text, d => d.ClientOrderId?.Value),
    ]);

    public static readonly TableSpec<FeedGapRecord> FeedGaps = new("feed_gaps", ["session", "sid", "received_seq"], false,
    [
        new("session", Int, g => g.Session),
        new("sid", Int, g => g.Sid),
        new("received_seq", Int, g => g.ReceivedSeq),
        new("expected_seq", Int, g => g.ExpectedSeq),
        new("reason", Text, g => g.Reason),
        new("detected_time", ColumnKind.Time, g => g.DetectedTime),
    ]);

    public static readonly TableSpec<Trade> Trades = new("trades", ["trade_id"], true,
    [
        new("trade_id", Text, t => t.TradeId.Value),
        new("ticker", Text, t => t.Ticker.Value),
        new("yes_price_ticks", Int, t => Ticks(t.YesPrice)),
        new("count_hundredths", Int, t => H(t.Count)),
        new("taker_outcome", Text, t => t.TakerOutcome is { } o ? StoreText.Of(o) : null),
        new("is_block_trade", Bool, t => t.IsBlockTrade),
        new("created_time", ColumnKind.Time, t => t.Time),
        new("received_time", ColumnKind.Time, t => t.ReceivedTime == default ? t.Time : t.ReceivedTime),
    ]);

    public static readonly TableSpec<TickerUpdate> Tickers = new("tickers", ["ticker", "received_time"], false,
    [
        new("ticker", Text, t => t.Ticker.Value),
        new("received_time", ColumnKind.Time, t => t.ReceivedTime),
        new("exchange_time", ColumnKind.Time, t => t.Time),
        new("last_price_ticks", Int, t => Ticks(t.LastPrice)),
        new("yes_bid_ticks", Int, t => Ticks(t.YesBid)),
        new("yes_ask_ticks", Int, t => Ticks(t.YesAsk)),
        new("yes_bid_size_hundredths", Int, t => H(t.YesBidSize)),
        new("yes_ask_size_hundredths", Int, t => H(t.YesAskSize)),
        new("last_trade_size_hundredths", Int, t => H(t.LastTradeSize)),
        new("volume_hundredths", Int, t => H(t.Volume)),
        new("open_interest_hundredths", Int, t => H(t.OpenInterest)),
    ]);

    public static readonly TableSpec<LifecycleRecord> Lifecycle = new("lifecycle_events", ["ticker", "event_type", "received_time"], false,
    [
        new("ticker", Text, l => l.Ticker.Value),
        new("event_type", Text, l => l.EventType),
        new("received_time", ColumnKind.Time, l => l.ReceivedTime),
        new("result", Text, l => l.Result is { } r ? MarketEnumsWire.ToWire(r) : null),
        new("settlement_value_ticks", Int, l => Ticks(l.SettlementValue)),
        new("close_time", ColumnKind.Time, l => Time(l.CloseTime)),
        new("exchange_time", ColumnKind.Time, l => Time(l.ExchangeTime)),
        new("raw_json", Text, l => l.RawJson),
    ]);

    public static readonly TableSpec<SpotTick> SpotTicks = new("spot_ticks", ["source", "symbol", "tick_time"], true,
    [
        new("source", Text, s => s.Source),
        new("symbol", Text, s => s.Symbol),
        new("tick_time", ColumnKind.Time, s => s.Time),
        new("value", ColumnKind.Decimal, s => s.Value),
        new("received_time", ColumnKind.Time, s => Time(s.ReceivedTime)),
    ]);

    public static readonly TableSpec<FeatureRecord> Features = new("features", ["subject", "name", "feature_time"], true,
    [
        new("subject", Text, f => f.Subject),
        new("name", Text, f => f.Name),
        new("feature_time", ColumnKind.Time, f => f.Time),
        new("value", ColumnKind.Decimal, f => f.Value),
        new("value_json", Json, f => f.ValueJson),
        new("run_id", Text, f => f.RunId),
    ]);

    public static readonly TableSpec<QuarantineRecord> Quarantine = new("quarantine", ["id"], false,
    [
        new("source", Text, q => q.Source),
        new("reason", Text, q => q.Reason),
        new("raw_text", Text, q => q.RawText),
        new("received_time", ColumnKind.Time, q => q.ReceivedTime),
    ]);

    public static readonly TableSpec<RunRecord> Runs = new("runs", ["run_id"], true,
    [
        new("run_id", Text, r => r.RunId),
        new("mode", Text, r => r.Mode),
        new("strategy", Text, r => r.Strategy),
        new("config_hash", Text, r => r.ConfigHash),
        new("config_json", Text, r => r.ConfigJson),
        new("started_time", ColumnKind.Time, r => r.StartedTime),
        new("ended_time", ColumnKind.Time, r => Time(r.EndedTime)),
        new("status", Text, r => r.Status),
        new("notes", Text, r => r.Notes),
    ]);

    public static readonly TableSpec<OrderRecord> Orders = new("orders", ["order_id"], true,
    [
        new("order_id", Text, r => r.Order.Id.Value),
        new("run_id", Text, r => r.RunId),
        new("strategy", Text, r => r.Strategy),
        new("client_order_id", Text, r => r.Order.ClientOrderId?.Value),
        new("ticker", Text, r => r.Order.Ticker.Value),
        new("side", Text, r => StoreText.Of(r.Order.Side)),
        new("yes_price_ticks", Int, r => Ticks(r.Order.YesPrice)),
        new("status", Text, r => StoreText.Of(r.Order.Status)),
        new("order_type", Text, r => r.Order.Type),
        new("initial_count_hundredths", Int, r => H(r.Order.InitialCount)),
        new("fill_count_hundredths", Int, r => H(r.Order.FillCount)),
        new("remaining_count_hundredths", Int, r => H(r.Order.RemainingCount)),
        new("taker_fill_cost_micros", Int, r => M(r.Order.TakerFillCost)),
        new("maker_fill_cost_micros", Int, r => M(r.Order.MakerFillCost)),
        new("taker_fees_micros", Int, r => M(r.Order.TakerFees)),
        new("maker_fees_micros", Int, r => M(r.Order.MakerFees)),
        new("time_in_force", Text, r => r.Order.TimeInForce is { } t ? StoreText.Of(t) : null),
        new("self_trade_prevention", Text, r => r.Order.SelfTradePrevention is { } s ? StoreText.Of(s) : null),
        new("order_group_id", Text, r => r.Order.OrderGroupId),
        new("cancel_order_on_pause", Bool, r => r.Order.CancelOrderOnPause),
        new("created_time", ColumnKind.Time, r => Time(r.Order.CreatedTime)),
        new("last_update_time", ColumnKind.Time, r => Time(r.Order.LastUpdateTime)),
        new("expiration_time", ColumnKind.Time, r => Time(r.Order.ExpirationTime)),
        new("last_update_reason", Text, r => r.Order.LastUpdateReason),
        new("subaccount", Int, r => (long)r.Order.Subaccount),
    ], touchColumn: "recorded_time");

    public static readonly TableSpec<OrderEventRecord> OrderEvents = new("order_events", ["id"], false,
    [
        new("run_id", Text, e => e.RunId),
        new("event_time", ColumnKind.Time, e => e.Time),
        new("event_type", Text, e => e.EventType),
        new("client_order_id", Text, e => e.ClientOrderId?.Value),
        new("order_id", Text, e => e.OrderId?.Value),
        new("ticker", Text, e => e.Ticker.Value),
        new("side", Text, e => e.Side is { } s ? StoreText.Of(s) : null),
        new("yes_price_ticks", Int, e => Ticks(e.YesPrice)),
        new("count_hundredths", Int, e => H(e.Count)),
        new("fill_count_hundredths", Int, e => H(e.FillCount)),
        new("remaining_count_hundredths", Int, e => H(e.RemainingCount)),
        new("status", Text, e => e.Status is { } s ? StoreText.Of(s) : null),
        new("reason", Text, e => e.Reason),
        new("error_code", Text, e => e.ErrorCode),
        new("detail_json", Text, e => e.DetailJson),
    ]);

    public static readonly TableSpec<FillRecord> Fills = new("fills", ["trade_id", "order_id"], true,
    [
        new("trade_id", Text, r => r.Fill.TradeId.Value),
        new("order_id", Text, r => r.Fill.OrderId.Value),
        new("run_id", Text, r => r.RunId),
        new("client_order_id", Text, r => r.Fill.ClientOrderId?.Value),
        new("ticker", Text, r => r.Fill.Ticker.Value),
        new("side", Text, r => StoreText.Of(r.Fill.Side)),
        new("yes_price_ticks", Int, r => Ticks(r.Fill.YesPrice)),
        new("count_hundredths", Int, r => H(r.Fill.Count)),
        new("is_taker", Bool, r => r.Fill.IsTaker),
        new("fee_micros", Int, r => M(r.Fill.Fee)),
        new("post_position_hundredths", Int, r => H(r.Fill.PostPosition)),
        new("fill_time", ColumnKind.Time, r => r.Fill.Time),
        new("subaccount", Int, r => (long)r.Fill.Subaccount),
    ], touchColumn: "recorded_time");

    public static readonly TableSpec<PositionSnapshotRecord> PositionSnapshots = new("position_snapshots", ["run_id", "ticker", "snapshot_time", "source"], true,
    [
        new("run_id", Text, p => p.RunId ?? ""),
        new("ticker", Text, p => p.Position.Ticker.Value),
        new("snapshot_time", ColumnKind.Time, p => p.Time),
        new("source", Text, p => p.Source),
        new("position_hundredths", Int, p => H(p.Position.Position)),
        new("market_exposure_micros", Int, p => M(p.Position.MarketExposure)),
        new("total_traded_micros", Int, p => M(p.Position.TotalTraded)),
        new("realized_pnl_micros", Int, p => M(p.Position.RealizedPnl)),
        new("fees_paid_micros", Int, p => M(p.Position.FeesPaid)),
        new("resting_orders_hundredths", Int, p => H(p.Position.RestingOrdersCount)),
        new("last_updated_time", ColumnKind.Time, p => Time(p.Position.LastUpdated)),
    ]);

    public static readonly TableSpec<SettlementRecord> Settlements = new("settlements", ["run_id", "ticker", "settled_time"], true,
    [
        new("run_id", Text, s => s.RunId ?? ""),
        new("ticker", Text, s => s.Settlement.Ticker.Value),
        new("settled_time", ColumnKind.Time, s => s.Settlement.SettledTime),
        new("event_ticker", Text, s => s.Settlement.EventTicker?.Value),
        new("result", Text, s => MarketEnumsWire.ToWire(s.Settlement.Result)),
        new("yes_count_hundredths", Int, s => H(s.Settlement.YesCount)),
        new("no_count_hundredths", Int, s => H(s.Settlement.NoCount)),
        new("yes_total_cost_micros", Int, s => M(s.Settlement.YesTotalCost)),
        new("no_total_cost_micros", Int, s => M(s.Settlement.NoTotalCost)),
        new("revenue_micros", Int, s => M(s.Settlement.Revenue)),
        new("value_ticks", Int, s => Ticks(s.Settlement.Value)),
        new("fee_cost_micros", Int, s => M(s.Settlement.FeeCost)),
    ]);

    public static readonly TableSpec<OpportunityRecord> Opportunities = new("opportunities", ["opportunity_id"], true,
    [
        new("opportunity_id", Text, o => o.OpportunityId),
        new("run_id", Text, o => o.RunId),
        new("strategy", Text, o => o.Strategy),
        new("kind", Text, o => o.Kind),
        new("relationship_id", Text, o => o.RelationshipId),
        new("tickers", Json, o => StoreJson.Strings(o.Tickers.Select(t => t.Value))),
        new("evaluated_time", ColumnKind.Time, o => o.EvaluatedTime),
        new("gross_edge_micros", Int, o => M(o.GrossEdgePerContract)),
        new("fees_micros", Int, o => M(o.FeesPerContract)),
        new("net_edge_micros", Int, o => M(o.NetEdgePerContract)),
        new("executable_size_hundredths", Int, o => H(o.ExecutableSize)),
        new("expected_profit_micros", Int, o => M(o.ExpectedProfit)),
        new("traded", Bool, o => o.Traded),
        new("reason", Text, o => o.Reason),
        new("detail_json", Text, o => o.DetailJson),
    ]);

    public static readonly TableSpec<RelationshipRecord> Relationships = new("relationships", ["relationship_id"], true,
    [
        new("relationship_id", Text, r => r.RelationshipId),
        new("kind", Text, r => r.Kind),
        new("state", Text, r => StoreText.Of(r.State)),
        new("tickers", Json, r => StoreJson.Strings(r.Tickers.Select(t => t.Value))),
        new("event_tickers", Json, r => StoreJson.Strings(r.EventTickers.Select(t => t.Value))),
        new("source", Text, r => r.Source),
        new("confidence", ColumnKind.Decimal, r => r.Confidence),
        new("rationale", Text, r => r.Rationale),
        new("definition_json", Text, r => r.DefinitionJson),
        new("evidence_json", Text, r => r.EvidenceJson),
        new("created_time", ColumnKind.Time, r => r.CreatedTime),
        new("updated_time", ColumnKind.Time, r => r.UpdatedTime),
        new("reviewed_by", Text, r => r.ReviewedBy),
        new("review_note", Text, r => r.ReviewNote),
    ]);
}
