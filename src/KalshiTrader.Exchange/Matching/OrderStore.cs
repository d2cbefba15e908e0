using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// Every order the engine has seen, indexed by its dense seq (1, 2, 3...). A live order (one that can still change) is
/// reached through a small index of <see cref="EngineOrder"/> objects; a finished one is kept as a reference-free
/// <see cref="RetiredOrder"/>. History grows in fixed-size chunks, so growing never copies it, and it holds no
/// references: the garbage collector never scans or card-marks it, however many orders the engine has seen.
/// </summary>
internal sealed class OrderStore
{
    // 512 records of ~104 bytes. History lives as long as the engine, so its chunks go straight to the pinned-object
    // heap: young collections neither copy them (twice, to gen2) nor, being reference-free, look inside them.
    private const int ChunkBits = 9;
    private const int ChunkSize = 1 << ChunkBits;

    private readonly IReadOnlyList<AccountState> _accounts;    // by AccountId.Value - 1
    private readonly IReadOnlyList<MarketState> _markets;      // by MarketState.Index
    private readonly IReadOnlyDictionary<long, OrderGroupState> _groups; // by OrderGroupState.Seq
    private readonly List<string> _reasons = [];               // reason code - 1 → text

    private RetiredOrder[][] _history = new RetiredOrder[64][];
    private EngineOrder?[]?[] _live = new EngineOrder?[64][];  // a chunk is dropped once all its orders are done
    private int[] _liveCount = new int[64];
    private string?[]?[] _clientOrderIds = new string?[64][];  // allocated only for chunks that have one
    private long _count;
    private readonly Stack<EngineOrder> _pool = new();
    private EngineOrder[] _retired = new EngineOrder[16]; // retired during the current call; slots past the count are
    private int _retiredCount;                            // left as they are (those objects live on in the pool anyway)

    public OrderStore(IReadOnlyList<AccountState> accounts, IReadOnlyList<MarketState> markets, IReadOnlyDictionary<long, OrderGroupState> groups)
    {
        _accounts = accounts;
        _markets = markets;
        _groups = groups;
    }

    public long Count => _count;

    /// <summary>A cleared live object for a new order (recycled when one is free); fill in its data, then <see cref="Add"/> it.</summary>
    public EngineOrder Rent(PositionState position)
    {
        var order = _pool.Count > 0 ? _pool.Pop() : new EngineOrder();
        order.Reset(position);
        return order;
    }

    /// <summary>Registers a new live order; its seq must be the next one.</summary>
    public void Add(EngineOrder order)
    {
        if (order.Seq != _count + 1) throw new InvalidOperationException($"order seq {order.Seq} is not the next one ({_count + 1})");
        var chunk = (int)(_count >> ChunkBits);
        if (chunk == _history.Length)
        {
            var size = chunk * 2;
            Array.Resize(ref _history, size);
            Array.Resize(ref _live, size);
            Array.Resize(ref _liveCount, size);
            Array.Resize(ref _clientOrderIds, size);
        }

        if ((_count & (ChunkSize - 1)) == 0)
        {
            _history[chunk] = GC.AllocateUninitializedArray<RetiredOrder>(ChunkSize, pinned: true);
            _live[chunk] = new EngineOrder?[ChunkSize];
        }

        _live[chunk]![_count & (ChunkSize - 1)] = order;
        _liveCount[chunk]++;
        _count++;
    }

    public bool Contains(long seq) => (ulong)(seq - 1) < (ulong)_count;

    /// <summary>The live order with this seq, or null when it is finished (or unknown).</summary>
    public EngineOrder? Live(long seq)
    {
        var i = seq - 1;
        if ((ulong)i >= (ulong)_count) return null;
        return _live[i >> ChunkBits]?[i & (ChunkSize - 1)];
    }

    /// <summary>The account that placed the order (its <see cref="AccountId"/> value). The seq must exist.</summary>
    public int AccountOf(long seq) => Live(seq) is { } live ? live.Account.Id.Value : Retired(seq).Account;

    /// <summary>The order's status. The seq must exist.</summary>
    public OrderStatus StatusOf(long seq) => Live(seq) is { } live ? live.Status : (OrderStatus)Retired(seq).Status;

    /// <summary>The order's data, live or retired. The seq must exist.</summary>
    public OrderData Data(long seq)
    {
        if (Live(seq) is { } live) return live.D;
        ref readonly var r = ref Retired(seq);
        var i = seq - 1;
        return new OrderData
        {
            Seq = seq,
            Account = _accounts[r.Account - 1],
            Market = _markets[r.Market],
            Side = (OrderSide)r.Side,
            Buys = (Outcome)r.Buys,
            PriceTicks = r.PriceTicks,
            Initial = r.Initial,
            Filled = r.Filled,
            Remaining = r.Remaining,
            TakerCost = r.TakerCost,
            MakerCost = r.MakerCost,
            TakerFees = r.TakerFees,
            MakerFees = r.MakerFees,
            TimeInForce = (TimeInForce)r.TimeInForce,
            Stp = (SelfTradePrevention)r.Stp,
            PostOnly = (r.Flags & RetiredOrder.PostOnlyFlag) != 0,
            ReduceOnly = (r.Flags & RetiredOrder.ReduceOnlyFlag) != 0,
            CancelOnPause = (r.Flags & RetiredOrder.CancelOnPauseFlag) != 0,
            ClientOrderId = _clientOrderIds[i >> ChunkBits]?[i & (ChunkSize - 1)],
            Group = r.Group == 0 ? null : _groups[r.Group],
            Status = (OrderStatus)r.Status,
            Reason = r.Reason == 0 ? null : _reasons[r.Reason - 1],
            CreatedTicks = r.CreatedTicks,
            UpdatedTicks = r.UpdatedTicks,
            ExpirationTicks = r.ExpirationTicks == 0 ? null : r.ExpirationTicks,
        };
    }

    private ref readonly RetiredOrder Retired(long seq)
    {
        var i = seq - 1;
        if ((ulong)i >= (ulong)_count) throw new ArgumentOutOfRangeException(nameof(seq), seq, "no such order");
        return ref _history[i >> ChunkBits][i & (ChunkSize - 1)];
    }

    /// <summary>
    /// The order is done (executed or cancelled and off the book): keep its data and unlink the live object. The object
    /// stays untouched until <see cref="Recycle"/>, so the engine call that retired it may still read it.
    /// </summary>
    public void Retire(EngineOrder order)
    {
        var i = order.Seq - 1;
        var chunk = (int)(i >> ChunkBits);
        var slot = (int)(i & (ChunkSize - 1));
        var live = _live[chunk];
        if (live is null || !ReferenceEquals(live[slot], order)) return;
        ref readonly var d = ref order.D;
        ref var r = ref _history[chunk][slot];
        r.Initial = d.Initial;
        r.Filled = d.Filled;
        r.Remaining = d.Remaining;
        r.TakerCost = d.TakerCost;
        r.MakerCost = d.MakerCost;
        r.TakerFees = d.TakerFees;
        r.MakerFees = d.MakerFees;
        r.CreatedTicks = d.CreatedTicks;
        r.UpdatedTicks = d.UpdatedTicks;
        r.ExpirationTicks = d.ExpirationTicks ?? 0;
        r.Account = d.Account.Id.Value;
        r.Market = d.Market.Index;
        r.Group = d.Group?.Seq ?? 0;
        r.PriceTicks = d.PriceTicks;
        r.Side = (byte)d.Side;
        r.Buys = (byte)d.Buys;
        r.TimeInForce = (byte)d.TimeInForce;
        r.Stp = (byte)d.Stp;
        r.Status = (byte)d.Status;
        r.Flags = (byte)((d.PostOnly ? RetiredOrder.PostOnlyFlag : 0) | (d.ReduceOnly ? RetiredOrder.ReduceOnlyFlag : 0)
            | (d.CancelOnPause ? RetiredOrder.CancelOnPauseFlag : 0));
        r.Reason = ReasonCode(d.Reason);
        if (d.ClientOrderId is { } cid) (_clientOrderIds[chunk] ??= new string?[ChunkSize])[slot] = cid;

        live[slot] = null;
        // A full chunk whose orders are all done needs no live index any more.
        if (--_liveCount[chunk] == 0 && (long)(chunk + 1) << ChunkBits <= _count) _live[chunk] = null;
        if (_retiredCount == _retired.Length) Array.Resize(ref _retired, _retiredCount * 2);
        _retired[_retiredCount++] = order;
    }

    /// <summary>At the end of an engine call: the objects retired during it may now serve new orders.</summary>
    public void Recycle()
    {
        for (var i = 0; i < _retiredCount; i++) _pool.Push(_retired[i]);
        _retiredCount = 0;
    }

    /// <summary>The reason's code: reasons are a handful of constant strings, found by reference first.</summary>
    private byte ReasonCode(string? reason)
    {
        if (reason is null) return 0;
        for (var i = 0; i < _reasons.Count; i++)
        {
            if (ReferenceEquals(_reasons[i], reason)) return (byte)(i + 1);
        }

        var known = _reasons.IndexOf(reason);
        if (known >= 0) return (byte)(known + 1);
        if (_reasons.Count == byte.MaxValue) throw new InvalidOperationException($"more than {byte.MaxValue} distinct order update reasons");
        _reasons.Add(reason);
        return (byte)_reasons.Count;
    }
}
