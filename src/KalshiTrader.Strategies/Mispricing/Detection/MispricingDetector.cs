using KalshiTrader.Core.Books;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Relationships;

namespace KalshiTrader.Strategies.Mispricing.Detection;

/// <summary>
/// Checks relationships against live books on executable prices (YES bid of what we sell, ask of what we buy),
/// walks depth and charges conservative fees per constraints.md. Incremental: each market keeps the list of
/// relationships touching it, so a book change re-checks only those; <see cref="ScanAll"/> checks everything.
/// The fast path reads a dense copy of each member's top of book (kept current by <see cref="OnBookChanged"/>,
/// rebuilt by <see cref="RefreshAll"/>) and allocates nothing; only when executable prices cross does it walk
/// the real books, which re-verifies the cross, so a stale copy can only delay a detection, never invent one.
/// Single-threaded, like the books it reads.
/// </summary>
public sealed class MispricingDetector
{
    private const int OneDollar = Price.TicksPerDollar;
    private const int NoAsk = int.MaxValue / 4;

    private readonly OrderBookSet _books;
    private readonly Func<MarketTicker, FeeSchedule> _feesFor;
    private readonly DetectionOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, int> _slotOf = new(StringComparer.Ordinal);
    private readonly List<OrderBook> _slotBooks = [];
    private readonly List<FeeSchedule> _slotFees = [];
    private Top[] _tops = new Top[1024];
    private readonly Dictionary<string, Compiled> _relationships = new(StringComparer.Ordinal);

    // The flat index the hot paths read, rebuilt after relationships change (rare): relationship headers in one
    // array, their member slots in one pool, and per market the headers touching it (CSR layout). Few pointer
    // hops and contiguous memory matter more here than anything else: a check is a handful of integer compares.
    private bool _dirty = true;
    private Compiled[] _flat = [];
    private Header[] _headers = [];
    private int[] _members = [];
    private int[] _touchStart = [0];
    private int[] _touchRel = [];

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

    /// <summary>Adds or replaces (by id) a relationship; rejected and retired ones are removed instead.</summary>
    public void Upsert(Relationship relationship)
    {
        Remove(relationship.Id);
        if (!relationship.IsLive) return;
        var slots = relationship.Markets.Select(SlotOf).ToArray();
        _relationships[relationship.Id] = new Compiled(relationship, slots);
        _dirty = true;
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

    /// <summary>Sets a market's fee terms (series schedule with event overrides applied).</summary>
    public void SetFees(MarketTicker ticker, FeeSchedule fees) => _slotFees[SlotOf(ticker)] = fees;

    /// <summary>Re-reads every member's top of book, for books changed without <see cref="OnBookChanged"/> (a bulk load).</summary>
    public void RefreshAll()
    {
        for (var s = 0; s < _slotBooks.Count; s++) _tops[s] = Top.Of(_slotBooks[s]);
    }

    /// <summary>
    /// Re-checks every live relationship on the maintained tops of book (call <see cref="RefreshAll"/> first if books
    /// changed unannounced). Returns how many opportunities were added to <paramref name="sink"/>.
    /// </summary>
    public int ScanAll(List<Opportunity> sink)
    {
        EnsureIndex();
        var before = sink.Count;
        for (var r = 0; r < _headers.Length; r++) Check(r, sink);
        return sink.Count - before;
    }

    /// <summary>Re-checks only the relationships touching <paramref name="ticker"/>.</summary>
    public int OnBookChanged(MarketTicker ticker, List<Opportunity> sink)
    {
        if (!_slotOf.TryGetValue(ticker.Value, out var slot)) return 0;
        EnsureIndex();
        _tops[slot] = Top.Of(_slotBooks[slot]);
        var before = sink.Count;
        if (slot + 1 >= _touchStart.Length) return 0;
        for (int i = _touchStart[slot], end = _touchStart[slot + 1]; i < end; i++) Check(_touchRel[i], sink);
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
                var book = _slotBooks[s];
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
        slot = _slotBooks.Count;
        _slotOf[ticker.Value] = slot;
        var book = _books.GetOrAdd(ticker);
        _slotBooks.Add(book);
        if (slot == _tops.Length) Array.Resize(ref _tops, _tops.Length * 2);
        _tops[slot] = Top.Of(book);
        _slotFees.Add(_feesFor(ticker));
        return slot;
    }

    private void EnsureIndex()
    {
        if (!_dirty) return;
        _flat = _relationships.Values.ToArray();
        _headers = new Header[_flat.Length];
        _members = new int[_flat.Sum(c => c.Slots.Length)];
        var counts = new int[_slotBooks.Count + 1];
        var at = 0;
        for (var r = 0; r < _flat.Length; r++)
        {
            var def = _flat[r].Def;
            var slots = _flat[r].Slots;
            _headers[r] = new Header(def.Kind, at, slots.Length, Slack(def), def.Exhaustive || _options.ReportBets);
            slots.CopyTo(_members, at);
            at += slots.Length;
            foreach (var s in slots.Distinct()) counts[s + 1]++;
        }

        for (var s = 1; s < counts.Length; s++) counts[s] += counts[s - 1];
        _touchStart = (int[])counts.Clone();
        _touchRel = new int[counts[^1]];
        for (var r = 0; r < _flat.Length; r++)
        {
            foreach (var s in _flat[r].Slots.Distinct()) _touchRel[counts[s]++] = r;
        }

        _dirty = false;
    }

    private void Check(int r, List<Opportunity> sink)
    {
        ref readonly var h = ref _headers[r];
        if (!Crosses(h)) return;
        // Re-read the members' real books before doing any work: the copy may lag a book changed unannounced.
        for (var i = 0; i < h.Count; i++)
        {
            var s = _members[h.Start + i];
            _tops[s] = Top.Of(_slotBooks[s]);
        }

        if (!Crosses(h)) return;
        var c = _flat[r];
        switch (h.Kind)
        {
            case RelationshipKind.ExclusiveSet:
                EvaluateExclusive(c, h, sink);
                break;
            case RelationshipKind.BucketLadder:
                EvaluateBucketLadder(c, h, sink);
                break;
            default:
                EvaluateChain(c, h, sink);
                break;
        }
    }

    private bool Crosses(in Header h) => h.Kind switch
    {
        RelationshipKind.ExclusiveSet => ExclusiveCrosses(h, out _, out _),
        RelationshipKind.BucketLadder => BucketRich(h) || BucketCheap(h),
        _ => ChainCrosses(h),
    };

    private static int BidTicks(OrderBook book) => book.BestYesBid is { } b ? b.Price.Ticks : -1;

    private static int AskTicks(OrderBook book) => book.BestNoBid is { } nb ? OneDollar - nb.Price.Ticks : NoAsk;

    private static int Slack(Relationship def) => def.Kind == RelationshipKind.SoftImplication ? def.Slack.Ticks : 0;

    // Chain: YES(member j) ⇒ YES(member i) for i < j. A pair trades when bid(j) > ask(i): buy YES i, buy NO j.
    // One pass keeps the cheapest ask seen so far, so the whole ladder is checked, not only neighbours.
    private bool ChainCrosses(in Header h)
    {
        var minAsk = NoAsk;
        var tops = _tops;
        var members = _members;
        for (var j = 0; j < h.Count; j++)
        {
            ref readonly var top = ref tops[members[h.Start + j]];
            if (j > 0 && top.Bid > minAsk + h.Slack) return true;
            if (top.Ask < minAsk) minAsk = top.Ask;
        }

        return false;
    }

    private void EvaluateChain(Compiled c, in Header h, List<Opportunity> sink)
    {
        Opportunity? best = null;
        var slots = c.Slots;
        var type = RelationshipWire.ToWire(c.Def.Kind);
        for (var j = 1; j < slots.Length; j++)
        {
            var bid = _tops[slots[j]].Bid;
            for (var i = 0; i < j; i++)
            {
                if (bid <= _tops[slots[i]].Ask + h.Slack) continue;
                BasketLeg[] legs = [Leg(slots[i], Outcome.Yes), Leg(slots[j], Outcome.No)];
                var o = Build(c, type, legs, Money.FromDollars(1), riskless: c.Def.IsHardLink, bet: null);
                if (best is null || Better(o, best)) best = o;
            }
        }

        if (best is not null) sink.Add(best);
    }

    private bool ExclusiveCrosses(in Header h, out bool buyNo, out bool buyYes)
    {
        buyNo = buyYes = false;
        long sumBid = 0, sumAsk = 0;
        var tops = _tops;
        var members = _members;
        for (var i = 0; i < h.Count; i++)
        {
            ref readonly var top = ref tops[members[h.Start + i]];
            if (!top.Valid) return false; // sums over a set need every member
            if (top.Bid > 0) sumBid += top.Bid;
            sumAsk += top.Ask == NoAsk ? OneDollar : top.Ask;
        }

        buyNo = sumBid > OneDollar;
        buyYes = sumAsk < OneDollar && h.ReportBuyYes;
        return buyNo || buyYes;
    }

    private void EvaluateExclusive(Compiled c, in Header h, List<Opportunity> sink)
    {
        ExclusiveCrosses(h, out var buyNo, out var buyYes);
        if (buyNo) EvaluateBuyAllNo(c, sink);
        if (buyYes)
        {
            var legs = c.Slots.Select(s => Leg(s, Outcome.Yes)).ToArray();
            var bet = c.Def.Exhaustive ? null : "the set is not shown exhaustive: an unlisted outcome can win and every leg lose, so this is a bet, not an arbitrage";
            sink.Add(Build(c, "exclusive_buy_all_yes", legs, Money.FromDollars(1), riskless: c.Def.IsHardLink && c.Def.Exhaustive, bet));
        }
    }

    // Buying NO on any m members of an exclusive set pays at least m − 1. Members with the richest YES bids add
    // the most; thin members cap the whole basket's size, so every prefix (by bid, descending) is tried.
    private void EvaluateBuyAllNo(Compiled c, List<Opportunity> sink)
    {
        var ranked = c.Slots.Where(s => _tops[s].Bid > 0).OrderByDescending(s => _tops[s].Bid).ToArray();
        Opportunity? best = null;
        long running = 0;
        for (var k = 0; k < ranked.Length; k++)
        {
            running += _tops[ranked[k]].Bid;
            if (running <= OneDollar || k == 0) continue;
            var legs = ranked.Take(k + 1).Select(s => Leg(s, Outcome.No)).ToArray();
            var o = Build(c, "exclusive_buy_all_no", legs, Money.FromDollars(k), riskless: c.Def.IsHardLink, bet: null);
            if (best is null || Better(o, best)) best = o;
        }

        if (best is not null) sink.Add(best);
    }

    // Members = [above K1, bucket (K1, K2], above K2]: YES(above K1) pays exactly YES(bucket) + YES(above K2).
    private bool BucketRich(in Header h)
    {
        ref readonly var t1 = ref _tops[_members[h.Start]];
        ref readonly var bucket = ref _tops[_members[h.Start + 1]];
        ref readonly var t2 = ref _tops[_members[h.Start + 2]];
        return t1.Valid && bucket.Valid && t2.Valid && t1.Bid > bucket.Ask + (long)t2.Ask;
    }

    private bool BucketCheap(in Header h)
    {
        ref readonly var t1 = ref _tops[_members[h.Start]];
        ref readonly var bucket = ref _tops[_members[h.Start + 1]];
        ref readonly var t2 = ref _tops[_members[h.Start + 2]];
        return t1.Valid && bucket.Valid && t2.Valid && bucket.Bid > 0 && t2.Bid > 0 && bucket.Bid + t2.Bid > t1.Ask;
    }

    private void EvaluateBucketLadder(Compiled c, in Header h, List<Opportunity> sink)
    {
        var riskless = c.Def.IsHardLink;
        if (BucketRich(h))
        {
            BasketLeg[] legs = [Leg(c.Slots[0], Outcome.No), Leg(c.Slots[1], Outcome.Yes), Leg(c.Slots[2], Outcome.Yes)];
            sink.Add(Build(c, "bucket_ladder_threshold_rich", legs, Money.FromDollars(1), riskless, bet: null));
        }

        if (BucketCheap(h))
        {
            BasketLeg[] legs = [Leg(c.Slots[0], Outcome.Yes), Leg(c.Slots[1], Outcome.No), Leg(c.Slots[2], Outcome.No)];
            sink.Add(Build(c, "bucket_ladder_threshold_cheap", legs, Money.FromDollars(2), riskless, bet: null));
        }
    }

    private BasketLeg Leg(int slot, Outcome buy) => new(_slotBooks[slot], buy, _slotFees[slot]);

    private static bool Better(Opportunity x, Opportunity y) =>
        x.TotalEdge != y.TotalEdge ? x.TotalEdge > y.TotalEdge : x.EdgePerContract > y.EdgePerContract;

    private Opportunity Build(Compiled c, string type, BasketLeg[] legs, Money payout, bool riskless, string? bet)
    {
        var fill = BasketWalker.Walk(legs, payout, _options.MaxSize, _options.WholeContracts);
        var priced = fill.PricedSize;
        var units = priced.Hundredths;
        var total = units == 0 ? Money.Zero : Money.FromMicros(payout.Micros * units / Quantity.HundredthsPerContract) - fill.Cost - fill.Fees;
        var perContract = units == 0 ? Money.Zero : Money.FromMicros(FloorDiv(total.Micros * Quantity.HundredthsPerContract, units));
        var gross = total + fill.Fees;
        var confidence = c.Def.Confidence;

        var notes = new List<string>();
        if (bet is not null) notes.Add(bet);
        if (!c.Def.IsTradeable) notes.Add($"relationship is {RelationshipWire.ToWire(c.Def.Approval)}, not approved");
        if (!riskless && bet is null && confidence < _options.MinSoftConfidence) notes.Add($"confidence {confidence} below {_options.MinSoftConfidence}");
        if (fill.Size.IsZero) notes.Add("no unit earns after fees at the top of the books");
        else if (fill.Size < _options.MinSize) notes.Add($"size {fill.Size} below minimum {_options.MinSize}");
        if (!perContract.IsPositive) notes.Add($"edge {perContract} per contract: nothing left after fees");
        else if (perContract < _options.MinEdgePerContract) notes.Add($"edge {perContract} per contract below minimum {_options.MinEdgePerContract}");
        if (gross.Micros < _options.FeeSafetyMultiple * fill.Fees.Micros) notes.Add($"gross edge {gross} under {_options.FeeSafetyMultiple}× fees {fill.Fees}");

        return new Opportunity
        {
            Id = Guid.NewGuid().ToString("N"),
            RelationshipId = c.Def.Id,
            Kind = c.Def.Kind,
            Type = type,
            Legs = fill.Legs,
            PayoutPerContract = payout,
            GrossEdgeAtTop = fill.GrossAtTop,
            EdgePerContract = perContract,
            TotalEdge = fill.Size.IsZero ? Money.Zero : total,
            TotalCost = fill.Cost,
            TotalFees = fill.Fees,
            Size = fill.Size,
            Confidence = confidence,
            Score = fill.Size.IsZero ? 0m : Math.Max(0m, perContract.Dollars * confidence * fill.Size.Contracts),
            Riskless = riskless,
            Status = notes.Count == 0 ? OpportunityStatus.Validated : OpportunityStatus.Detected,
            Note = notes.Count == 0 ? null : string.Join("; ", notes),
            DetectedAt = _time.GetUtcNow(),
        };
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    // An invalid book reads as no bid and no ask, so nothing crosses on it.
    private readonly record struct Top(int Bid, int Ask, bool Valid)
    {
        public static Top Of(OrderBook book) =>
            book.IsValid ? new Top(BidTicks(book), AskTicks(book), true) : new Top(-1, NoAsk, false);
    }

    private readonly record struct Header(RelationshipKind Kind, int Start, int Count, int Slack, bool ReportBuyYes);

    private sealed class Compiled(Relationship def, int[] slots)
    {
        public Relationship Def { get; } = def;
        public int[] Slots { get; } = slots;
    }
}
