using System.Text.Json;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Kalshi.WebSocket;

public sealed partial class WsFrameParser
{
    private Body ParseFill(ref Utf8JsonReader reader, DateTimeOffset received)
    {
        string? ticker = null, tradeId = null, orderId = null, clientOrderId = null, action = null;
        Price? yesPrice = null;
        Quantity? count = null, post = null;
        Money? fee = null;
        OrderSide? bookSide = null;
        Outcome? outcome = null, legacySide = null, purchased = null;
        bool? taker = null;
        DateTimeOffset? tsMs = null, ts = null;
        long? subaccount = null;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("market_ticker"u8)) { reader.Read(); ticker = ReadTicker(ref reader, "market_ticker"); }
            else if (reader.ValueTextEquals("trade_id"u8)) { reader.Read(); tradeId = ReadString(ref reader); }
            else if (reader.ValueTextEquals("order_id"u8)) { reader.Read(); orderId = ReadString(ref reader); }
            else if (reader.ValueTextEquals("client_order_id"u8)) { reader.Read(); clientOrderId = ReadString(ref reader); }
            else if (reader.ValueTextEquals("yes_price_dollars"u8)) { reader.Read(); yesPrice = ReadPrice(ref reader, "yes_price_dollars"); }
            else if (reader.ValueTextEquals("count_fp"u8)) { reader.Read(); count = ReadQuantity(ref reader, "count_fp"); }
            else if (reader.ValueTextEquals("fee_cost"u8)) { reader.Read(); fee = ReadMoney(ref reader, "fee_cost"); }
            else if (reader.ValueTextEquals("post_position_fp"u8)) { reader.Read(); post = ReadQuantity(ref reader, "post_position_fp"); }
            else if (reader.ValueTextEquals("book_side"u8)) { reader.Read(); bookSide = ReadBookSide(ref reader, "book_side"); }
            else if (reader.ValueTextEquals("outcome_side"u8)) { reader.Read(); outcome = ReadOutcome(ref reader, "outcome_side"); }
            else if (reader.ValueTextEquals("is_taker"u8)) { reader.Read(); taker = ReadBool(ref reader, "is_taker"); }
            else if (reader.ValueTextEquals("ts_ms"u8)) { reader.Read(); tsMs = ReadMillis(ref reader, "ts_ms"); }
            else if (reader.ValueTextEquals("ts"u8)) { reader.Read(); ts = ReadFlexibleTime(ref reader, "ts"); }
            else if (reader.ValueTextEquals("subaccount"u8)) { reader.Read(); subaccount = ReadLongField(ref reader, "subaccount"); }
            else if (reader.ValueTextEquals("side"u8)) { reader.Read(); legacySide = ReadOutcome(ref reader, "side"); }
            else if (reader.ValueTextEquals("action"u8)) { reader.Read(); action = ReadString(ref reader); }
            else if (reader.ValueTextEquals("purchased_side"u8)) { reader.Read(); purchased = ReadOutcome(ref reader, "purchased_side"); }
            else { reader.Read(); reader.Skip(); }
        }

        // Direction: book_side, else outcome_side, else the deprecated side+action (buy yes ≡ sell no ≡ bid).
        var side = bookSide ?? outcome?.ToBuy() ?? purchased?.ToBuy() ?? LegacyDirection(legacySide, action);
        if (ticker is null) Fail("market_ticker is missing");
        if (tradeId is null) Fail("trade_id is missing");
        if (orderId is null) Fail("order_id is missing");
        if (yesPrice is null) Fail("yes_price_dollars is missing");
        if (count is null) Fail("count_fp is missing");
        if (side is null) Fail("book_side is missing");
        if (_error is not null) return new Body { Ticker = ticker };

        var fill = new Fill
        {
            TradeId = new TradeId(tradeId!),
            OrderId = new OrderId(orderId!),
            ClientOrderId = clientOrderId is null ? null : new ClientOrderId(clientOrderId),
            Ticker = new MarketTicker(ticker!),
            Side = side!.Value,
            YesPrice = yesPrice!.Value,
            Count = count!.Value,
            IsTaker = taker ?? false,
            Fee = fee ?? Money.Zero,
            PostPosition = post,
            Time = tsMs ?? ts ?? received,
            Subaccount = (int)(subaccount ?? 0),
        };
        return new Body { Ticker = ticker, Event = new FillEvent(fill) { ReceivedTime = received } };
    }

    private static OrderSide? LegacyDirection(Outcome? side, string? action) => (side, action) switch
    {
        (null, _) => null,
        (Outcome.Yes, "sell") => OrderSide.Ask,
        (Outcome.No, "sell") => OrderSide.Bid,
        ({ } s, _) => s.ToBuy(),
    };

    private Body ParsePosition(ref Utf8JsonReader reader, DateTimeOffset received)
    {
        string? ticker = null;
        Quantity? position = null;
        Money? cost = null, pnl = null, fees = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("market_ticker"u8)) { reader.Read(); ticker = ReadTicker(ref reader, "market_ticker"); }
            else if (reader.ValueTextEquals("position_fp"u8)) { reader.Read(); position = ReadQuantity(ref reader, "position_fp"); }
            else if (reader.ValueTextEquals("position_cost_dollars"u8)) { reader.Read(); cost = ReadMoney(ref reader, "position_cost_dollars"); }
            else if (reader.ValueTextEquals("realized_pnl_dollars"u8)) { reader.Read(); pnl = ReadMoney(ref reader, "realized_pnl_dollars"); }
            else if (reader.ValueTextEquals("fees_paid_dollars"u8)) { reader.Read(); fees = ReadMoney(ref reader, "fees_paid_dollars"); }
            else { reader.Read(); reader.Skip(); }
        }

        if (ticker is null) Fail("market_ticker is missing");
        if (position is null) Fail("position_fp is missing");
        if (_error is not null) return new Body { Ticker = ticker };
        var p = new MarketPosition
        {
            Ticker = new MarketTicker(ticker!),
            Position = position!.Value,

            // The channel's cost basis of the open position is what REST calls market exposure.
            MarketExposure = cost ?? Money.Zero,
            RealizedPnl = pnl ?? Money.Zero,
            FeesPaid = fees ?? Money.Zero,
            LastUpdated = received,
        };
        return new Body { Ticker = ticker, Event = new PositionEvent(p) { ReceivedTime = received } };
    }

    private Body ParseUserOrder(ref Utf8JsonReader reader, DateTimeOffset received)
    {
        string? ticker = null, orderId = null, clientOrderId = null, groupId = null, reason = null, stp = null;
        OrderStatus? status = null;
        OrderSide? bookSide = null;
        Outcome? outcome = null, legacySide = null;
        bool? isYes = null;
        Price? yesPrice = null;
        Quantity? initial = null, filled = null, remaining = null;
        Money? takerCost = null, makerCost = null, takerFees = null, makerFees = null;
        DateTimeOffset? created = null, updated = null, expires = null, createdText = null, updatedText = null, expiresText = null;
        long? subaccount = null;

        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("ticker"u8)) { reader.Read(); ticker = ReadTicker(ref reader, "ticker"); }
            else if (reader.ValueTextEquals("order_id"u8)) { reader.Read(); orderId = ReadString(ref reader); }
            else if (reader.ValueTextEquals("status"u8)) { reader.Read(); status = ReadStatus(ref reader); }
            else if (reader.ValueTextEquals("book_side"u8)) { reader.Read(); bookSide = ReadBookSide(ref reader, "book_side"); }
            else if (reader.ValueTextEquals("outcome_side"u8)) { reader.Read(); outcome = ReadOutcome(ref reader, "outcome_side"); }
            else if (reader.ValueTextEquals("side"u8)) { reader.Read(); legacySide = ReadOutcome(ref reader, "side"); }
            else if (reader.ValueTextEquals("is_yes"u8)) { reader.Read(); isYes = ReadBool(ref reader, "is_yes"); }
            else if (reader.ValueTextEquals("yes_price_dollars"u8)) { reader.Read(); yesPrice = ReadPrice(ref reader, "yes_price_dollars"); }
            else if (reader.ValueTextEquals("initial_count_fp"u8)) { reader.Read(); initial = ReadQuantity(ref reader, "initial_count_fp"); }
            else if (reader.ValueTextEquals("fill_count_fp"u8)) { reader.Read(); filled = ReadQuantity(ref reader, "fill_count_fp"); }
            else if (reader.ValueTextEquals("remaining_count_fp"u8)) { reader.Read(); remaining = ReadQuantity(ref reader, "remaining_count_fp"); }
            else if (reader.ValueTextEquals("taker_fill_cost_dollars"u8)) { reader.Read(); takerCost = ReadMoney(ref reader, "taker_fill_cost_dollars"); }
            else if (reader.ValueTextEquals("maker_fill_cost_dollars"u8)) { reader.Read(); makerCost = ReadMoney(ref reader, "maker_fill_cost_dollars"); }
            else if (reader.ValueTextEquals("taker_fees_dollars"u8)) { reader.Read(); takerFees = ReadMoney(ref reader, "taker_fees_dollars"); }
            else if (reader.ValueTextEquals("maker_fees_dollars"u8)) { reader.Read(); makerFees = ReadMoney(ref reader, "maker_fees_dollars"); }
            else if (reader.ValueTextEquals("client_order_id"u8)) { reader.Read(); clientOrderId = ReadString(ref reader); }
            else if (reader.ValueTextEquals("order_group_id"u8)) { reader.Read(); groupId = ReadString(ref reader); }
            else if (reader.ValueTextEquals("self_trade_prevention_type"u8)) { reader.Read(); stp = ReadString(ref reader); }
            else if (reader.ValueTextEquals("created_ts_ms"u8)) { reader.Read(); created = ReadMillis(ref reader, "created_ts_ms"); }
            else if (reader.ValueTextEquals("last_updated_ts_ms"u8)) { reader.Read(); updated = ReadMillis(ref reader, "last_updated_ts_ms"); }
            else if (reader.ValueTextEquals("expiration_ts_ms"u8)) { reader.Read(); expires = ReadMillis(ref reader, "expiration_ts_ms"); }
            else if (reader.ValueTextEquals("created_time"u8)) { reader.Read(); createdText = ReadFlexibleTime(ref reader, "created_time"); }
            else if (reader.ValueTextEquals("last_update_time"u8)) { reader.Read(); updatedText = ReadFlexibleTime(ref reader, "last_update_time"); }
            else if (reader.ValueTextEquals("expiration_time"u8)) { reader.Read(); expiresText = ReadFlexibleTime(ref reader, "expiration_time"); }
            else if (reader.ValueTextEquals("last_update_reason"u8)) { reader.Read(); reason = ReadString(ref reader); }
            else if (reader.ValueTextEquals("subaccount_number"u8)) { reader.Read(); subaccount = ReadLongField(ref reader, "subaccount_number"); }
            else { reader.Read(); reader.Skip(); }
        }

        var side = bookSide ?? outcome?.ToBuy() ?? legacySide?.ToBuy() ?? (isYes is { } y ? (y ? OrderSide.Bid : OrderSide.Ask) : null);
        SelfTradePrevention? stpValue = stp switch
        {
            null or "" => null,
            "taker_at_cross" => SelfTradePrevention.TakerAtCross,
            "maker" => SelfTradePrevention.Maker,
            _ => FailWith<SelfTradePrevention>($"self_trade_prevention_type: '{Truncate(stp, MaxQuotedValue)}' is not taker_at_cross or maker"),
        };
        if (ticker is null) Fail("ticker is missing");
        if (orderId is null) Fail("order_id is missing");
        if (status is null) Fail("status is missing");
        if (side is null) Fail("book_side is missing");
        if (yesPrice is null) Fail("yes_price_dollars is missing");
        if (_error is not null) return new Body { Ticker = ticker };

        var order = new Order
        {
            Id = new OrderId(orderId!),
            ClientOrderId = string.IsNullOrEmpty(clientOrderId) ? null : new ClientOrderId(clientOrderId),
            Ticker = new MarketTicker(ticker!),
            Side = side!.Value,
            YesPrice = yesPrice!.Value,
            Status = status!.Value,
            InitialCount = initial ?? Quantity.Zero,
            FillCount = filled ?? Quantity.Zero,
            RemainingCount = remaining ?? Quantity.Zero,
            TakerFillCost = takerCost ?? Money.Zero,
            MakerFillCost = makerCost ?? Money.Zero,
            TakerFees = takerFees ?? Money.Zero,
            MakerFees = makerFees ?? Money.Zero,
            SelfTradePrevention = stpValue,
            OrderGroupId = string.IsNullOrEmpty(groupId) ? null : groupId,
            CreatedTime = created ?? createdText,
            LastUpdateTime = updated ?? updatedText,
            ExpirationTime = expires ?? expiresText,
            LastUpdateReason = string.IsNullOrEmpty(reason) ? null : reason,
            Subaccount = (int)(subaccount ?? 0),
        };
        return new Body { Ticker = ticker, Event = new OrderUpdateEvent(order) { ReceivedTime = received } };
    }

    private T? FailWith<T>(string message)
        where T : struct
    {
        Fail(message);
        return null;
    }

    private OrderStatus? ReadStatus(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("resting"u8)) return OrderStatus.Resting;
            if (reader.ValueTextEquals("canceled"u8)) return OrderStatus.Canceled;
            if (reader.ValueTextEquals("executed"u8)) return OrderStatus.Executed;
        }

        // "unknown" included: an order whose state the exchange cannot tell must be reconciled over REST.
        Fail($"status: {Quote(ref reader)} is not resting, canceled or executed");
        reader.Skip();
        return null;
    }

    private Body ParseOrderGroup(ref Utf8JsonReader reader, DateTimeOffset received)
    {
        string? groupId = null, eventType = null;
        Quantity? limit = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("order_group_id"u8)) { reader.Read(); groupId = ReadString(ref reader); }
            else if (reader.ValueTextEquals("event_type"u8)) { reader.Read(); eventType = ReadString(ref reader); }
            else if (reader.ValueTextEquals("contracts_limit_fp"u8)) { reader.Read(); limit = ReadQuantity(ref reader, "contracts_limit_fp"); }
            else { reader.Read(); reader.Skip(); }
        }

        if (groupId is null) Fail("order_group_id is missing");
        if (eventType is null) Fail("event_type is missing");
        if (_error is not null) return default;
        return new Body { Event = new OrderGroupEvent(groupId!, eventType!, limit) { ReceivedTime = received } };
    }
}
