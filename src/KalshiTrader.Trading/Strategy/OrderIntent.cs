using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Trading.Strategy;

/// <summary>
/// What a strategy wants: buy <see cref="Buy"/> (YES or NO) at up to <see cref="LimitPrice"/> (that outcome's own
/// price) for <see cref="Count"/> contracts. Selling YES is buying NO (the position nets), so every order is a buy.
/// The engine assigns the client order id, runs the risk checks and converts to the V2 bid/ask in YES price.
/// </summary>
public sealed record OrderIntent
{
    public required MarketTicker Ticker { get; init; }
    public required Outcome Buy { get; init; }

    /// <summary>Limit in the bought outcome's price (a NO buy at $0.30 rests as a YES ask at $0.70).</summary>
    public required Price LimitPrice { get; init; }
    public required Quantity Count { get; init; }
    public TimeInForce TimeInForce { get; init; } = TimeInForce.GoodTillCanceled;
    public bool PostOnly { get; init; }

    /// <summary>Only reduces an existing position (an exit): allowed near close, never counted as new risk.</summary>
    public bool ReduceOnly { get; init; }
    public DateTimeOffset? Expiration { get; init; }
    public string? OrderGroupId { get; init; }

    /// <summary>
    /// Legs of one trade share a set id (e.g. an opportunity id): the open-position-sets limit counts sets, and
    /// the risk-per-trade limit sums <see cref="WorstCaseLoss"/> over the set.
    /// </summary>
    public string? PositionSetId { get; init; }

    /// <summary>
    /// The most this order (or its whole set, on the set's first leg) can lose, when the strategy knows better than
    /// the default (price × count + conservative fee). A hedged set passes its true worst case here.
    /// </summary>
    public Money? WorstCaseLoss { get; init; }

    /// <summary>Free text for the journal and logs (leg name, reason).</summary>
    public string? Tag { get; init; }

    /// <summary>V2 side: a YES buy is a bid, a NO buy an ask.</summary>
    public OrderSide Side => Buy.ToBuy();

    /// <summary>The limit in YES terms, as sent to the exchange.</summary>
    public Price YesPrice => Buy == Outcome.Yes ? LimitPrice : LimitPrice.Complement;

    /// <summary>Cash an order of this size commits at its limit (before fees).</summary>
    public Money Notional => LimitPrice.Times(Count);

    public static OrderIntent BuyYes(MarketTicker ticker, Price price, Quantity count, TimeInForce tif = TimeInForce.GoodTillCanceled) =>
        new() { Ticker = ticker, Buy = Outcome.Yes, LimitPrice = price, Count = count, TimeInForce = tif };

    public static OrderIntent BuyNo(MarketTicker ticker, Price price, Quantity count, TimeInForce tif = TimeInForce.GoodTillCanceled) =>
        new() { Ticker = ticker, Buy = Outcome.No, LimitPrice = price, Count = count, TimeInForce = tif };
}
