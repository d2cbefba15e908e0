using System.Runtime.CompilerServices;

namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// An append-only list of history rows (fills, trades) in fixed chunks that stay under the large-object threshold:
/// growing never copies what is already there, and a long history never feeds the large-object budget (which
/// would trigger full garbage collections in the middle of matching). Chunks are allocated on the pinned-object heap:
/// history lives as long as the engine, so young collections should neither copy nor scan it.
/// </summary>
internal sealed class HistoryList<T>
    where T : struct
{
    private readonly int _chunkBits;
    private readonly int _chunkMask;
    private T[][] _chunks = new T[8][];

    /// <param name="maxChunkBytes">
    /// The chunk size: ~80 KB (under the large-object threshold) for the long histories; smaller for the many short
    /// ones (one per account), where a large first chunk would be mostly empty and feed the pinned heap's budget.
    /// </param>
    public HistoryList(int maxChunkBytes = 80_000)
    {
        // The largest power-of-two chunk within maxChunkBytes.
        var size = Unsafe.SizeOf<T>();
        var bits = 4;
        while (bits < 16 && (2L << bits) * size <= maxChunkBytes) bits++;
        _chunkBits = bits;
        _chunkMask = (1 << bits) - 1;
    }

    public int Count { get; private set; }

    public void Add(in T item)
    {
        var chunk = Count >> _chunkBits;
        if (chunk == _chunks.Length) Array.Resize(ref _chunks, _chunks.Length * 2);

        // Not zeroed: only rows below Count are ever read, so the pages of a chunk's unused tail are never touched.
        (_chunks[chunk] ??= GC.AllocateUninitializedArray<T>(1 << _chunkBits, pinned: true))[Count & _chunkMask] = item;
        Count++;
    }

    public ref readonly T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index), index, $"history has {Count} rows");
            return ref _chunks[index >> _chunkBits][index & _chunkMask];
        }
    }

    public ref readonly T Last => ref this[Count - 1];
}
