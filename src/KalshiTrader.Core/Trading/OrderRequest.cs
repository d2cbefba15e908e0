using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Trading;

/// <summary>
/// A V2 order as we ask the exchange for it: <see cref="Side"/> bid/ask in YES price. Buying NO at q is
/// an ask at 1 − q; use <see cref="Buy"/> to build one from an outcome.
/// </summary>
public sealed record OrderRequest
{
    public required MarketTicker Ticker { get; init; }
    public required OrderSide Side { get; init; }

    /// <summary>Limit price in YES terms.</summary>
    public required Price YesPrice { get; init; }
    public required Quantity Count { get; init; }
    public TimeInForce TimeInForce { get; init; } = TimeInForce.GoodTillCanceled;
    public SelfTradePrevention SelfTradePrevention { get; init; } = SelfTradePrevention.TakerAtCross;
    public ClientOrderId? ClientOrderId { get; init; }
    public bool PostOnly { get; init; }
    public bool ReduceOnly { get; init; }
    public bool CancelOrderOnPause { get; init; }

    /// <summary>Only with good-till-canceled (which makes it good-till-time).</summary>
    public DateTimeOffset? Expiration { get; init; }
    public string? OrderGroupId { get; init; }
    public int? Subaccount { get; init; }

    /// <summary>The outcome this order buys.</summary>
    public Outcome Buys => Side.Buys();

    /// <summary>The price paid per contract of the outcome bought (YES price for a bid, 1 − YES price for an ask).</summary>
    public Price OutcomePrice => Side == OrderSide.Bid ? YesPrice : YesPrice.Complement;

    /// <summary>Builds the order that buys <paramref name="outcome"/> at <paramref name="outcomePrice"/> (that outcome's own price).</summary>
    public static OrderRequest Buy(MarketTicker ticker, Outcome outcome, Price outcomePrice, Quantity count,
        TimeInForce tif = TimeInForce.GoodTillCanceled, ClientOrderId? clientOrderId = null) => new()
    {
        Ticker = ticker,
        Side = outcome.ToBuy(),
        YesPrice = outcome == Outcome.Yes ? outcomePrice : outcomePrice.Complement,
        Count = count,
        TimeInForce = tif,
        ClientOrderId = clientOrderId,
    };

    /// <summary>Structural checks that need no market data; the venue and the risk manager check the rest.</summary>
    public string? Validate()
    {
        if (!Count.IsPositive) return $"count must be positive, was {Count}";
        if (YesPrice.Ticks is <= 0 or >= Price.TicksPerDollar) return $"price must lie strictly between $0 and $1, was {YesPrice}";
        if (Expiration is not null && TimeInForce != TimeInForce.GoodTillCanceled) return "expiration is only allowed with good_till_canceled";
        if (string.IsNullOrWhiteSpace(Ticker.Value)) return "ticker is required";
        return null;
    }
}
