using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Exchange.Matching;

/// <summary>A position's numbers at one moment (micro-dollars, hundredths), for an event to turn into a <see cref="MarketPosition"/> later.</summary>
internal readonly record struct PositionSnapshot(
    MarketTicker Ticker, long Position, long Cost, long TotalTraded, long RealizedPnl, long FeesPaid, long Resting, long LastUpdatedTicks, long Volume)
{
    public static PositionSnapshot Of(PositionState p) => new(
        p.Market.Ticker, p.Position, p.Cost, p.TotalTraded, p.RealizedPnl, p.FeesPaid, p.RestingBuyYes + p.RestingBuyNo, p.LastUpdatedTicks, p.Volume);
}

/// <summary>A market's top of book and activity at one moment; -1 ticks = no bid on that side.</summary>
internal readonly record struct TickerSnapshot(
    MarketTicker Ticker, int YesBidTicks, long YesBidSize, int NoBidTicks, long NoBidSize, int? LastYesTicks, long LastTradeSize,
    long Volume, long OpenInterest, long DollarVolumeMicros);

/// <summary>
/// The engine's compact values to the public Core records. The one place those records are built, used both by
/// queries and lazily by events.
/// </summary>
internal static class EngineRecords
{
    public static Order ToOrder(in OrderData o, IdFormatter orderIds) => new()
    {
        Id = new OrderId(orderIds.Format(o.Seq)),
        ClientOrderId = o.ClientOrderId is null ? null : new ClientOrderId(o.ClientOrderId),
        Ticker = o.Market.Ticker,
        Side = o.Side,
        YesPrice = Price.FromTicks(o.YesPriceTicks),
        Status = o.Status,
        InitialCount = Quantity.FromHundredths(o.Initial),
        FillCount = Quantity.FromHundredths(o.Filled),
        RemainingCount = Quantity.FromHundredths(o.Remaining),
        TakerFillCost = Money.FromMicros(o.TakerCost),
        MakerFillCost = Money.FromMicros(o.MakerCost),
        TakerFees = Money.FromMicros(o.TakerFees),
        MakerFees = Money.FromMicros(o.MakerFees),
        TimeInForce = o.TimeInForce,
        SelfTradePrevention = o.Stp,
        OrderGroupId = o.Group?.Id,
        CancelOrderOnPause = o.CancelOnPause,
        CreatedTime = new DateTimeOffset(o.CreatedTicks, TimeSpan.Zero),
        LastUpdateTime = new DateTimeOffset(o.UpdatedTicks, TimeSpan.Zero),
        ExpirationTime = o.ExpirationTicks is { } e ? new DateTimeOffset(e, TimeSpan.Zero) : null,
        LastUpdateReason = o.Reason,
        Subaccount = 0,
    };

    public static Fill ToFill(FillEntry f, MarketTicker ticker, OrderSide side, string? clientOrderId, IdFormatter orderIds, IdFormatter tradeIds) => new()
    {
        TradeId = new TradeId(tradeIds.Format(f.TradeSeq)),
        OrderId = new OrderId(orderIds.Format(f.OrderSeq)),
        ClientOrderId = clientOrderId is null ? null : new ClientOrderId(clientOrderId),
        Ticker = ticker,
        Side = side,
        YesPrice = Price.FromTicks(f.YesPriceTicks),
        Count = Quantity.FromHundredths(f.Count),
        IsTaker = f.IsTaker,
        Fee = Money.FromMicros(f.Fee),
        PostPosition = Quantity.FromHundredths(f.PostPosition),
        Time = new DateTimeOffset(f.Ticks, TimeSpan.Zero),
        Subaccount = 0,
    };

    public static Trade ToTrade(TradeEntry t, MarketTicker ticker, IdFormatter tradeIds)
    {
        var time = new DateTimeOffset(t.Ticks, TimeSpan.Zero);
        return new Trade
        {
            TradeId = new TradeId(tradeIds.Format(t.Seq)),
            Ticker = ticker,
            YesPrice = Price.FromTicks(t.YesPriceTicks),
            Count = Quantity.FromHundredths(t.Count),
            TakerOutcome = t.TakerOutcome,
            Time = time,
            ReceivedTime = time,
        };
    }

    public static MarketPosition ToPosition(in PositionSnapshot p) => new()
    {
        Ticker = p.Ticker,
        Position = Quantity.FromHundredths(p.Position),
        MarketExposure = Money.FromMicros(p.Cost),
        TotalTraded = Money.FromMicros(p.TotalTraded),
        RealizedPnl = Money.FromMicros(p.RealizedPnl),
        FeesPaid = Money.FromMicros(p.FeesPaid),
        RestingOrdersCount = Quantity.FromHundredths(p.Resting),
        LastUpdated = p.LastUpdatedTicks == 0 ? null : new DateTimeOffset(p.LastUpdatedTicks, TimeSpan.Zero),
    };

    public static TickerUpdate ToTickerUpdate(in TickerSnapshot t, DateTimeOffset time) => new()
    {
        Ticker = t.Ticker,
        LastPrice = t.LastYesTicks is { } l ? Price.FromTicks(l) : null,
        YesBid = t.YesBidTicks < 0 ? null : Price.FromTicks(t.YesBidTicks),
        YesAsk = t.NoBidTicks < 0 ? null : Price.FromTicks(Price.TicksPerDollar - t.NoBidTicks),
        YesBidSize = Quantity.FromHundredths(t.YesBidSize),
        YesAskSize = Quantity.FromHundredths(t.NoBidSize),
        LastTradeSize = Quantity.FromHundredths(t.LastTradeSize),
        Volume = Quantity.FromHundredths(t.Volume),
        OpenInterest = Quantity.FromHundredths(t.OpenInterest),
        Time = time,
        ReceivedTime = time,
    };
}
