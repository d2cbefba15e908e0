using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Parsing;

public static partial class WireMapper
{
    /// <summary>The balance; <c>balance_dollars</c> wins over integer-cent <c>balance</c>.</summary>
    public static Balance ToBalance(BalanceResponse w)
    {
        ArgumentNullException.ThrowIfNull(w);
        const string c = "balance";
        return new Balance(
            ParseMoney(w.BalanceDollars, w.Balance, c, "balance_dollars"),
            ParseMoney(w.PortfolioValueDollars, w.PortfolioValue, c, "portfolio_value_dollars"),
            w.UpdatedTs is { } ts ? FromUnix(ts) : null);
    }

    /// <summary>The domain balance to its wire form (integer cents as Kalshi still sends, plus dollars).</summary>
    public static BalanceResponse ToWire(Balance b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new BalanceResponse
        {
            Balance = b.Available.WholeCents,
            BalanceDollars = b.Available.ToDollarString(),
            PortfolioValue = b.PortfolioValue.WholeCents,
            UpdatedTs = b.UpdatedTime?.ToUnixTimeSeconds(),
        };
    }

    /// <summary>A market position (signed: + YES, − NO).</summary>
    public static MarketPosition ToMarketPosition(MarketPositionWire w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var c = "position " + w.Ticker;
        return new MarketPosition
        {
            Ticker = w.Ticker,
            Position = ParseQuantity(w.PositionFp, w.Position, c, "position_fp"),
            MarketExposure = ParseMoney(w.MarketExposureDollars, w.MarketExposure, c, "market_exposure_dollars"),
            TotalTraded = ParseMoney(w.TotalTradedDollars, w.TotalTraded, c, "total_traded_dollars"),
            RealizedPnl = ParseMoney(w.RealizedPnlDollars, w.RealizedPnl, c, "realized_pnl_dollars"),
            FeesPaid = ParseMoney(w.FeesPaidDollars, w.FeesPaid, c, "fees_paid_dollars"),
            RestingOrdersCount = w.RestingOrdersCount is { } n ? Quantity.FromContracts(n) : Quantity.Zero,
            LastUpdated = ParseTime(w.LastUpdatedTs, c, "last_updated_ts"),
        };
    }

    /// <summary>The domain market position to its wire form.</summary>
    public static MarketPositionWire ToWire(MarketPosition p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new MarketPositionWire
        {
            Ticker = p.Ticker.Value,
            PositionFp = p.Position.ToFpString(),
            MarketExposureDollars = p.MarketExposure.ToDollarString(),
            TotalTradedDollars = p.TotalTraded.ToDollarString(),
            RealizedPnlDollars = p.RealizedPnl.ToDollarString(),
            FeesPaidDollars = p.FeesPaid.ToDollarString(),
            RestingOrdersCount = p.RestingOrdersCount.Hundredths / Quantity.HundredthsPerContract,
            LastUpdatedTs = FormatTime(p.LastUpdated),
        };
    }

    /// <summary>An event position.</summary>
    public static EventPosition ToEventPosition(EventPositionWire w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var c = "event position " + w.EventTicker;
        return new EventPosition
        {
            EventTicker = w.EventTicker,
            TotalCost = ParseMoney(w.TotalCostDollars, w.TotalCost, c, "total_cost_dollars"),
            TotalCostShares = ParseQuantity(w.TotalCostSharesFp, null, c, "total_cost_shares_fp"),
            EventExposure = ParseMoney(w.EventExposureDollars, w.EventExposure, c, "event_exposure_dollars"),
            RealizedPnl = ParseMoney(w.RealizedPnlDollars, w.RealizedPnl, c, "realized_pnl_dollars"),
            FeesPaid = ParseMoney(w.FeesPaidDollars, w.FeesPaid, c, "fees_paid_dollars"),
        };
    }

    /// <summary>The domain event position to its wire form.</summary>
    public static EventPositionWire ToWire(EventPosition p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new EventPositionWire
        {
            EventTicker = p.EventTicker.Value,
            TotalCostDollars = p.TotalCost.ToDollarString(),
            TotalCostSharesFp = p.TotalCostShares.ToFpString(),
            EventExposureDollars = p.EventExposure.ToDollarString(),
            RealizedPnlDollars = p.RealizedPnl.ToDollarString(),
            FeesPaidDollars = p.FeesPaid.ToDollarString(),
        };
    }

    /// <summary>One of your fills.</summary>
    public static Fill ToFill(FillWire w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var id = w.TradeId ?? w.FillId ?? "";
        var ticker = !string.IsNullOrEmpty(w.Ticker) ? w.Ticker : w.MarketTicker ?? "";
        var c = $"fill {id}";
        if (id.Length == 0) throw new FormatException("fill trade_id: missing");
        var yes = ParsePrice(w.YesPriceDollars, w.YesPrice, c, "yes_price_dollars", "yes_price")
                  ?? ParsePrice(w.NoPriceDollars, w.NoPrice, c, "no_price_dollars", "no_price")?.Complement
                  ?? throw new FormatException($"{c} yes_price_dollars: missing");
        return new Fill
        {
            TradeId = new TradeId(id),
            OrderId = new OrderId(w.OrderId),
            ClientOrderId = string.IsNullOrEmpty(w.ClientOrderId) ? null : new ClientOrderId(w.ClientOrderId),
            Ticker = ticker,
            Side = ResolveSide(w.BookSide, w.OutcomeSide, w.Side, w.Action, c),
            YesPrice = yes,
            Count = ParseQuantity(w.CountFp, w.Count, c, "count_fp"),
            IsTaker = w.IsTaker ?? false,
            Fee = ParseMoney(w.FeeCost, null, c, "fee_cost"),
            Time = ParseTime(w.CreatedTime, c, "created_time") ?? (w.Ts is { } ts ? FromUnix(ts) : default),
            Subaccount = w.SubaccountNumber ?? 0,
        };
    }

    /// <summary>The domain fill to its wire form.</summary>
    public static FillWire ToWire(Fill f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new FillWire
        {
            FillId = f.TradeId.Value,
            TradeId = f.TradeId.Value,
            OrderId = f.OrderId.Value,
            ClientOrderId = f.ClientOrderId?.Value,
            Ticker = f.Ticker.Value,
            MarketTicker = f.Ticker.Value,
            OutcomeSide = ToWire(f.Side.Buys()),
            BookSide = ToWire(f.Side),
            CountFp = f.Count.ToFpString(),
            YesPriceDollars = f.YesPrice.ToDollarString(),
            NoPriceDollars = f.YesPrice.Complement.ToDollarString(),
            IsTaker = f.IsTaker,
            FeeCost = f.Fee.ToDollarString(),
            CreatedTime = FormatTime(f.Time),
            Ts = f.Time.ToUnixTimeSeconds(),
            SubaccountNumber = f.Subaccount,
        };
    }

    /// <summary>A settlement; <c>revenue</c> and <c>value</c> are integer cents on the wire.</summary>
    public static Settlement ToSettlement(SettlementWire w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var c = "settlement " + w.Ticker;
        return new Settlement
        {
            Ticker = w.Ticker,
            EventTicker = string.IsNullOrEmpty(w.EventTicker) ? (EventTicker?)null : new EventTicker(w.EventTicker),
            Result = ParseResult(w.MarketResult, c),
            YesCount = ParseQuantity(w.YesCountFp, w.YesCount, c, "yes_count_fp"),
            NoCount = ParseQuantity(w.NoCountFp, w.NoCount, c, "no_count_fp"),
            YesTotalCost = ParseMoney(w.YesTotalCostDollars, w.YesTotalCost, c, "yes_total_cost_dollars"),
            NoTotalCost = ParseMoney(w.NoTotalCostDollars, w.NoTotalCost, c, "no_total_cost_dollars"),
            Revenue = Money.FromCents(w.Revenue),
            Value = w.Value is { } v ? PriceFromCents(v, c, "value") : (Price?)null,
            FeeCost = ParseMoney(w.FeeCost, null, c, "fee_cost"),
            SettledTime = ParseTime(w.SettledTime, c, "settled_time") ?? default,
        };
    }

    /// <summary>The domain settlement to its wire form.</summary>
    public static SettlementWire ToWire(Settlement s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new SettlementWire
        {
            Ticker = s.Ticker.Value,
            EventTicker = s.EventTicker?.Value,
            MarketResult = Core.Markets.MarketEnumsWire.ToWire(s.Result),
            YesCountFp = s.YesCount.ToFpString(),
            NoCountFp = s.NoCount.ToFpString(),
            YesTotalCostDollars = s.YesTotalCost.ToDollarString(),
            NoTotalCostDollars = s.NoTotalCost.ToDollarString(),
            Revenue = s.Revenue.WholeCents,
            Value = s.Value is { } v ? v.Ticks / 100 : null,
            FeeCost = s.FeeCost.ToDollarString(),
            SettledTime = FormatTime(s.SettledTime),
        };
    }
}
