namespace KalshiTrader.Core.Primitives;

/// <summary>Which outcome a contract pays on.</summary>
public enum Outcome
{
    Yes,
    No,
}

/// <summary>
/// V2 order side, always in YES price: <see cref="Bid"/> buys YES (≡ sells NO),
/// <see cref="Ask"/> sells YES (≡ buys NO at 1 − price).
/// </summary>
public enum OrderSide
{
    Bid,
    Ask,
}

public enum TimeInForce
{
    GoodTillCanceled,
    ImmediateOrCancel,
    FillOrKill,
}

public enum SelfTradePrevention
{
    /// <summary>Cancel the incoming order's remainder when it would meet our own resting order.</summary>
    TakerAtCross,

    /// <summary>Cancel our resting order and keep matching.</summary>
    Maker,
}

public enum OrderStatus
{
    Resting,
    Canceled,
    Executed,
}

public static class OrderSideExtensions
{
    /// <summary>The outcome an order of this side buys: a bid buys YES, an ask buys NO.</summary>
    public static Outcome Buys(this OrderSide side) => side == OrderSide.Bid ? Outcome.Yes : Outcome.No;

    /// <summary>The V2 side that buys <paramref name="outcome"/>.</summary>
    public static OrderSide ToBuy(this Outcome outcome) => outcome == Outcome.Yes ? OrderSide.Bid : OrderSide.Ask;

    public static Outcome Opposite(this Outcome outcome) => outcome == Outcome.Yes ? Outcome.No : Outcome.Yes;
}
