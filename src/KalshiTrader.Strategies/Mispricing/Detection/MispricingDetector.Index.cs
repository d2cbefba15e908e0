using System.Runtime.InteropServices;
using KalshiTrader.Strategies.Mispricing.Relationships;

namespace KalshiTrader.Strategies.Mispricing.Detection;

// The flat index the hot paths read, rebuilt after relationships change (rare). A re-check after one book change costs
// what its cache misses cost, so the layout is about cache lines:
// - each market's slot owns one 64-byte line in _hot: how many (record, cell) pairs point at it and, for up to
//   seven, the pairs themselves (more spill to _overflow): where each relationship touching it keeps its copy of
//   that market's top of book;
// - each relationship's record in _records (header, then bid and ask per member) never straddles a line when it fits
//   in one, and starts a line when it does not;
// - the changed market's book comes with its MarketSlot, so no read of ours precedes its index line.
// Both int arrays live on the pinned-object heap, so their addresses (and so the line boundaries) never move.
public sealed partial class MispricingDetector
{
    private const int LineInts = 64 / sizeof(int);
    private const int HotPairs = (LineInts - 2) / 2; // [count, overflow start, pairs...]

    private int[] _records = [];
    private int[] _recordAt = []; // record offset of each _flat entry
    private int[] _hot = [];
    private int _hotBase; // index in _hot of slot 0's line
    private int[] _overflow = [];

    /// <summary>The (record, cell) pairs of the relationships touching <paramref name="slot"/>, adjacent per record.</summary>
    private ReadOnlySpan<int> PairsOf(int slot)
    {
        var line = _hotBase + LineInts * slot;
        var n = _hot[line];
        return n <= HotPairs ? _hot.AsSpan(line + 2, 2 * n) : _overflow.AsSpan(_hot[line + 1], 2 * n);
    }

    private void EnsureIndex()
    {
        if (!_dirty) return;
        _flat = _relationships.Values.ToArray();
        LayOutRecords();
        BuildPairs();
        _dirty = false;
    }

    private void LayOutRecords()
    {
        var worst = LineInts;
        foreach (var c in _flat) worst += RecCells + 2 * c.Slots.Length + LineInts - 1;
        _records = GC.AllocateArray<int>(worst, pinned: true);
        _recordAt = new int[_flat.Length];
        var lineOffset = LineOffsetOf(_records);
        var at = 0;
        for (var r = 0; r < _flat.Length; r++)
        {
            var def = _flat[r].Def;
            var slots = _flat[r].Slots;
            var size = RecCells + 2 * slots.Length;
            var room = LineInts - (lineOffset + at) % LineInts;
            if (size <= LineInts ? size > room : room != LineInts) at += room;
            _recordAt[r] = at;
            _records[at + RecRelationship] = r;
            _records[at + RecKind] = (int)def.Kind | (def.Exhaustive || _options.ReportBets ? ReportBuyYesFlag : 0);
            _records[at + RecSlack] = def.Kind == RelationshipKind.SoftImplication ? def.Slack.Ticks : 0;
            _records[at + RecCount] = slots.Length;
            for (var i = 0; i < slots.Length; i++)
            {
                (_records[at + RecCells + 2 * i], _records[at + RecCells + 2 * i + 1]) = TopOf(_slots[slots[i]].Book);
            }

            at += size;
        }
    }

    private void BuildPairs()
    {
        var counts = new int[_slotCount];
        foreach (var c in _flat)
        {
            foreach (var s in c.Slots) counts[s]++;
        }

        _hot = GC.AllocateArray<int>(LineInts * (_slotCount + 1), pinned: true);
        _hotBase = (LineInts - LineOffsetOf(_hot)) % LineInts;
        var spill = 0;
        for (var s = 0; s < _slotCount; s++)
        {
            var line = _hotBase + LineInts * s;
            _hot[line] = counts[s];
            if (counts[s] <= HotPairs) continue;
            _hot[line + 1] = spill;
            spill += 2 * counts[s];
        }

        _overflow = new int[spill];
        Array.Clear(counts);
        for (var r = 0; r < _flat.Length; r++)
        {
            var slots = _flat[r].Slots;
            var o = _recordAt[r];
            for (var i = 0; i < slots.Length; i++)
            {
                var s = slots[i];
                var line = _hotBase + LineInts * s;
                var k = 2 * counts[s]++;
                var (target, at) = _hot[line] <= HotPairs ? (_hot, line + 2 + k) : (_overflow, _hot[line + 1] + k);
                target[at] = o;
                target[at + 1] = o + RecCells + 2 * i;
            }
        }
    }

    // How many ints element 0 of a pinned array sits past the start of its cache line.
    private static int LineOffsetOf(int[] pinned) =>
        (int)((Marshal.UnsafeAddrOfPinnedArrayElement(pinned, 0) & 63) / sizeof(int));
}
