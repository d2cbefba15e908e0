namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// A finished order's <see cref="OrderData"/> without references: the account, market and order group as numbers, the
/// update reason as a code, the seq implied by the slot (the client order id lives in a side table). History chunks of
/// these hold nothing the garbage collector must scan or card-mark, however long the history grows.
/// </summary>
internal struct RetiredOrder
{
    public long Initial;
    public long Filled;
    public long Remaining;
    public long TakerCost;
    public long MakerCost;
    public long TakerFees;
    public long MakerFees;
    public long CreatedTicks;
    public long UpdatedTicks;
    public long ExpirationTicks; // 0 = none (an expiration is always in the future of the order's creation)
    public int Account;          // AccountId.Value
    public int Market;           // MarketState.Index
    public int Group;            // OrderGroupState.Seq, 0 = none
    public int PriceTicks;
    public byte Side;            // the enums as bytes: Core's enums are int-sized
    public byte Buys;
    public byte TimeInForce;
    public byte Stp;
    public byte Status;
    public byte Flags;
    public byte Reason;          // OrderStore's reason code, 0 = none

    public const byte PostOnlyFlag = 1;
    public const byte ReduceOnlyFlag = 2;
    public const byte CancelOnPauseFlag = 4;
}
