using System.Globalization;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Parsing;

public static partial class WireMapper
{
    /// <summary>An order (V2 shape; v1 <c>side</c>/<c>action</c> and integer cents accepted when alone).</summary>
    public static Order ToOrder(OrderWire w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var c = "order " + w.OrderId;
        if (string.IsNullOrEmpty(w.OrderId)) throw new FormatException("order order_id: missing");
        var yes = ParsePrice(w.YesPriceDollars, w.YesPrice, c, "yes_price_dollars", "yes_price")
                  ?? ParsePrice(w.NoPriceDollars, w.NoPrice, c, "no_price_dollars", "no_price")?.Complement
                  ?? throw new FormatException($"{c} yes_price_dollars: missing");
        return new Order
        {
            Id = new OrderId(w.OrderId),
            ClientOrderId = string.IsNullOrEmpty(w.ClientOrderId) ? null : new ClientOrderId(w.ClientOrderId),
            Ticker = w.Ticker,
            Side = ResolveSide(w.BookSide, w.OutcomeSide, w.Side, w.Action, c),
            YesPrice = yes,
            Status = ParseOrderStatus(w.Status, c),
            Type = string.IsNullOrEmpty(w.Type) ? "limit" : w.Type,
            InitialCount = ParseQuantity(w.InitialCountFp, w.InitialCount, c, "initial_count_fp"),
            FillCount = ParseQuantity(w.FillCountFp, w.FillCount, c, "fill_count_fp"),
            RemainingCount = ParseQuantity(w.RemainingCountFp, w.RemainingCount, c, "remaining_count_fp"),
            TakerFillCost = ParseMoney(w.TakerFillCostDollars, w.TakerFillCost, c, "taker_fill_cost_dollars"),
            MakerFillCost = ParseMoney(w.MakerFillCostDollars, w.MakerFillCost, c, "maker_fill_cost_dollars"),
            TakerFees = ParseMoney(w.TakerFeesDollars, w.TakerFees, c, "taker_fees_dollars"),
            MakerFees = ParseMoney(w.MakerFeesDollars, w.MakerFees, c, "maker_fees_dollars"),
            TimeInForce = string.IsNullOrEmpty(w.TimeInForce) ? null : ParseTimeInForce(w.TimeInForce, c),
            SelfTradePrevention = string.IsNullOrEmpty(w.SelfTradePreventionType) ? null : ParseSelfTradePrevention(w.SelfTradePreventionType, c),
            OrderGroupId = string.IsNullOrEmpty(w.OrderGroupId) ? null : w.OrderGroupId,
            CancelOrderOnPause = w.CancelOrderOnPause ?? false,
            CreatedTime = ParseTime(w.CreatedTime, c, "created_time"),
            LastUpdateTime = ParseTime(w.LastUpdateTime, c, "last_update_time"),
            ExpirationTime = ParseTime(w.ExpirationTime, c, "expiration_time"),
            LastUpdateReason = string.IsNullOrEmpty(w.LastUpdateReason) ? null : w.LastUpdateReason,
            Subaccount = w.SubaccountNumber ?? 0,
        };
    }

    /// <summary>The domain order to its wire form.</summary>
    public static OrderWire ToWire(Order o)
    {
        ArgumentNullException.ThrowIfNull(o);
        return new OrderWire
        {
            OrderId = o.Id.Value,
            ClientOrderId = o.ClientOrderId?.Value,
            Ticker = o.Ticker.Value,
            OutcomeSide = ToWire(o.Side.Buys()),
            BookSide = ToWire(o.Side),
            Type = o.Type,
            Status = ToWire(o.Status),
            YesPriceDollars = o.YesPrice.ToDollarString(),
            NoPriceDollars = o.YesPrice.Complement.ToDollarString(),
            InitialCountFp = o.InitialCount.ToFpString(),
            FillCountFp = o.FillCount.ToFpString(),
            RemainingCountFp = o.RemainingCount.ToFpString(),
            TakerFillCostDollars = o.TakerFillCost.ToDollarString(),
            MakerFillCostDollars = o.MakerFillCost.ToDollarString(),
            TakerFeesDollars = o.TakerFees.ToDollarString(),
            MakerFeesDollars = o.MakerFees.ToDollarString(),
            TimeInForce = o.TimeInForce is { } t ? ToWire(t) : null,
            SelfTradePreventionType = o.SelfTradePrevention is { } s ? ToWire(s) : null,
            OrderGroupId = o.OrderGroupId,
            CancelOrderOnPause = o.CancelOrderOnPause,
            CreatedTime = FormatTime(o.CreatedTime),
            LastUpdateTime = FormatTime(o.LastUpdateTime),
            ExpirationTime = FormatTime(o.ExpirationTime),
            LastUpdateReason = o.LastUpdateReason,
            SubaccountNumber = o.Subaccount,
        };
    }

    /// <summary>A domain order request to the V2 create body.</summary>
    public static CreateOrderV2Request ToWire(OrderRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new CreateOrderV2Request
        {
            Ticker = r.Ticker.Value,
            Side = ToWire(r.Side),
            Price = r.YesPrice.ToDollarString(),
            Count = r.Count.ToFpString(),
            TimeInForce = ToWire(r.TimeInForce),
            SelfTradePreventionType = ToWire(r.SelfTradePrevention),
            ClientOrderId = r.ClientOrderId?.Value,
            ExpirationTime = r.Expiration?.ToUnixTimeSeconds(),
            PostOnly = r.PostOnly ? true : null,
            ReduceOnly = r.ReduceOnly ? true : null,
            CancelOrderOnPause = r.CancelOrderOnPause ? true : null,
            OrderGroupId = r.OrderGroupId,
            Subaccount = r.Subaccount,
        };
    }

    /// <summary>A V2 create body to a domain request (the local exchange's side). Bad fields throw, named.</summary>
    public static OrderRequest ToOrderRequest(CreateOrderV2Request w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var c = "order request " + w.Ticker;
        if (string.IsNullOrEmpty(w.Ticker)) throw new FormatException("order request ticker: missing");
        return new OrderRequest
        {
            Ticker = w.Ticker,
            Side = ParseOrderSide(w.Side, c),
            YesPrice = Price.Parse(w.Price, $"{c} price"),
            Count = Quantity.Parse(w.Count, $"{c} count"),
            TimeInForce = ParseTimeInForce(w.TimeInForce, c),
            SelfTradePrevention = ParseSelfTradePrevention(w.SelfTradePreventionType, c),
            ClientOrderId = string.IsNullOrEmpty(w.ClientOrderId) ? null : new ClientOrderId(w.ClientOrderId),
            Expiration = w.ExpirationTime is { } e ? DateTimeOffset.FromUnixTimeSeconds(e) : null,
            PostOnly = w.PostOnly ?? false,
            ReduceOnly = w.ReduceOnly ?? false,
            CancelOrderOnPause = w.CancelOrderOnPause ?? false,
            OrderGroupId = string.IsNullOrEmpty(w.OrderGroupId) ? null : w.OrderGroupId,
            Subaccount = w.Subaccount,
        };
    }

    /// <summary>A V2 create reply to an acknowledgement.</summary>
    public static OrderAck ToOrderAck(CreateOrderV2Response w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return ToOrderAck(w.OrderId, w.ClientOrderId, w.FillCount, w.RemainingCount, w.AverageFillPrice, w.AverageFeePaid, w.TsMs);
    }

    /// <summary>A successful batch-create item to an acknowledgement (check <see cref="BatchCreateOrderV2Item.Error"/> first).</summary>
    public static OrderAck ToOrderAck(BatchCreateOrderV2Item w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return ToOrderAck(w.OrderId ?? "", w.ClientOrderId, w.FillCount, w.RemainingCount, w.AverageFillPrice, w.AverageFeePaid, w.TsMs);
    }

    /// <summary>An acknowledgement to the V2 create reply.</summary>
    public static CreateOrderV2Response ToWire(OrderAck a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new CreateOrderV2Response
        {
            OrderId = a.OrderId.Value,
            ClientOrderId = a.ClientOrderId?.Value,
            FillCount = a.FillCount.ToFpString(),
            RemainingCount = a.RemainingCount.ToFpString(),
            AverageFillPrice = a.AverageFillPrice?.ToString(CultureInfo.InvariantCulture),
            AverageFeePaid = a.AverageFeePaid?.ToString(CultureInfo.InvariantCulture),
            TsMs = a.Time.ToUnixTimeMilliseconds(),
        };
    }

    /// <summary>A cancel reply; the order has nothing left resting.</summary>
    public static OrderChange ToOrderChange(CancelOrderV2Response w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var c = "cancel " + w.OrderId;
        return new OrderChange(new OrderId(w.OrderId), ClientId(w.ClientOrderId), Quantity.Zero,
            ParseQuantity(w.ReducedBy, null, c, "reduced_by"), Ms(w.TsMs));
    }

    /// <summary>An amend reply.</summary>
    public static OrderChange ToOrderChange(AmendOrderV2Response w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var c = "amend " + w.OrderId;
        return new OrderChange(new OrderId(w.OrderId), ClientId(w.ClientOrderId),
            ParseQuantity(w.RemainingCount, null, c, "remaining_count"), Quantity.Zero, Ms(w.TsMs));
    }

    /// <summary>A decrease reply.</summary>
    public static OrderChange ToOrderChange(DecreaseOrderV2Response w)
    {
        ArgumentNullException.ThrowIfNull(w);
        var c = "decrease " + w.OrderId;
        return new OrderChange(new OrderId(w.OrderId), ClientId(w.ClientOrderId),
            ParseQuantity(w.RemainingCount, null, c, "remaining_count"), ParseQuantity(w.ReducedBy, null, c, "reduced_by"), Ms(w.TsMs));
    }

    /// <summary>A successful batch-cancel item.</summary>
    public static OrderChange ToOrderChange(BatchCancelOrderV2Item w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return new OrderChange(new OrderId(w.OrderId), ClientId(w.ClientOrderId), Quantity.Zero,
            ParseQuantity(w.ReducedBy, null, "cancel " + w.OrderId, "reduced_by"), Ms(w.TsMs));
    }

    /// <summary>A cancel change to the V2 cancel reply.</summary>
    public static CancelOrderV2Response ToCancelWire(OrderChange ch)
    {
        ArgumentNullException.ThrowIfNull(ch);
        return new CancelOrderV2Response
        {
            OrderId = ch.OrderId.Value, ClientOrderId = ch.ClientOrderId?.Value, ReducedBy = ch.ReducedBy.ToFpString(),
            TsMs = ch.Time.ToUnixTimeMilliseconds(),
        };
    }

    /// <summary>A change to the V2 decrease reply.</summary>
    public static DecreaseOrderV2Response ToDecreaseWire(OrderChange ch)
    {
        ArgumentNullException.ThrowIfNull(ch);
        return new DecreaseOrderV2Response
        {
            OrderId = ch.OrderId.Value, ClientOrderId = ch.ClientOrderId?.Value, RemainingCount = ch.RemainingCount.ToFpString(),
            ReducedBy = ch.ReducedBy.ToFpString(), TsMs = ch.Time.ToUnixTimeMilliseconds(),
        };
    }

    /// <summary>An order's state after an amend, to the V2 amend reply.</summary>
    public static AmendOrderV2Response ToAmendWire(Order order, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new AmendOrderV2Response
        {
            OrderId = order.Id.Value, ClientOrderId = order.ClientOrderId?.Value, RemainingCount = order.RemainingCount.ToFpString(),
            FillCount = order.FillCount.ToFpString(), Price = order.YesPrice.ToDollarString(), TsMs = time.ToUnixTimeMilliseconds(),
        };
    }

    private static OrderAck ToOrderAck(string orderId, string? clientOrderId, string? fill, string? remaining, string? avgPrice, string? avgFee, long? tsMs)
    {
        var c = "order ack " + orderId;
        if (string.IsNullOrEmpty(orderId)) throw new FormatException("order ack order_id: missing");
        return new OrderAck(new OrderId(orderId), ClientId(clientOrderId),
            ParseQuantity(fill, null, c, "fill_count"), ParseQuantity(remaining, null, c, "remaining_count"),
            ParseDecimal(avgPrice, c, "average_fill_price"), ParseDecimal(avgFee, c, "average_fee_paid"), Ms(tsMs));
    }

    private static decimal? ParseDecimal(string? text, string c, string field)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d)) return d;
        throw new FormatException($"{c} {field}: '{Truncate(text)}' is not a decimal");
    }

    private static ClientOrderId? ClientId(string? id) => string.IsNullOrEmpty(id) ? null : new ClientOrderId(id);

    private static DateTimeOffset Ms(long? tsMs) => tsMs is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : default;
}
