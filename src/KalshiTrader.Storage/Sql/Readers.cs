using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Storage.Records;

namespace KalshiTrader.Storage.Sql;

/// <summary>Rows back into records: the inverse of <see cref="Tables"/>.</summary>
internal static class Readers
{
    public static Series Series(Row r) => new()
    {
        Ticker = new SeriesTicker(r.Text("series_ticker")),
        Title = r.Text("title"),
        Category = r.Text("category"),
        Tags = StoreJson.ParseStrings(r.Text("tags")),
        Frequency = r.Text("frequency"),
        Fees = new FeeSchedule(FeeSchedule.ParseType(r.Text("fee_type")), r.Decimal("fee_multiplier"), r.TimeOrNull("fee_waiver_expiration_time")),
        SettlementSources = StoreJson.ParseSources(r.Text("settlement_sources")),
        ContractUrl = r.TextOrNull("contract_url"),
    };

    public static Event Event(Row r, IReadOnlyList<Market> markets) => new()
    {
        Ticker = new EventTicker(r.Text("event_ticker")),
        SeriesTicker = new SeriesTicker(r.Text("series_ticker")),
        Title = r.Text("title"),
        SubTitle = r.Text("sub_title"),
        Category = r.Text("category"),
        MutuallyExclusive = r.Bool("mutually_exclusive"),
        CollateralReturnType = r.Text("collateral_return_type"),
        StrikeDate = r.TimeOrNull("strike_date"),
        StrikePeriod = r.Text("strike_period"),
        SettlementSources = StoreJson.ParseSources(r.Text("settlement_sources")),
        FeeTypeOverride = r.TextOrNull("fee_type_override") is { } t ? FeeSchedule.ParseType(t) : null,
        FeeMultiplierOverride = r.DecimalOrNull("fee_multiplier_override"),
        Markets = markets,
    };

    public static Market Market(Row r) => new()
    {
        Ticker = new MarketTicker(r.Text("ticker")),
        EventTicker = new EventTicker(r.Text("event_ticker")),
        MarketType = r.Text("market_type"),
        Title = r.Text("title"),
        Subtitle = r.Text("subtitle"),
        YesSubTitle = r.Text("yes_sub_title"),
        NoSubTitle = r.Text("no_sub_title"),
        RulesPrimary = r.Text("rules_primary"),
        RulesSecondary = r.Text("rules_secondary"),
        Status = MarketEnumsWire.ParseStatus(r.Text("status")),
        Result = MarketEnumsWire.ParseResult(r.Text("result")),
        SettlementValue = r.PriceOrNull("settlement_value_ticks"),
        SettlementTime = r.TimeOrNull("settlement_time"),
        CanCloseEarly = r.Bool("can_close_early"),
        EarlyCloseCondition = r.Text("early_close_condition"),
        SettlementTimerSeconds = r.Int("settlement_timer_seconds"),
        CreatedTime = r.TimeOrNull("created_time"),
        UpdatedTime = r.TimeOrNull("updated_time"),
        OpenTime = r.TimeOrNull("open_time"),
        CloseTime = r.TimeOrNull("close_time"),
        ExpectedExpirationTime = r.TimeOrNull("expected_expiration_time"),
        LatestExpirationTime = r.TimeOrNull("latest_expiration_time"),
        OccurrenceTime = r.TimeOrNull("occurrence_time"),
        FeeWaiverExpirationTime = r.TimeOrNull("fee_waiver_expiration_time"),
        StrikeType = MarketEnumsWire.ParseStrikeType(r.TextOrNull("strike_type")),
        FloorStrike = r.DecimalOrNull("floor_strike"),
        CapStrike = r.DecimalOrNull("cap_strike"),
        FunctionalStrike = r.TextOrNull("functional_strike"),
        CustomStrikeJson = r.TextOrNull("custom_strike"),
        PriceLevelStructure = r.Text("price_level_structure"),
        PriceRanges = StoreJson.ParseRanges(r.Text("price_ranges")),
        YesBid = r.PriceOrNull("yes_bid_ticks"),
        YesAsk = r.PriceOrNull("yes_ask_ticks"),
        NoBid = r.PriceOrNull("no_bid_ticks"),
        NoAsk = r.PriceOrNull("no_ask_ticks"),
        YesBidSize = r.Quantity("yes_bid_size_hundredths"),
        YesAskSize = r.Quantity("yes_ask_size_hundredths"),
        LastPrice = r.PriceOrNull("last_price_ticks"),
        PreviousPrice = r.PriceOrNull("previous_price_ticks"),
        PreviousYesBid = r.PriceOrNull("previous_yes_bid_ticks"),
        PreviousYesAsk = r.PriceOrNull("previous_yes_ask_ticks"),
        Volume = r.Quantity("volume_hundredths"),
        Volume24h = r.Quantity("volume_24h_hundredths"),
        OpenInterest = r.Quantity("open_interest_hundredths"),
        NotionalValue = r.Money("notional_value_micros"),
        MveCollectionTicker = r.TextOrNull("mve_collection_ticker"),
        ExchangeIndex = r.Int("exchange_index"),
    };

    public static MarketSnapshot MarketSnapshot(Row r) => new()
    {
        Ticker = new MarketTicker(r.Text("ticker")),
        Time = r.Time("snapshot_time"),
        Source = r.Text("source"),
        Status = r.TextOrNull("status") is { } s ? MarketEnumsWire.ParseStatus(s) : null,
        YesBid = r.PriceOrNull("yes_bid_ticks"),
        YesAsk = r.PriceOrNull("yes_ask_ticks"),
        YesBidSize = r.Quantity("yes_bid_size_hundredths"),
        YesAskSize = r.Quantity("yes_ask_size_hundredths"),
        LastPrice = r.PriceOrNull("last_price_ticks"),
        Volume = r.Quantity("volume_hundredths"),
        Volume24h = r.Quantity("volume_24h_hundredths"),
        OpenInterest = r.Quantity("open_interest_hundredths"),
    };

    public static Candlestick Candlestick(Row r) => new()
    {
        Ticker = new MarketTicker(r.Text("ticker")),
        PeriodMinutes = r.Int("period_minutes"),
        EndPeriod = r.Time("end_period_time"),
        YesBid = Ohlc(r, "yes_bid"),
        YesAsk = Ohlc(r, "yes_ask"),
        TradePrice = Ohlc(r, "price"),
        MeanPrice = r.PriceOrNull("price_mean_ticks"),
        PreviousPrice = r.PriceOrNull("price_previous_ticks"),
        Volume = r.Quantity("volume_hundredths"),
        OpenInterest = r.Quantity("open_interest_hundredths"),
    };

    private static Ohlc? Ohlc(Row r, string prefix) =>
        r.PriceOrNull(prefix + "_open_ticks") is { } o
            ? new Ohlc(o, r.Price(prefix + "_high_ticks"), r.Price(prefix + "_low_ticks"), r.Price(prefix + "_close_ticks"))
            : null;

    public static OrderBookSnapshotRecord OrderBookSnapshot(Row r) => new()
    {
        Ticker = new MarketTicker(r.Text("ticker")),
        Source = r.Text("source"),
        ReceivedTime = r.Time("received_time"),
        Session = r.Long("session"),
        Sid = r.LongOrNull("sid"),
        Seq = r.LongOrNull("seq"),
        Reason = r.Text("reason"),
        YesBids = StoreJson.ParseLevels(r.Text("yes_bids")),
        NoBids = StoreJson.ParseLevels(r.Text("no_bids")),
        ExchangeTime = r.TimeOrNull("exchange_time"),
    };

    public static OrderBookDeltaRecord OrderBookDelta(Row r) => new(
        r.Long("session"),
        r.Long("sid"),
        r.Long("seq"),
        new MarketTicker(r.Text("ticker")),
        StoreText.ParseOutcome(r.Text("side")),
        r.Price("price_ticks"),
        r.Quantity("delta_hundredths"),
        r.TimeOrNull("exchange_time"),
        r.Time("received_time"),
        r.TextOrNull("client_order_id") is { } c ? new ClientOrderId(c) : null);

    public static Trade Trade(Row r) => new()
    {
        TradeId = new TradeId(r.Text("trade_id")),
        Ticker = new MarketTicker(r.Text("ticker")),
        YesPrice = r.Price("yes_price_ticks"),
        Count = r.Quantity("count_hundredths"),
        TakerOutcome = r.TextOrNull("taker_outcome") is { } o ? StoreText.ParseOutcome(o) : null,
        IsBlockTrade = r.Bool("is_block_trade"),
        Time = r.Time("created_time"),
        ReceivedTime = r.Time("received_time"),
    };

    public static TickerUpdate Ticker(Row r) => new()
    {
        Ticker = new MarketTicker(r.Text("ticker")),
        ReceivedTime = r.Time("received_time"),
        Time = r.Time("exchange_time"),
        LastPrice = r.PriceOrNull("last_price_ticks"),
        YesBid = r.PriceOrNull("yes_bid_ticks"),
        YesAsk = r.PriceOrNull("yes_ask_ticks"),
        YesBidSize = r.Quantity("yes_bid_size_hundredths"),
        YesAskSize = r.Quantity("yes_ask_size_hundredths"),
        LastTradeSize = r.Quantity("last_trade_size_hundredths"),
        Volume = r.Quantity("volume_hundredths"),
        OpenInterest = r.Quantity("open_interest_hundredths"),
    };

    public static LifecycleRecord Lifecycle(Row r) => new()
    {
        Ticker = new MarketTicker(r.Text("ticker")),
        EventType = r.Text("event_type"),
        ReceivedTime = r.Time("received_time"),
        Result = r.TextOrNull("result") is { } s ? MarketEnumsWire.ParseResult(s) : null,
        SettlementValue = r.PriceOrNull("settlement_value_ticks"),
        CloseTime = r.TimeOrNull("close_time"),
        ExchangeTime = r.TimeOrNull("exchange_time"),
        RawJson = r.TextOrNull("raw_json"),
    };

    public static SpotTick SpotTick(Row r) => new()
    {
        Source = r.Text("source"),
        Symbol = r.Text("symbol"),
        Time = r.Time("tick_time"),
        Value = r.Decimal("value"),
        ReceivedTime = r.TimeOrNull("received_time"),
    };

    public static FeatureRecord Feature(Row r) => new()
    {
        Subject = r.Text("subject"),
        Name = r.Text("name"),
        Time = r.Time("feature_time"),
        Value = r.DecimalOrNull("value"),
        ValueJson = r.TextOrNull("value_json"),
        RunId = r.TextOrNull("run_id"),
    };

    public static QuarantineRecord Quarantine(Row r) => new()
    {
        Id = r.Long("id"),
        Source = r.Text("source"),
        Reason = r.Text("reason"),
        RawText = r.Text("raw_text"),
        ReceivedTime = r.Time("received_time"),
    };

    public static RunRecord Run(Row r) => new()
    {
        RunId = r.Text("run_id"),
        Mode = r.Text("mode"),
        Strategy = r.TextOrNull("strategy"),
        ConfigHash = r.TextOrNull("config_hash"),
        ConfigJson = r.TextOrNull("config_json"),
        StartedTime = r.Time("started_time"),
        EndedTime = r.TimeOrNull("ended_time"),
        Status = r.Text("status"),
        Notes = r.TextOrNull("notes"),
    };

    public static OrderRecord Order(Row r) => new(
        new Order
        {
            Id = new OrderId(r.Text("order_id")),
            ClientOrderId = r.TextOrNull("client_order_id") is { } c ? new ClientOrderId(c) : null,
            Ticker = new MarketTicker(r.Text("ticker")),
            Side = StoreText.ParseSide(r.Text("side")),
            YesPrice = r.Price("yes_price_ticks"),
            Status = StoreText.ParseStatus(r.Text("status")),
            Type = r.Text("order_type"),
            InitialCount = r.Quantity("initial_count_hundredths"),
            FillCount = r.Quantity("fill_count_hundredths"),
            RemainingCount = r.Quantity("remaining_count_hundredths"),
            TakerFillCost = r.Money("taker_fill_cost_micros"),
            MakerFillCost = r.Money("maker_fill_cost_micros"),
            TakerFees = r.Money("taker_fees_micros"),
            MakerFees = r.Money("maker_fees_micros"),
            TimeInForce = r.TextOrNull("time_in_force") is { } t ? StoreText.ParseTimeInForce(t) : null,
            SelfTradePrevention = r.TextOrNull("self_trade_prevention") is { } s ? StoreText.ParseStp(s) : null,
            OrderGroupId = r.TextOrNull("order_group_id"),
            CancelOrderOnPause = r.Bool("cancel_order_on_pause"),
            CreatedTime = r.TimeOrNull("created_time"),
            LastUpdateTime = r.TimeOrNull("last_update_time"),
            ExpirationTime = r.TimeOrNull("expiration_time"),
            LastUpdateReason = r.TextOrNull("last_update_reason"),
            Subaccount = r.Int("subaccount"),
        },
        r.TextOrNull("run_id"),
        r.TextOrNull("strategy"))
    {
        RecordedTime = r.Time("recorded_time"),
    };

    public static OrderEventRecord OrderEvent(Row r) => new()
    {
        Id = r.Long("id"),
        RunId = r.TextOrNull("run_id"),
        Time = r.Time("event_time"),
        EventType = r.Text("event_type"),
        ClientOrderId = r.TextOrNull("client_order_id") is { } c ? new ClientOrderId(c) : null,
        OrderId = r.TextOrNull("order_id") is { } o ? new OrderId(o) : null,
        Ticker = new MarketTicker(r.Text("ticker")),
        Side = r.TextOrNull("side") is { } s ? StoreText.ParseSide(s) : null,
        YesPrice = r.PriceOrNull("yes_price_ticks"),
        Count = r.QuantityOrNull("count_hundredths"),
        FillCount = r.QuantityOrNull("fill_count_hundredths"),
        RemainingCount = r.QuantityOrNull("remaining_count_hundredths"),
        Status = r.TextOrNull("status") is { } st ? StoreText.ParseStatus(st) : null,
        Reason = r.TextOrNull("reason"),
        ErrorCode = r.TextOrNull("error_code"),
        DetailJson = r.TextOrNull("detail_json"),
    };

    public static FillRecord Fill(Row r) => new(
        new Fill
        {
            TradeId = new TradeId(r.Text("trade_id")),
            OrderId = new OrderId(r.Text("order_id")),
            ClientOrderId = r.TextOrNull("client_order_id") is { } c ? new ClientOrderId(c) : null,
            Ticker = new MarketTicker(r.Text("ticker")),
            Side = StoreText.ParseSide(r.Text("side")),
            YesPrice = r.Price("yes_price_ticks"),
            Count = r.Quantity("count_hundredths"),
            IsTaker = r.Bool("is_taker"),
            Fee = r.Money("fee_micros"),
            PostPosition = r.QuantityOrNull("post_position_hundredths"),
            Time = r.Time("fill_time"),
            Subaccount = r.Int("subaccount"),
        },
        r.TextOrNull("run_id"));

    public static PositionSnapshotRecord PositionSnapshot(Row r) => new()
    {
        RunId = EmptyToNull(r.Text("run_id")),
        Time = r.Time("snapshot_time"),
        Source = r.Text("source"),
        Position = new MarketPosition
        {
            Ticker = new MarketTicker(r.Text("ticker")),
            Position = r.Quantity("position_hundredths"),
            MarketExposure = r.Money("market_exposure_micros"),
            TotalTraded = r.Money("total_traded_micros"),
            RealizedPnl = r.Money("realized_pnl_micros"),
            FeesPaid = r.Money("fees_paid_micros"),
            RestingOrdersCount = r.Quantity("resting_orders_hundredths"),
            LastUpdated = r.TimeOrNull("last_updated_time"),
        },
    };

    public static SettlementRecord Settlement(Row r) => new(
        new Settlement
        {
            Ticker = new MarketTicker(r.Text("ticker")),
            EventTicker = r.TextOrNull("event_ticker") is { } e ? new EventTicker(e) : (EventTicker?)null,
            Result = MarketEnumsWire.ParseResult(r.Text("result")),
            YesCount = r.Quantity("yes_count_hundredths"),
            NoCount = r.Quantity("no_count_hundredths"),
            YesTotalCost = r.Money("yes_total_cost_micros"),
            NoTotalCost = r.Money("no_total_cost_micros"),
            Revenue = r.Money("revenue_micros"),
            Value = r.PriceOrNull("value_ticks"),
            FeeCost = r.Money("fee_cost_micros"),
            SettledTime = r.Time("settled_time"),
        },
        EmptyToNull(r.Text("run_id")));

    public static OpportunityRecord Opportunity(Row r) => new()
    {
        OpportunityId = r.Text("opportunity_id"),
        RunId = r.TextOrNull("run_id"),
        Strategy = r.Text("strategy"),
        Kind = r.Text("kind"),
        RelationshipId = r.TextOrNull("relationship_id"),
        Tickers = StoreJson.ParseStrings(r.Text("tickers")).Select(t => new MarketTicker(t)).ToList(),
        EvaluatedTime = r.Time("evaluated_time"),
        GrossEdgePerContract = r.MoneyOrNull("gross_edge_micros"),
        FeesPerContract = r.MoneyOrNull("fees_micros"),
        NetEdgePerContract = r.MoneyOrNull("net_edge_micros"),
        ExecutableSize = r.Quantity("executable_size_hundredths"),
        ExpectedProfit = r.MoneyOrNull("expected_profit_micros"),
        Traded = r.Bool("traded"),
        Reason = r.TextOrNull("reason"),
        DetailJson = r.TextOrNull("detail_json"),
    };

    public static RelationshipRecord Relationship(Row r) => new()
    {
        RelationshipId = r.Text("relationship_id"),
        Kind = r.Text("kind"),
        State = StoreText.ParseRelationshipState(r.Text("state")),
        Tickers = StoreJson.ParseStrings(r.Text("tickers")).Select(t => new MarketTicker(t)).ToList(),
        EventTickers = StoreJson.ParseStrings(r.Text("event_tickers")).Select(t => new EventTicker(t)).ToList(),
        Source = r.Text("source"),
        Confidence = r.DecimalOrNull("confidence"),
        Rationale = r.TextOrNull("rationale"),
        DefinitionJson = r.TextOrNull("definition_json"),
        EvidenceJson = r.TextOrNull("evidence_json"),
        CreatedTime = r.Time("created_time"),
        UpdatedTime = r.Time("updated_time"),
        ReviewedBy = r.TextOrNull("reviewed_by"),
        ReviewNote = r.TextOrNull("review_note"),
    };

    private static string? EmptyToNull(string s) => s.Length == 0 ? null : s;
}
