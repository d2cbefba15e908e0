using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Kalshi.Parsing;

namespace KalshiTrader.Exchange.Server.Legacy;

/// <summary>
/// v1 order fields to the V2 request the engine takes. The v1 pair (side yes|no, action buy|sell) names what is bought:
/// buy yes / sell no buy YES (a V2 bid), buy no / sell yes buy NO (a V2 ask). The price may be given as the YES or the
/// NO price; the V2 request carries the YES price, so a NO price p becomes 1 − p. Every failure is a
/// <see cref="FormatException"/> whose message names the field.
/// <para>
/// Choices where Kalshi's behaviour is not documented ([?]): <c>sell_position_floor</c> accepts only 0 and makes a sell
/// reduce-only (it may not take the position past zero); <c>buy_max_cost</c> (cents) forces fill-or-kill and caps the
/// count at what the limit price can pay for within it, so the order can never cost more (fees aside); without
/// <c>time_in_force</c> an order is good-till-canceled; <c>type</c> may only be <c>limit</c>.
/// </para>
/// </summary>
internal static class LegacyOrderMapping
{
    private const string Context = "v1 order";

    public static OrderRequest ToRequest(V1CreateOrderRequest w)
    {
        if (string.IsNullOrWhiteSpace(w.Ticker)) throw new FormatException("ticker is required");
        if (w.Type is not (null or "limit")) throw new FormatException($"type: '{w.Type}' is not supported; orders are limit orders (use time_in_force immediate_or_cancel or fill_or_kill to take liquidity)");
        var (side, buys, selling) = Direction(w.Side, w.Action);
        var yesPrice = YesPrice(w.YesPrice, w.NoPrice, w.YesPriceDollars, w.NoPriceDollars);
        var count = Count(w.Count, w.CountFp, "count", "count_fp");

        var tif = string.IsNullOrEmpty(w.TimeInForce) ? TimeInForce.GoodTillCanceled : WireMapper.ParseTimeInForce(w.TimeInForce, Context);
        if (w.BuyMaxCost is { } maxCost)
        {
            if (selling) throw new FormatException("buy_max_cost: only a buy may carry a maximum cost");
            if (!string.IsNullOrEmpty(w.TimeInForce) && tif != TimeInForce.FillOrKill)
            {
                throw new FormatException($"buy_max_cost: makes the order fill_or_kill, but time_in_force is {w.TimeInForce}");
            }

            if (maxCost <= 0) throw new FormatException($"buy_max_cost: must be a positive number of cents, was {maxCost}");
            tif = TimeInForce.FillOrKill;
            var paid = buys == Outcome.Yes ? yesPrice : yesPrice.Complement;

            // Whole hundredths of a contract the limit price can pay for: maxCost ¢ = maxCost × 100 ticks.
            var affordable = (long)((Int128)maxCost * 100 * Quantity.HundredthsPerContract / paid.Ticks);
            if (affordable == 0) throw new FormatException($"buy_max_cost: {maxCost}¢ does not pay for 0.01 contract at {paid.ToDollarString()}");
            var whole = affordable / Quantity.HundredthsPerContract * Quantity.HundredthsPerContract; // whole contracts suit every market
            count = Quantity.Min(count, Quantity.FromHundredths(whole > 0 ? whole : affordable));
        }

        var reduceOnly = w.ReduceOnly ?? false;
        if (w.SellPositionFloor is { } floor)
        {
            if (floor != 0) throw new FormatException($"sell_position_floor: only 0 is supported, was {floor}");
            if (selling) reduceOnly = true;
        }

        DateTimeOffset? expiration = null;
        if (w.ExpirationTs is { } ts)
        {
            if (tif != TimeInForce.GoodTillCanceled) throw new FormatException("expiration_ts: only allowed with time_in_force good_till_canceled");
            expiration = DateTimeOffset.FromUnixTimeSeconds(ts);
        }

        return new OrderRequest
        {
            Ticker = new MarketTicker(w.Ticker),
            Side = side,
            YesPrice = yesPrice,
            Count = count,
            TimeInForce = tif,
            SelfTradePrevention = string.IsNullOrEmpty(w.SelfTradePreventionType)
                ? SelfTradePrevention.TakerAtCross
                : WireMapper.ParseSelfTradePrevention(w.SelfTradePreventionType, Context),
            ClientOrderId = string.IsNullOrEmpty(w.ClientOrderId) ? null : new ClientOrderId(w.ClientOrderId),
            PostOnly = w.PostOnly ?? false,
            ReduceOnly = reduceOnly,
            CancelOrderOnPause = w.CancelOrderOnPause ?? false,
            Expiration = expiration,
            OrderGroupId = string.IsNullOrEmpty(w.OrderGroupId) ? null : w.OrderGroupId,
            Subaccount = w.Subaccount,
        };
    }

    /// <summary>The V2 side and the outcome bought for a v1 (side, action) pair; <c>Selling</c> when action is sell.</summary>
    public static (OrderSide Side, Outcome Buys, bool Selling) Direction(string? side, string? action)
    {
        var outcome = side switch
        {
            "yes" => Outcome.Yes,
            "no" => Outcome.No,
            _ => throw new FormatException($"side: '{side}' is not yes or no (v1 orders name the outcome; bid/ask is the V2 endpoint's)"),
        };
        var selling = action switch
        {
            "buy" => false,
            "sell" => true,
            _ => throw new FormatException($"action: '{action}' is not buy or sell"),
        };
        var buys = selling ? outcome.Opposite() : outcome;
        return (buys == Outcome.Yes ? OrderSide.Bid : OrderSide.Ask, buys, selling);
    }

    /// <summary>Exactly one price field; integer cents must lie in 1–99. Returned in YES terms.</summary>
    public static Price YesPrice(long? yesCents, long? noCents, string? yesDollars, string? noDollars)
    {
        var given = (yesCents is null ? 0 : 1) + (noCents is null ? 0 : 1) + (yesDollars is null ? 0 : 1) + (noDollars is null ? 0 : 1);
        if (given != 1) throw new FormatException("send exactly one of yes_price, no_price (integer cents), yes_price_dollars or no_price_dollars");
        if (yesCents is { } y) return Cents(y, "yes_price");
        if (noCents is { } n) return Cents(n, "no_price").Complement;
        if (yesDollars is not null) return Price.Parse(yesDollars, "yes_price_dollars");
        return Price.Parse(noDollars, "no_price_dollars").Complement;
    }

    /// <summary>A count given as whole contracts or as an <c>_fp</c> string (both: they must agree).</summary>
    public static Quantity Count(long? whole, string? fp, string wholeField, string fpField)
    {
        if (whole is null && fp is null) throw new FormatException($"{wholeField} (whole contracts) or {fpField} is required");
        Quantity? fromWhole = null;
        if (whole is { } c)
        {
            if (c <= 0 || c > 1_000_000_000) throw new FormatException($"{wholeField}: must be a positive number of contracts, was {c}");
            fromWhole = Quantity.FromContracts(c);
        }

        var fromFp = fp is null ? (Quantity?)null : Quantity.Parse(fp, fpField);
        if (fromWhole is { } a && fromFp is { } b && a != b) throw new FormatException($"{wholeField} {whole} and {fpField} {fp} disagree");
        return fromWhole ?? fromFp!.Value;
    }

    private static Price Cents(long cents, string field)
    {
        if (cents is < 1 or > 99) throw new FormatException($"{field}: must be an integer number of cents from 1 to 99, was {cents}");
        return Price.FromCents((int)cents);
    }
}
