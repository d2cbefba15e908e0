using System.Runtime.InteropServices;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Relationships;

namespace KalshiTrader.Strategies.Mispricing.Detection;

// The slow path: a relationship whose copied tops cross. Candidates (every trade the crossing allows) are walked
// without allocating; Opportunity objects are built only when the walks read something new or a trade validates.
public sealed partial class MispricingDetector
{
    private readonly List<Candidate> _candidates = [];
    private BasketLeg[] _legs = new BasketLeg[64];
    private int _legCount;
    private int[] _ranked = new int[64];

    private void Check(int o, List<Opportunity> sink, bool incremental)
    {
        var records = _records;
        if (!Crosses(o))
        {
            records[o + RecKind] &= ~SuppressUnchangedFlag;
            return;
        }

        // Re-read the members' real books before doing any work: the copy may lag a book changed unannounced.
        var c = _flat[records[o + RecRelationship]];
        foreach (var s in c.Slots) Refresh(s);
        if (!Crosses(o))
        {
            records[o + RecKind] &= ~SuppressUnchangedFlag;
            return;
        }

        _candidates.Clear();
        _legCount = 0;
        Enumerate(c, o);
        var candidates = CollectionsMarshal.AsSpan(_candidates);
        var print = Fingerprint.Start;
        foreach (ref var cand in candidates)
        {
            cand.Walk = BasketWalker.Walk(_legs.AsSpan(cand.LegStart, cand.LegCount), cand.Payout, _options.MaxSize, _options.WholeContracts);
            print = Fingerprint.Mix(Fingerprint.Mix(print, cand.Group), (long)cand.Walk.Fingerprint);
        }

        if (incremental && (records[o + RecKind] & SuppressUnchangedFlag) != 0 && c.LastPrint == print) return;

        var before = sink.Count;
        for (var i = 0; i < candidates.Length;)
        {
            var best = Build(c, candidates[i]);
            var j = i + 1;
            for (; j < candidates.Length && candidates[j].Group == candidates[i].Group; j++)
            {
                var other = Build(c, candidates[j]);
                if (Better(other, best)) best = other;
            }

            sink.Add(best);
            i = j;
        }

        var anyValidated = false;
        for (var i = before; i < sink.Count; i++) anyValidated |= sink[i].Status == OpportunityStatus.Validated;
        c.LastPrint = print;
        if (anyValidated) records[o + RecKind] &= ~SuppressUnchangedFlag;
        else records[o + RecKind] |= SuppressUnchangedFlag;
    }

    private bool Crosses(int o) => (RelationshipKind)(_records[o + RecKind] & KindMask) switch
    {
        RelationshipKind.ExclusiveSet => ExclusiveCrosses(o, out _, out _),
        RelationshipKind.BucketLadder => BucketRich(o) || BucketCheap(o),
        _ => ChainCrosses(o),
    };

    private int BidAt(int o, int member) => _records[o + RecCells + 2 * member];

    private int AskAt(int o, int member) => _records[o + RecCells + 2 * member + 1];

    // Chain: YES(member j) ⇒ YES(member i) for i < j. A pair trades when bid(j) > ask(i): buy YES i, buy NO j.
    // One pass keeps the cheapest ask seen so far, so the whole ladder is checked, not only neighbours.
    private bool ChainCrosses(int o)
    {
        var records = _records;
        var n = records[o + RecCount];
        var slack = records[o + RecSlack];
        var minAsk = NoAsk;
        for (int j = 0, cell = o + RecCells; j < n; j++, cell += 2)
        {
            if (j > 0 && records[cell] > minAsk + slack) return true;
            if (records[cell + 1] < minAsk) minAsk = records[cell + 1];
        }

        return false;
    }

    private bool ExclusiveCrosses(int o, out bool buyNo, out bool buyYes)
    {
        buyNo = buyYes = false;
        var records = _records;
        var n = records[o + RecCount];
        long sumBid = 0, sumAsk = 0;
        for (int i = 0, cell = o + RecCells; i < n; i++, cell += 2)
        {
            var bid = records[cell];
            if (bid == InvalidBid) return false; // sums over a set need every member
            if (bid > 0) sumBid += bid;
            var ask = records[cell + 1];
            sumAsk += ask == NoAsk ? OneDollar : ask;
        }

        buyNo = sumBid > OneDollar;
        buyYes = sumAsk < OneDollar && (records[o + RecKind] & ReportBuyYesFlag) != 0;
        return buyNo || buyYes;
    }

    // Members = [above K1, bucket (K1, K2], above K2]: YES(above K1) pays exactly YES(bucket) + YES(above K2).
    private bool BucketValid(int o) => BidAt(o, 0) != InvalidBid && BidAt(o, 1) != InvalidBid && BidAt(o, 2) != InvalidBid;

    private bool BucketRich(int o) => BucketValid(o) && BidAt(o, 0) > AskAt(o, 1) + (long)AskAt(o, 2);

    private bool BucketCheap(int o) => BucketValid(o) && BidAt(o, 1) > 0 && BidAt(o, 2) > 0 && BidAt(o, 1) + BidAt(o, 2) > AskAt(o, 0);

    private void Enumerate(Compiled c, int o)
    {
        var slots = c.Slots;
        var hard = c.Def.IsHardLink;
        switch (c.Def.Kind)
        {
            case RelationshipKind.ExclusiveSet:
                ExclusiveCrosses(o, out var buyNo, out var buyYes);
                if (buyNo) EnumerateBuyAllNo(c, o);
                if (buyYes)
                {
                    var start = _legCount;
                    for (var i = 0; i < slots.Length; i++) AddLeg(slots[i], Outcome.Yes);
                    var bet = c.Def.Exhaustive ? null : "the set is not shown exhaustive: an unlisted outcome can win and every leg lose, so this is a bet, not an arbitrage";
                    AddCandidate("exclusive_buy_all_yes", start, Money.FromDollars(1), hard && c.Def.Exhaustive, bet, group: 1);
                }

                break;
            case RelationshipKind.BucketLadder:
                if (BucketRich(o))
                {
                    var start = _legCount;
                    AddLeg(slots[0], Outcome.No);
                    AddLeg(slots[1], Outcome.Yes);
                    AddLeg(slots[2], Outcome.Yes);
                    AddCandidate("bucket_ladder_threshold_rich", start, Money.FromDollars(1), hard, null, group: 0);
                }

                if (BucketCheap(o))
                {
                    var start = _legCount;
                    AddLeg(slots[0], Outcome.Yes);
                    AddLeg(slots[1], Outcome.No);
                    AddLeg(slots[2], Outcome.No);
                    AddCandidate("bucket_ladder_threshold_cheap", start, Money.FromDollars(2), hard, null, group: 1);
                }

                break;
            default:
                var slack = _records[o + RecSlack];
                for (var j = 1; j < slots.Length; j++)
                {
                    var bid = BidAt(o, j);
                    for (var i = 0; i < j; i++)
                    {
                        if (bid <= AskAt(o, i) + slack) continue;
                        var start = _legCount;
                        AddLeg(slots[i], Outcome.Yes);
                        AddLeg(slots[j], Outcome.No);
                        AddCandidate(c.Type, start, Money.FromDollars(1), hard, null, group: 0);
                    }
                }

                break;
        }
    }

    // Buying NO on any m members of an exclusive set pays at least m − 1. Members with the richest YES bids add
    // the most; thin members cap the whole basket's size, so every prefix (by bid, descending) is tried.
    private void EnumerateBuyAllNo(Compiled c, int o)
    {
        var n = 0;
        if (_ranked.Length < c.Slots.Length) _ranked = new int[c.Slots.Length * 2];
        for (var i = 0; i < c.Slots.Length; i++)
        {
            var bid = BidAt(o, i);
            if (bid <= 0) continue;
            // Stable insertion by bid, descending: ties keep member order.
            var at = n++;
            while (at > 0 && BidAt(o, _ranked[at - 1]) < bid)
            {
                _ranked[at] = _ranked[at - 1];
                at--;
            }

            _ranked[at] = i;
        }

        long running = 0;
        for (var k = 0; k < n; k++)
        {
            running += BidAt(o, _ranked[k]);
            if (running <= OneDollar || k == 0) continue;
            var start = _legCount;
            for (var m = 0; m <= k; m++) AddLeg(c.Slots[_ranked[m]], Outcome.No);
            AddCandidate("exclusive_buy_all_no", start, Money.FromDollars(k), c.Def.IsHardLink, null, group: 0);
        }
    }

    private void AddLeg(int slot, Outcome buy)
    {
        if (_legCount == _legs.Length) Array.Resize(ref _legs, _legs.Length * 2);
        ref readonly var entry = ref _slots[slot];
        _legs[_legCount++] = new BasketLeg(entry.Book, buy, entry.Fees, entry.FeeTable, slot);
    }

    private void AddCandidate(string type, int legStart, Money payout, bool riskless, string? bet, int group) =>
        _candidates.Add(new Candidate { Type = type, LegStart = legStart, LegCount = _legCount - legStart, Payout = payout, Riskless = riskless, Bet = bet, Group = group });

    private static bool Better(Opportunity x, Opportunity y) =>
        x.TotalEdge != y.TotalEdge ? x.TotalEdge > y.TotalEdge : x.EdgePerContract > y.EdgePerContract;

    private Opportunity Build(Compiled c, in Candidate cand)
    {
        var fill = BasketWalker.Price(_legs.AsSpan(cand.LegStart, cand.LegCount), cand.Walk);
        var payout = cand.Payout;
        var priced = fill.PricedSize;
        var units = priced.Hundredths;
        var total = units == 0 ? Money.Zero : Money.FromMicros(payout.Micros * units / Quantity.HundredthsPerContract) - fill.Cost - fill.Fees;
        var perContract = units == 0 ? Money.Zero : Money.FromMicros(FloorDiv(total.Micros * Quantity.HundredthsPerContract, units));
        var gross = total + fill.Fees;
        var confidence = c.Def.Confidence;

        var notes = new List<string>();
        if (cand.Bet is not null) notes.Add(cand.Bet);
        if (!c.Def.IsTradeable) notes.Add($"relationship is {RelationshipWire.ToWire(c.Def.Approval)}, not approved");
        if (!cand.Riskless && cand.Bet is null && confidence < _options.MinSoftConfidence) notes.Add($"confidence {confidence} below {_options.MinSoftConfidence}");
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
            Type = cand.Type,
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
            Riskless = cand.Riskless,
            Status = notes.Count == 0 ? OpportunityStatus.Validated : OpportunityStatus.Detected,
            Note = notes.Count == 0 ? null : string.Join("; ", notes),
            DetectedAt = _time.GetUtcNow(),
        };
    }

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : -((-a + b - 1) / b);

    private struct Candidate
    {
        public string Type;
        public int LegStart;
        public int LegCount;
        public Money Payout;
        public bool Riskless;
        public string? Bet;
        public int Group;
        public BasketWalk Walk;
    }
}
