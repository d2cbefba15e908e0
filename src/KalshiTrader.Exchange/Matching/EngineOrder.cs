using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// Everything an order's queries and events need, as a value: a live order's state, and what the
/// <see cref="OrderStore"/> gives back for a finished one (kept there as a reference-free <see cref="RetiredOrder"/>).
/// Prices are in terms of the outcome the order buys (a V2 ask at YES 0.60 buys NO at 0.40), so both sides of the book
/// share one matching path. Money is in micro-dollars, counts in hundredths; the public
/// <see cref="Core.Trading.Order"/> is built from this only when someone asks.
/// </summary>
internal struct OrderData
{
    public long Seq;
    public AccountState Account;
    public MarketState Market;
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

    public readonly int YesPriceTicks => Buys == Outcome.Yes ? PriceTicks : Price.TicksPerDollar - PriceTicks;
}

/// <summary>
/// An order that can still change (resting, or being matched): its <see cref="OrderData"/> plus what only a live order
/// has (book links, reserved cash, the rounding accumulator). When it finishes its data is retired into the
/// <see cref="OrderStore"/> and this object goes back to the store's pool for the next order, so neither history nor
/// the order flow allocates one heap object per order.
/// </summary>
internal sealed class EngineOrder
{
    public OrderData D;
    public PositionState Position = null!; // the account's position in the order's market, resolved once

    public long Reserved;         // cash held for the rest of this order
    public long RoundingOverpaid; // Kalshi's per-order rounding accumulator

    // Intrusive FIFO links inside a price level: O(1) cancel with no allocation.
    public PriceLevelQueue? Level;
    public EngineOrder? Prev;
    public EngineOrder? Next;

    // Links in the account's RestingOrderList.
    public EngineOrder? AccountPrev;
    public EngineOrder? AccountNext;

    public long Seq => D.Seq;
    public AccountState Account => D.Account;
    public MarketState Market => D.Market;
    public OrderSide Side => D.Side;
    public Outcome Buys => D.Buys;
    public ref int PriceTicks => ref D.PriceTicks;
    public ref long Initial => ref D.Initial;
    public ref long Filled => ref D.Filled;
    public ref long Remaining => ref D.Remaining;
    public ref long TakerCost => ref D.TakerCost;
    public ref long MakerCost => ref D.MakerCost;
    public ref long TakerFees => ref D.TakerFees;
    public ref long MakerFees => ref D.MakerFees;
    public TimeInForce TimeInForce => D.TimeInForce;
    public SelfTradePrevention Stp => D.Stp;
    public bool PostOnly => D.PostOnly;
    public bool ReduceOnly => D.ReduceOnly;
    public bool CancelOnPause => D.CancelOnPause;
    public ref string? ClientOrderId => ref D.ClientOrderId;
    public OrderGroupState? Group => D.Group;
    public ref OrderStatus Status => ref D.Status;
    public ref string? Reason => ref D.Reason;
    public ref long UpdatedTicks => ref D.UpdatedTicks;
    public long? ExpirationTicks => D.ExpirationTicks;

    public int YesPriceTicks => D.YesPriceTicks;
    public bool IsResting => Level is not null;

    /// <summary>
    /// Makes this (new or recycled) object the live form of a new order: everything cleared, the caller then sets the
    /// order's fields in place (copying a whole <see cref="OrderData"/> in costs a bulk write barrier).
    /// </summary>
    public void Reset(PositionState position)
    {
        D = default;
        Position = position;
        Reserved = 0;
        RoundingOverpaid = 0;
        Level = null;
        Prev = null;
        Next = null;
        AccountPrev = null;
        AccountNext = null;
    }
}
