using KalshiTrader.Core.Books;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Relationships;

namespace KalshiTrader.Strategies.Mispricing.Detection;

/// <summary>
/// Checks relationships against live books on executable prices (YES bid of what we sell, ask of what we buy),
/// walks depth and charges conservative fees per constraints.md. Incremental: each market keeps the list of
/// relationships touching it, so a book change re-checks only those; <see cref="ScanAll"/> checks everything.
/// The fast path reads only tops of books and allocates nothing; work and allocation happen only when the
/// executable prices actually cross. Single-threaded, like the books it reads.
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
    private readonly List<List<Compiled>> _touching = [];
    private readonly Dictionary<string, Compiled> _relationships = new(StringComparer.Ordinal);

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
        var compiled = new Compiled(relationship, slots);
        _relationships[relationship.Id] = compiled;
        foreach (var s in slots.Distinct()) _touching[s].Add(compiled);
    }

    public void UpsertRange(IEnumerable<Relationship> relationships)
    {
        foreach (var r in relationships) Upsert(r);
    }

    public bool Remove(string relationshipId)
    {
        if (!_relationships.Remove(relationshipId, out var old)) return false;
        foreach (var s in old.Slots.Distinct()) _touching[s].Remove(old);
        return true;
    }

    /// <summary>Sets a market's fee terms (series schedule with event overrides applied).</summary>
    public void SetFees(MarketTicker ticker, FeeSchedule fees) => _slotFees[SlotOf(ticker)] = fees;

    /// <summary>Re-checks every live relationship. Returns how many opportunities were added to <paramref name="sink"/>.</summary>
    public int ScanAll(List<Opportunity> sink)
    {
        var before = sink.Count;
        foreach (var c in _relationships.Values) Check(c, sink);
        return sink.Count - before;
    }

    /// <summary>Re-checks only the relationships touching <paramref name="ticker"/>.</summary>
    public int OnBookChanged(MarketTicker ticker, List<Opportunity> sink)
    {
        if (!_slotOf.TryGetValue(ticker.Value, out var slot)) return 0;
        var before = sink.Count;
        var touching = _touching[slot];
        for (var i = 0; i < touching.Count; i++) Check(touching[i], sink);
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
        _slotBooks.Add(_books.GetOrAdd(ticker));
        _slotFees.Add(_feesFor(ticker));
        _touching.Add([]);
        return slot;
    }

    private void Check(Compiled c, List<Opportunity> sink)
    {
        switch (c.Def.Kind)
        {
            case RelationshipKind.ExclusiveSet:
                CheckExclusive(c, sink);
                break;
            case RelationshipKind.BucketLadder:
                CheckBucketLadder(c, sink);
                break;
            default:
                CheckChain(c, sink);
                break;
        }
    }

    private static int BidTicks(OrderBook book) => book.BestYesBid is { } b ? b.Price.Ticks : -1;

    private static int AskTicks(OrderBook book) => book.BestNoBid is { } nb ? OneDollar - nb.Price.Ticks : NoAsk;

    // Chain: YES(Slots[j]) ⇒ YES(Slots[i]) for i < j. A pair trades when bid(j) > ask(i): buy YES i, buy NO j.
    // One pass keeps the cheapest ask seen so far, so the whole ladder is checked, not only neighbours.
    private void CheckChain(Compiled c, List<Opportunity> sink)
    {
        var slots = c.Slots;
        var slack = c.Def.Kind == RelationshipKind.SoftImplication ? c.Def.Slack.Ticks : 0;
        var minAsk = NoAsk;
        var crossed = false;
        for (var j = 0; j < slots.Length; j++)
        {
            var book = _slotBooks[slots[j]];
            if (!book.IsValid) continue;
            if (j > 0 && BidTicks(book) > minAsk + slack)
            {
                crossed = true;
                break;
            }

            var ask = AskTicks(book);
            if (ask < minAsk) minAsk = ask;
        }

        if (crossed) EvaluateChain(c, slack, sink);
    }

    private void EvaluateChain(Compiled c, int slack, List<Opportunity> sink)
    {
        Opportunity? best = null;
        var slots = c.Slots;
        for (var j = 1; j < slots.Length; j++)
        {
            var a = _slotBooks[slots[j]];
            if (!a.IsValid) continue;
            var bid = BidTicks(a);
            for (var i = 0; i < j; i++)
            {
                var b = _slotBooks[slots[i]];
                if (!b.IsValid || bid <= AskTicks(b) + slack) continue;
                BasketLeg[] legs = [Leg(slots[i], Outcome.Yes), Leg(slots[j], Outcome.No)];
                var type = RelationshipWire.ToWire(c.Def.Kind);
                var o = Build(c, type, legs, Money.FromDollars(1), riskless: c.Def.IsHardLink, bet: null);
                if (best is null || Better(o, best)) best = o;
            }
        }

        if (best is not null) sink.Add(best);
    }

    private void CheckExclusive(Compiled c, List<Opportunity> sink)
    {
        var slots = c.Slots;
        long sumBid = 0, sumAsk = 0;
        for (var i = 0; i < slots.Length; i++)
        {
            var book = _slotBooks[slots[i]];
            if (!book.IsValid) return; // sums over a set need every member
            var bid = BidTicks(book);
            if (bid > 0) sumBid += bid;
            var ask = AskTicks(book);
            sumAsk += ask == NoAsk ? OneDollar : ask;
        }

        if (sumBid > OneDollar) EvaluateBuyAllNo(c, sink);
        if (sumAsk < OneDollar && (c.Def.Exhaustive || _options.ReportBets))
        {
            var legs = slots.Select(s => Leg(s, Outcome.Yes)).ToArray();
            var bet = c.Def.Exhaustive ? null : "the set is not shown exhaustive: an unlisted outcome can win and every leg lose, so this is a bet, not an arbitrage";
            sink.Add(Build(c, "exclusive_buy_all_yes", legs, Money.FromDollars(1), riskless: c.Def.IsHardLink && c.Def.Exhaustive, bet));
        }
    }

    // Buying NO on any m members of an exclusive set pays at least m − 1. Members with the richest YES bids add
    // the most; thin members cap the whole basket's size, so every prefix (by bid, descending) is tried.
    private void EvaluateBuyAllNo(Compiled c, List<Opportunity> sink)
    {
        var ranked = c.Slots.Where(s => BidTicks(_slotBooks[s]) > 0).OrderByDescending(s => BidTicks(_slotBooks[s])).ToArray();
        Opportunity? best = null;
        long running = 0;
        for (var k = 0; k < ranked.Length; k++)
        {
            running += BidTicks(_slotBooks[ranked[k]]);
            if (running <= OneDollar || k == 0) continue;
            var legs = ranked.Take(k + 1).Select(s => Leg(s, Outcome.No)).ToArray();
            var o = Build(c, "exclusive_buy_all_no", legs, Money.FromDollars(k), riskless: c.Def.IsHardLink, bet: null);
            if (best is null || Better(o, best)) best = o;
        }

        if (best is not null) sink.Add(best);
    }

    // Slots = [above K1, bucket (K1, K2], above K2]: YES(above K1) pays exactly YES(bucket) + YES(above K2).
    private void CheckBucketLadder(Compiled c, List<Opportunity> sink)
    {
        var t1 = _slotBooks[c.Slots[0]];
        var bucket = _slotBooks[c.Slots[1]];
        var t2 = _slotBooks[c.Slots[2]];
        if (!t1.IsValid || !bucket.IsValid || !t2.IsValid) return;
        var riskless = c.Def.IsHardLink;
        if (BidTicks(t1) > AskTicks(bucket) + (long)AskTicks(t2))
        {
            BasketLeg[] legs = [Leg(c.Slots[0], Outcome.No), Leg(c.Slots[1], Outcome.Yes), Leg(c.Slots[2], Outcome.Yes)];
            sink.Add(Build(c, "bucket_ladder_threshold_rich", legs, Money.FromDollars(1), riskless, bet: null));
        }

        var bucketBid = BidTicks(bucket);
        var t2Bid = BidTicks(t2);
        if (bucketBid > 0 && t2Bid > 0 && bucketBid + t2Bid > AskTicks(t1))
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

    private sealed class Compiled(Relationship def, int[] slots)
    {
        public Relationship Def { get; } = def;
        public int[] Slots { get; } = slots;
    }
}
