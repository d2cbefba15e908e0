using BenchmarkDotNet.Attributes;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Records;

namespace KalshiTrader.Benchmarks.Storage;

/// <summary>
/// What the append-only delta layout costs a reader: one market's deltas out of a recorded session of
/// <see cref="Rows"/> rows over 1,000 markets (the shape of <see cref="OrderBookDeltaRecordingBenchmarks"/>). No
/// per-market index is kept on the write path, so a read scans its subscription's rows; time per read is reported for
/// a busy market (~1.4% of the rows) and a quiet one (~0.09%).
///   dotnet run -c Release --project bench/KalshiTrader.Benchmarks -- --filter '*OrderBookDeltaMarketRead*' --job short
/// </summary>
[MemoryDiagnoser]
public class OrderBookDeltaMarketReadBenchmarks
{
    private const int Rows = 200_000;
    private const int Markets = 1_000;

    private BenchStore _db = null!;
    private IKalshiStore _store = null!;
    private string[] _tickers = null!;

    [Params("sqlite", "postgres")]
    public string Engine { get; set; } = "sqlite";

    [GlobalSetup]
    public void Setup()
    {
        _tickers = Enumerable.Range(0, Markets).Select(i => $"KXBENCH-26MAR14-T{100000 + (i * 250)}.99").ToArray();
        _db = BenchStore.Open(Engine);
        _store = _db.Store;

        var t0 = DateTimeOffset.UtcNow;
        for (long start = 0; start < Rows; start += 5_000)
        {
            var flush = new OrderBookDeltaRecord[5_000];
            for (var i = 0; i < flush.Length; i++)
            {
                var seq = start + i + 1;
                var market = (int)(seq * seq % 7 == 0 ? seq % 10 : seq * 7919 % Markets);
                var at = t0.AddTicks(seq * 1000);
                flush[i] = new OrderBookDeltaRecord(
                    1, 1, seq, _tickers[market], seq % 2 == 0 ? Outcome.Yes : Outcome.No, Price.FromTicks(1 + (int)(seq * 37 % 9998)),
                    Quantity.FromHundredths(100 + (seq % 5000)), at, at.AddTicks(250));
            }

            _store.InsertOrderBookDeltasAsync(flush, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    [Benchmark]
    public int ReadBusyMarket() => _store.GetOrderBookDeltasAsync(_tickers[3], null, null, CancellationToken.None).GetAwaiter().GetResult().Count;

    [Benchmark]
    public int ReadQuietMarket() => _store.GetOrderBookDeltasAsync(_tickers[500], null, null, CancellationToken.None).GetAwaiter().GetResult().Count;

    [GlobalCleanup]
    public void Cleanup() => _db.Dispose();
}
