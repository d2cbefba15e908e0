using KalshiTrader.Core.Books;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Relationships;

namespace KalshiTrader.Strategies.Mispricing.Detection;

/// <summary>
/// Checks relationships against live books on executable prices (YES bid of what we sell, ask of what we buy),
/// walks depth and charges conservative fees per constraints.md. Incremental: each market keeps the list of
/// relationships touching it, so a book change re-checks only those; <see cref="ScanAll"/> checks everything.
/// <para>
/// The hot path (<see cref="OnBookChanged(MarketSlot, List{Opportunity})"/>) reads one flat record per relationship
/// that holds a copy of every member's top of book, so a re-check touches the changed book, one index row and one
/// record per relationship, and allocates nothing. Only when executable prices cross does it re-read the real books
/// (a stale copy can delay a detection, never invent one) and walk depth. A crossing whose walk reads exactly what
/// the last report read, and whose last report cleared no threshold, is not reported again by the incremental path:
/// an unchanged sub-threshold crossing is news once. Validated opportunities are reported on every re-check, and a
/// full scan reports everything. Single-threaded, like the books it reads.
/// </para>
/// </summary>
public sealed partial class MispricingDetector
{
    private const int OneDollar = Price.TicksPerDollar;
    private const int NoAsk = int.MaxValue / 4;
    private const int NoBid = -1;
    private const int InvalidBid = -2; // an invalid book: no bid, no ask, and a set containing it has no sums

    // Record layout in _records (one per live relationship, contiguous): header, then (bid, ask) per member.
    private const int RecRelationship = 0;
    private const int RecKind = 1;
    private const int RecSlack = 2;
    private const int RecCount = 3;
    private const int RecCells = 4;
    private const int KindMask = 0xFF;
    private const int ReportBuyYesFlag = 1 << 8;
    private const int SuppressUnchangedFlag = 1 << 9;

    private readonly OrderBookSet _books;
    private readonly Func<MarketTicker, FeeSchedule> _feesFor;
    private readonly DetectionOptions _options;
    private readonly TimeProvider _time;
    private readonly FeeTables _feeTables = new();
    private readonly Dictionary<string, int> _slotOf = new(StringComparer.Ordinal);
    private SlotEntry[] _slots = new SlotEntry[1024];
    private int _slotCount;
    private readonly Dictionary<string, Compiled> _relationships = new(StringComparer.Ordinal);

    // The flat index the hot paths read, rebuilt after relationships change (rare); laid out in
    // MispricingDetector.Index.cs so that a re-check touches as few cache lines as possible.
    private bool _dirty = true;
    private Compiled[] _flat = [];

    public MispricingDetector(
        OrderBookSet books, DetectionOptions options, TimeProvider time, Func<MarketTicker, FeeSchedule>? feesFor = null)
    {
        _books = books;
        _options = options;
        _time = time;
        _feesFor = feesFor ?? (_ => FeeSchedule.Standard);
    }

    public DetectionOptions Options => _options;

    public int RelationshipCount => _relationships.Count;

    public IEnumerable<Relationship> Relationships => _relationships.Values.Select(c => c.Def);

    public bool Contains(string relationshipId) => _relationships.ContainsKey(relationshipId);

    /// <summary>Adds or replaces (by id) a relationship; rejected and retired ones are removed instead.</summary>
    public void Upsert(Relationship relationship)
    {
        Remove(relationship.Id);
        if (!relationship.IsLive) return;
        var slots = new int[relationship.Markets.Count];
        for (var i = 0; i < slots.Length; i++) slots[i] = SlotOf(relationship.Markets[i]);
        _relationships[relationship.Id] = new Compiled(relationship, slots);
        _dirty = true;
    }

    /// <summary>
    /// Swaps in a newer version of a watched relationship whose claim is unchanged (same kind, members in order,
    /// exhaustiveness, slack, source and approval: re-validation refreshed its evidence and time) without rebuilding the
    /// index. False when it is not watched or its claim changed: use <see cref="Upsert"/>.
    /// </summary>
    public bool Refresh(Relationship relationship)
    {
        if (!_relationships.TryGetValue(relationship.Id, out var c)) return false;
        var old = c.Def;
        if (old.Kind != relationship.Kind || old.Exhaustive != relationship.Exhaustive || old.Slack != relationship.Slack
            || old.Source != relationship.Source || old.Approval != relationship.Approval || !old.Markets.SequenceEqual(relationship.Markets))
        {
            return false;
        }

        c.Def = relationship;
        return true;
    }

    public void UpsertRange(IEnumerable<Relationship> relationships)
    {
        foreach (var r in relationships) Upsert(r);
    }

    public bool Remove(string relationshipId)
    {
        if (!_relationships.Remove(relationshipId)) return false;
        _dirty = true;
        return true;
    }

    /// <summary>The dense slot of a member market (any market of a relationship ever added), for the slot overload of <see cref="OnBookChanged(MarketSlot, List{Opportunity})"/>.</summary>
    public bool TryGetSlot(MarketTicker ticker, out MarketSlot slot)
    {
        if (!_slotOf.TryGetValue(ticker.Value, out var index))
        {
            slot = default;
            return false;
        }

        slot = new MarketSlot(index, _slots[index].Book);
        return true;
    }

    /// <summary>Sets a market's fee terms (series schedule with event overrides applied).</summary>
    public void SetFees(MarketTicker ticker, FeeSchedule fees)
    {
        ref var slot = ref _slots[SlotOf(ticker)];
        slot.Fees = fees;
        slot.FeeTable = _feeTables.For(fees);
        if (_dirty) return;
        // What was reported under the old fees is no longer what the walk would say.
        var pairs = PairsOf(SlotOf(ticker));
        for (var k = 0; k < pairs.Length; k += 2) _records[pairs[k] + RecKind] &= ~SuppressUnchangedFlag;
    }

    /// <summary>Re-reads every member's top of book, for books changed without <see cref="OnBookChanged(MarketTicker, List{Opportunity})"/> (a bulk load).</summary>
    public void RefreshAll()
    {
        EnsureIndex();
        for (var s = 0; s < _slotCount; s++) Refresh(s);
    }

    /// <summary>
    /// Re-checks every live relationship on the maintained tops of book (call <see cref="RefreshAll"/> first if books
    /// changed unannounced) and reports every crossing. Returns how many opportunities were added to <paramref name="sink"/>.
    /// </summary>
    public int ScanAll(List<Opportunity> sink)
    {
        EnsureIndex();
        var before = sink.Count;
        foreach (var o in _recordAt) Check(o, sink, incremental: false);
        return sink.Count - before;
    }

    /// <summary>Re-checks only the relationships touching <paramref name="ticker"/> (one dictionary probe, then the slot path).</summary>
    public int OnBookChanged(MarketTicker ticker, List<Opportunity> sink) =>
        TryGetSlot(ticker, out var slot) ? OnBookChanged(slot, sink) : 0;

    /// <summary>
    /// Re-checks only the relationships touching the market in <paramref name="slot"/> (a slot this detector's
    /// <see cref="TryGetSlot"/> gave); returns how many opportunities were added.
    /// </summary>
    public int OnBookChanged(MarketSlot slot, List<Opportunity> sink)
    {
        if (slot.Book is null) throw new ArgumentException("an empty MarketSlot: get one from TryGetSlot", nameof(slot));
        EnsureIndex();
        var (bid, ask) = TopOf(slot.Book);
        var pairs = PairsOf(slot.Index);
        var records = _records;
        // Two passes: first write the new top into every record holding this market, so the records' cache misses
        // are all in flight at once; then check each record, by now (or soon) in cache.
        for (var k = 0; k < pairs.Length; k += 2)
        {
            var cell = pairs[k + 1];
            records[cell] = bid;
            records[cell + 1] = ask;
        }

        var before = sink.Count;
        for (var k = 0; k < pairs.Length; k += 2)
        {
            var o = pairs[k];
            // A market listed twice in one relationship has two cells: check once, after the last.
            if (k + 2 < pairs.Length && pairs[k + 2] == o) continue;
            Check(o, sink, incremental: true);
        }

        return sink.Count - before;
    }

    /// <summary>Σ YES bid and Σ YES ask of every exclusive set, whether or not anything trades.</summary>
    public IReadOnlyList<ExclusiveSetSums> SetSums()
    {
        var list = new List<ExclusiveSetSums>();
        foreach (var c in _relationships.Values)
        {
            if (c.Def.Kind != RelationshipKind.ExclusiveSet) continue;
            long bids = 0, asks = 0;
            int missingBids = 0, missingAsks = 0;
            var valid = true;
            foreach (var s in c.Slots)
            {
                var book = _slots[s].Book;
                valid &= book.IsValid;
                if (book.BestYesBid is { } b) bids += b.Price.Ticks;
                else missingBids++;
                if (book.YesAsk is { } a) asks += a.Price.Ticks;
                else
                {
                    missingAsks++;
                    asks += OneDollar;
                }
            }

            list.Add(new ExclusiveSetSums(c.Def.Id, c.Def.Events, true, c.Def.Exhaustive,
                Money.FromMicros(bids * 100), Money.FromMicros(asks * 100), c.Slots.Length, missingBids, missingAsks, valid));
        }

        return list;
    }

    private int SlotOf(MarketTicker ticker)
    {
        if (_slotOf.TryGetValue(ticker.Value, out var slot)) return slot;
        slot = _slotCount++;
        _slotOf[ticker.Value] = slot;
        if (slot == _slots.Length) Array.Resize(ref _slots, slot * 2);
        var fees = _feesFor(ticker);
        _slots[slot] = new SlotEntry { Book = _books.GetOrAdd(ticker), Fees = fees, FeeTable = _feeTables.For(fees) };
        _dirty = true;
        return slot;
    }

    // Copies one market's real top of book into every record holding it.
    private void Refresh(int slot)
    {
        var (bid, ask) = TopOf(_slots[slot].Book);
        var pairs = PairsOf(slot);
        for (var k = 0; k < pairs.Length; k += 2)
        {
            _records[pairs[k + 1]] = bid;
            _records[pairs[k + 1] + 1] = ask;
        }
    }

    private static (int Bid, int Ask) TopOf(OrderBook book)
    {
        // The book's own cached tops (one object, usually in cache right after the change), not its ladders.
        if (!book.IsValid) return (InvalidBid, NoAsk);
        var noBid = book.BestNoBidTicks;
        var yesBid = book.BestYesBidTicks;
        return (yesBid < 0 ? NoBid : yesBid, noBid < 0 ? NoAsk : OneDollar - noBid);
    }

    private struct SlotEntry
    {
        public OrderBook Book;
        public FeeSchedule Fees;
        public decimal[] FeeTable;
    }

    private sealed class Compiled(Relationship def, int[] slots)
    {
        public Relationship Def { get; set; } = def;
        public int[] Slots { get; } = slots;
        public string Type { get; } = RelationshipWire.ToWire(def.Kind);

        /// <summary>Fingerprint of what the last report read (see the class remarks).</summary>
        public ulong LastPrint { get; set; }
    }
}
