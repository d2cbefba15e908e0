using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Ws;

namespace KalshiTrader.Exchange.Server;

/// <summary>Engine events to the WebSocket adapter's wire messages (the one definition of the WS format).</summary>
internal static class WsWireMapping
{
    public static WsOrderbookSnapshot Snapshot(BookSnapshot book, bool useYesPrice) => new()
    {
        MarketTicker = book.Ticker.Value,
        MarketId = book.Ticker.Value,
        YesDollarsFp = book.YesBids.Count == 0 ? null : book.YesBids.Select(l => (IReadOnlyList<string>)[l.Price.ToDollarString(), l.Size.ToFpString()]).ToArray(),
        NoDollarsFp = book.NoBids.Count == 0 ? null : (useYesPrice ? book.NoBids.Reverse() : book.NoBids)
            .Select(l => (IReadOnlyList<string>)[(useYesPrice ? l.Price.Complement : l.Price).ToDollarString(), l.Size.ToFpString()]).ToArray(),
    };

    public static WsOrderbookDelta Delta(BookChangedEvent e, bool useYesPrice, bool isOwner) => new()
    {
        MarketTicker = e.Ticker.Value,
        MarketId = e.Ticker.Value,
        PriceDollars = (useYesPrice && e.Side == Outcome.No ? e.Price.Complement : e.Price).ToDollarString(),
        DeltaFp = e.Delta.ToFpString(),
        Side = e.Side == Outcome.Yes ? "yes" : "no",
        ClientOrderId = isOwner ? e.ClientOrderId?.Value : null,
        Subaccount = isOwner && e.ClientOrderId is not null ? 0 : null,
        TsMs = e.Time.ToUnixTimeMilliseconds(),
    };

    public static WsTicker Ticker(TickerChangedEvent e) => new()
    {
        MarketTicker = e.Update.Ticker.Value,
        MarketId = e.Update.Ticker.Value,
        PriceDollars = e.Update.LastPrice?.ToDollarString(),
        YesBidDollars = (e.Update.YesBid ?? Price.Zero).ToDollarString(),
        YesAskDollars = (e.Update.YesAsk ?? Price.One).ToDollarString(),
        YesBidSizeFp = e.Update.YesBidSize.ToFpString(),
        YesAskSizeFp = e.Update.YesAskSize.ToFpString(),
        LastTradeSizeFp = e.Update.LastTradeSize.ToFpString(),
        VolumeFp = e.Update.Volume.ToFpString(),
        OpenInterestFp = e.Update.OpenInterest.ToFpString(),
        DollarVolume = e.DollarVolume.Micros / Money.MicrosPerDollar,
        DollarOpenInterest = e.DollarOpenInterest.Micros / Money.MicrosPerDollar,
        Ts = e.Time.ToUnixTimeSeconds(),
        TsMs = e.Time.ToUnixTimeMilliseconds(),
        Time = WireMapper.FormatTime(e.Time),
    };

    public static WsTrade Trade(Trade t) => new()
    {
        TradeId = t.TradeId.Value,
        MarketTicker = t.Ticker.Value,
        YesPriceDollars = t.YesPrice.ToDollarString(),
        NoPriceDollars = t.NoPrice.ToDollarString(),
        CountFp = t.Count.ToFpString(),
        TakerOutcomeSide = t.TakerOutcome == Outcome.No ? "no" : "yes",
        TakerBookSide = t.TakerOutcome == Outcome.No ? "ask" : "bid",
        TakerSide = t.TakerOutcome == Outcome.No ? "no" : "yes",
        IsBlockTrade = false,
        Ts = t.Time.ToUnixTimeSeconds(),
        TsMs = t.Time.ToUnixTimeMilliseconds(),
    };

    public static WsFill Fill(Fill f) => new()
    {
        TradeId = f.TradeId.Value,
        OrderId = f.OrderId.Value,
        ClientOrderId = f.ClientOrderId?.Value,
        MarketTicker = f.Ticker.Value,
        ExchangeIndex = 0,
        IsTaker = f.IsTaker,
        YesPriceDollars = f.YesPrice.ToDollarString(),
        CountFp = f.Count.ToFpString(),
        FeeCost = f.Fee.ToDollarString(),
        PostPositionFp = f.PostPosition?.ToFpString(),
        OutcomeSide = f.Side == OrderSide.Bid ? "yes" : "no",
        BookSide = f.Side == OrderSide.Bid ? "bid" : "ask",
        Ts = f.Time.ToUnixTimeSeconds(),
        TsMs = f.Time.ToUnixTimeMilliseconds(),
    };

    public static WsMarketPosition Position(PositionChangedEvent e) => new()
    {
        MarketTicker = e.Position.Ticker.Value,
        PositionFp = e.Position.Position.ToFpString(),
        PositionCostDollars = e.Position.MarketExposure.ToDollarString(),
        RealizedPnlDollars = e.Position.RealizedPnl.ToDollarString(),
        FeesPaidDollars = e.Position.FeesPaid.ToDollarString(),
        VolumeFp = e.Volume.ToFpString(),
    };

    public static WsUserOrder UserOrder(Order o) => new()
    {
        OrderId = o.Id.Value,
        Ticker = o.Ticker.Value,
        Status = o.Status switch { OrderStatus.Resting => "resting", OrderStatus.Canceled => "canceled", _ => "executed" },
        OutcomeSide = o.Side == OrderSide.Bid ? "yes" : "no",
        BookSide = o.Side == OrderSide.Bid ? "bid" : "ask",
        YesPriceDollars = o.YesPrice.ToDollarString(),
        InitialCountFp = o.InitialCount.ToFpString(),
        FillCountFp = o.FillCount.ToFpString(),
        RemainingCountFp = o.RemainingCount.ToFpString(),
        TakerFillCostDollars = o.TakerFillCost.ToDollarString(),
        MakerFillCostDollars = o.MakerFillCost.ToDollarString(),
        TakerFeesDollars = o.TakerFees.ToDollarString(),
        MakerFeesDollars = o.MakerFees.ToDollarString(),
        ClientOrderId = o.ClientOrderId?.Value,
        OrderGroupId = o.OrderGroupId,
        SelfTradePreventionType = o.SelfTradePrevention is { } stp ? WireMapper.ToWire(stp) : null,
        CreatedTime = WireMapper.FormatTime(o.CreatedTime),
        LastUpdateTime = WireMapper.FormatTime(o.LastUpdateTime),
        ExpirationTime = WireMapper.FormatTime(o.ExpirationTime),
        CreatedTsMs = o.CreatedTime?.ToUnixTimeMilliseconds(),
        LastUpdatedTsMs = o.LastUpdateTime?.ToUnixTimeMilliseconds(),
        ExpirationTsMs = o.ExpirationTime?.ToUnixTimeMilliseconds(),
        LastUpdateReason = o.LastUpdateReason,
        SubaccountNumber = 0,
    };

    public static WsMarketLifecycle Lifecycle(MarketLifecycleEvent e)
    {
        var m = e.Market;
        return new WsMarketLifecycle
        {
            MarketTicker = m.Ticker.Value,
            EventType = e.EventType,
            ExchangeIndex = 0,
            OpenTs = e.EventType == "created" ? m.OpenTime?.ToUnixTimeSeconds() : null,
            CloseTs = e.EventType is "created" or "close_date_updated" ? m.CloseTime?.ToUnixTimeSeconds() : null,
            DeterminationTs = e.EventType == "determined" ? e.Time.ToUnixTimeSeconds() : null,
            SettledTs = e.EventType == "settled" ? e.Time.ToUnixTimeSeconds() : null,
            Result = e.EventType is "determined" or "settled" ? MarketEnumsWire.ToWire(m.Result) : null,
            SettlementValue = e.EventType is "determined" or "settled" ? m.SettlementValue?.ToDollarString() : null,
            IsDeactivated = e.EventType is "deactivated" or "activated" ? e.EventType == "deactivated" : null,
            PriceLevelStructure = e.EventType == "created" ? m.PriceLevelStructure : null,
            PriceRanges = e.EventType == "created" && m.PriceRanges.Count > 0
                ? m.PriceRanges.Select(r => new WsPriceRange { Start = r.Start.ToDollarString(), End = r.End.ToDollarString(), Step = r.Step.ToDollarString() }).ToArray()
                : null,
            AdditionalMetadata = e.EventType == "created"
                ? new WsLifecycleMetadata
                {
                    Title = m.Title, YesSubTitle = m.YesSubTitle, NoSubTitle = m.NoSubTitle, RulesPrimary = m.RulesPrimary,
                    RulesSecondary = m.RulesSecondary, CanCloseEarly = m.CanCloseEarly, EventTicker = m.EventTicker.Value,
                    ExpectedExpirationTs = m.ExpectedExpirationTime?.ToUnixTimeSeconds(), StrikeType = MarketEnumsWire.ToWire(m.StrikeType),
                    FloorStrike = m.FloorStrike, CapStrike = m.CapStrike,
                }
                : null,
        };
    }

    public static WsEventLifecycle EventCreated(EventCreatedEvent e) => new()
    {
        EventTicker = e.Event.Ticker.Value,
        SeriesTicker = e.Event.SeriesTicker.Value,
        ExchangeIndex = 0,
        Title = e.Event.Title,
        Subtitle = e.Event.SubTitle,
        CollateralReturnType = e.Event.CollateralReturnType,
        StrikeDate = e.Event.StrikeDate?.ToUnixTimeSeconds(),
        StrikePeriod = e.Event.StrikePeriod,
    };

    public static WsOrderGroupUpdate OrderGroup(OrderGroupChangedEvent e) => new()
    {
        EventType = e.EventType,
        OrderGroupId = e.OrderGroupId,
        ContractsLimitFp = e.ContractsLimit?.ToFpString(),
        TsMs = e.Time.ToUnixTimeMilliseconds(),
    };
}
