namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// Every order the engine has seen, indexed by its dense seq (1, 2, 3...). A slot points at the live
/// <see cref="EngineOrder"/> while the order can change and holds its final <see cref="OrderData"/> once it is done.
/// Slots live in fixed-size chunks, so growing never copies history and finished orders add no heap objects.
/// </summary>
internal sealed class OrderStore
{
    // 256 slots of ~200 bytes (under the large-object threshold). Chunks are history that lives as long as the engine,
    // so they go straight to the pinned-object heap: young collections neither copy them (twice, to gen2) nor scan
    // them, which halved the garbage collector's pauses in the matching benchmark.
    private const int ChunkBits = 8;
    private const int ChunkSize = 1 << ChunkBits;

    private struct Slot
    {
        public EngineOrder? Live;
        public OrderData Retired;
    }

    private Slot[][] _chunks = new Slot[256][];
    private long _count;
    private readonly Stack<EngineOrder> _pool = new();
    private readonly List<EngineOrder> _retired = [];

    public long Count => _count;

    /// <summary>A live object for a new order (recycled when one is free); register it with <see cref="Add"/>.</summary>
    public EngineOrder Rent(in OrderData data, PositionState position)
    {
        var order = _pool.Count > 0 ? _pool.Pop() : new EngineOrder();
        order.Reset(data, position);
        return order;
    }

    /// <summary>Registers a new live order; its seq must be the next one.</summary>
    public void Add(EngineOrder order)
    {
        if (order.Seq != _count + 1) throw new InvalidOperationException($"order seq {order.Seq} is not the next one ({_count + 1})");
        var chunk = (int)(_count >> ChunkBits);
        if (chunk == _chunks.Length) Array.Resize(ref _chunks, _chunks.Length * 2);
        _chunks[chunk] ??= GC.AllocateArray<Slot>(ChunkSize, pinned: true);
        _chunks[chunk][_count & (ChunkSize - 1)].Live = order;
        _count++;
    }

    public bool Contains(long seq) => (ulong)(seq - 1) < (ulong)_count;

    /// <summary>The live order with this seq, or null when it is finished (or unknown).</summary>
    public EngineOrder? Live(long seq) => Contains(seq) ? SlotOf(seq).Live : null;

    /// <summary>The order's data, live or retired. The seq must exist.</summary>
    public ref readonly OrderData Data(long seq)
    {
        ref var slot = ref SlotOf(seq);
        if (slot.Live is { } live) return ref live.D;
        return ref slot.Retired;
    }

    /// <summary>
    /// The order is done (executed or cancelled and off the book): keep its data and unlink the live object. The object
    /// stays untouched until <see cref="Recycle"/>, so the engine call that retired it may still read it.
    /// </summary>
    public void Retire(EngineOrder order)
    {
        ref var slot = ref SlotOf(order.Seq);
        if (!ReferenceEquals(slot.Live, order)) return;
        slot.Retired = order.D;
        slot.Live = null;
        _retired.Add(order);
    }

    /// <summary>At the end of an engine call: the objects retired during it may now serve new orders.</summary>
    public void Recycle()
    {
        foreach (var o in _retired) _pool.Push(o);
        _retired.Clear();
    }

    private ref Slot SlotOf(long seq)
    {
        var i = seq - 1;
        if ((ulong)i >= (ulong)_count) throw new ArgumentOutOfRangeException(nameof(seq), seq, "no such order");
        return ref _chunks[i >> ChunkBits][i & (ChunkSize - 1)];
    }
}
