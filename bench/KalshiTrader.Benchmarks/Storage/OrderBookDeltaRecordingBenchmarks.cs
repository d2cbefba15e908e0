using BenchmarkDotNet.Attributes;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Records;

namespace KalshiTrader.Benchmarks.Storage;

/// <summary>
/// The headline delta-write benchmark: order-book delta rows per second in the shape of a live recording rather than
/// a bulk load: one session, one book subscription (sid) over <see cref="Markets"/> markets, seq rising across the
/// markets and across flushes of <see cref="FlushRows"/> rows (the recorder's default flush). Goals: SQLite ≥ 500,000
/// rows/s, PostgreSQL ≥ 300,000 rows/s, so Mean ≤ 2.0 µs and ≤ 3.3 µs per row. Deltas are keyed by (session, sid, seq),
/// so a flush is an append whatever the number of markets. Complements <see cref="OrderBookDeltaWriteBenchmarks"/>
/// (fresh session per 50,000-row batch) and <see cref="OrderBookDeltaMarketReadBenchmarks"/> (what a market read costs).
///   dotnet run -c Release --project bench/KalshiTrader.Benchmarks -- --filter '*OrderBookDeltaRecording*' --job short
/// </summary>
[MemoryDiagnoser]
public class OrderBookDeltaRecordingBenchmarks
{
    private const int FlushRows = 5_000;
    private const int Markets = 1_000;

    private BenchStore _db = null!;
    private IKalshiStore _store = null!;
    private string[] _tickers = null!;
    private long _seq;
    private DateTimeOffset _t0;

    [Params("sqlite", "postgres")]
    public string Engine { get; set; } = "sqlite";

    [GlobalSetup]
    public void Setup()
    {
        _t0 = DateTimeOffset.UtcNow;
        _tickers = Enumerable.Range(0, Markets).Select(i => $"KXBENCH-26MAR14-T{100000 + (i * 250)}.99").ToArray();
        _db = BenchStore.Open(Engine);
        _store = _db.Store;
    }

    [Benchmark(OperationsPerInvoke = FlushRows)]
    public void InsertRecorderFlush()
    {
        var flush = new OrderBookDeltaRecord[FlushRows];
        for (var i = 0; i < flush.Length; i++)
        {
            var seq = ++_seq;
            // A few busy markets and a long tail, like a real book feed.
            var market = (int)(seq * seq % 7 == 0 ? seq % 10 : seq * 7919 % Markets);
            var at = _t0.AddTicks(seq * 1000);
            flush[i] = new OrderBookDeltaRecord(
                1, 1, seq, _tickers[market], seq % 2 == 0 ? Outcome.Yes : Outcome.No, Price.FromTicks(1 + (int)(seq * 37 % 9998)),
                Quantity.FromHundredths((seq % 3 == 0 ? -1 : 1) * (100 + (seq % 5000))), at, at.AddTicks(250));
        }

        _store.InsertOrderBookDeltasAsync(flush, CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _db.Dispose();
}
