using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Trading;

/// <summary>One of our orders trading. <see cref="YesPrice"/> is the trade's YES price; the NO price is its complement.</summary>
public sealed record Fill
{
    public required TradeId TradeId { get; init; }
    public required OrderId OrderId { get; init; }
    public ClientOrderId? ClientOrderId { get; init; }
    public required MarketTicker Ticker { get; init; }
    public required OrderSide Side { get; init; }
    public required Price YesPrice { get; init; }
    public required Quantity Count { get; init; }
    public bool IsTaker { get; init; }
    public Money Fee { get; init; }

    /// <summary>Signed position after this fill, when the exchange reports it (+ YES, − NO).</summary>
    public Quantity? PostPosition { get; init; }
    public DateTimeOffset Time { get; init; }
    public int Subaccount { get; init; }

    public Outcome Bought => Side.Buys();

    /// <summary>Price per contract of the outcome bought.</summary>
    public Price OutcomePrice => Side == OrderSide.Bid ? YesPrice : YesPrice.Complement;

    /// <summary>Signed change in position: + for YES bought, − for NO bought.</summary>
    public Quantity SignedCount => Side == OrderSide.Bid ? Count : -Count;
}
