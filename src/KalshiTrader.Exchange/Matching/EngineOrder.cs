using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// The engine's mutable order. Prices are kept in the terms of the outcome the order buys (a V2 ask at YES 0.60
/// buys NO at 0.40), so both sides of the book share one matching path. Money is in micro-dollars, counts in
/// hundredths; the public <see cref="Core.Trading.Order"/> is built from this only when someone asks.
/// </summary>
internal sealed class EngineOrder
{
    public long Seq;
    public string Id = "";
    public AccountState Account = null!;
    public MarketState Market = null!;
    public OrderSide Side;
    public Outcome Buys;
    public int PriceTicks;      // in the bought outcome's price
    public long Initial;
    public long Filled;
    public long Remaining;
    public long TakerCost;
    public long MakerCost;
    public long TakerFees;
    public long MakerFees;
    public long Reserved;       // cash held for the rest of this order
    public long RoundingOverpaid; // Kalshi's per-order rounding accumulator
    public TimeInForce TimeInForce;
    public SelfTradePrevention Stp;
    public bool PostOnly;
    public bool ReduceOnly;
    public bool CancelOnPause;
    public string? ClientOrderId;
    public OrderGroupState? Group;
    public OrderStatus Status;
    public string? Reason;
    public long CreatedTicks;
    public long UpdatedTicks;
    public long? ExpirationTicks;

    // Intrusive FIFO links inside a price level: O(1) cancel with no allocation.
    public PriceLevelQueue? Level;
    public EngineOrder? Prev;
    public EngineOrder? Next;

    public int YesPriceTicks => Buys == Outcome.Yes ? PriceTicks : Price.TicksPerDollar - PriceTicks;
    public bool IsResting => Level is not null;
}
