using BenchmarkDotNet.Attributes;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Records;

namespace KalshiTrader.Benchmarks.Storage;

/// <summary>
/// Order-book delta rows per second into each store: batches of <see cref="BatchSize"/> fresh rows (a new session
/// number every batch, so nothing is skipped as a duplicate), each batch one transaction. Goals: SQLite in WAL mode
/// ≥ 500,000 rows/s; PostgreSQL binary COPY ≥ 300,000 rows/s. Per-row time is reported (OperationsPerInvoke), so
/// rows/s = 1e9 / Mean(ns). PostgreSQL runs when KALSHI_TEST_POSTGRES is set (scripts/test-setup/postgres.sh).
/// The path measured is the recorder's: SqliteDeltaWriter (integer delta_id key from (session, sid, seq), batch inserted
/// in key order) and PostgresDeltaWriter (COPY straight into orderbook_delta_rows, idempotence from stored seq ranges
/// per (session, sid)). The recorder's real shape is <see cref="OrderBookDeltaRecordingBenchmarks"/>, the headline.
///   dotnet run -c Release --project bench/KalshiTrader.Benchmarks -- --filter '*OrderBookDeltaWrite*' --job short
/// </summary>
[MemoryDiagnoser]
public class OrderBookDeltaWriteBenchmarks
{
    private const int BatchSize = 50_000;

    private BenchStore _db = null!;
    private IKalshiStore _store = null!;
    private OrderBookDeltaRecord[] _rows = null!;
    private long _session;

    [Params("sqlite", "postgres")]
    public string Engine { get; set; } = "sqlite";

    [GlobalSetup]
    public void Setup()
    {
        var t0 = DateTimeOffset.UtcNow;
        string[] tickers = ["KXBTCD-26MAR14-T104249.99", "KXBTCD-26MAR14-T104499.99", "KXFED-26MAR-H0", "KXCPI-26MAR-T3.1"];
        _rows = Enumerable.Range(0, BatchSize).Select(i => new OrderBookDeltaRecord(
            0, 1 + (i % 4), i + 1, tickers[i % 4], i % 2 == 0 ? Outcome.Yes : Outcome.No,
            Price.FromTicks(1 + (i * 37 % 9998)), Quantity.FromHundredths((i % 3 == 0 ? -1 : 1) * (100 + i % 5000)),
            t0.AddMilliseconds(i), t0.AddMilliseconds(i).AddTicks(250), null)).ToArray();

        _db = BenchStore.Open(Engine);
        _store = _db.Store;
    }

    [Benchmark(OperationsPerInvoke = BatchSize)]
    public void InsertDeltaBatch()
    {
        var session = ++_session;
        var batch = new OrderBookDeltaRecord[_rows.Length];
        for (var i = 0; i < batch.Length; i++) batch[i] = _rows[i] with { Session = session };
        _store.InsertOrderBookDeltasAsync(batch, CancellationToken.None).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _db.Dispose();
}
