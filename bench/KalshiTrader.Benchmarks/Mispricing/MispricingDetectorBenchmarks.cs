using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Detection;

namespace KalshiTrader.Benchmarks.Mispricing;

/// <summary>
/// Goals: a full scan of 100,000 markets and 50,000 relationships in ≤ 10 ms; an incremental re-check after one
/// book change in ≤ 1 µs at p99. BenchmarkDotNet gives the means; per-call percentiles of the incremental path
/// are measured in <see cref="Setup"/> with Stopwatch timestamps (timer overhead reported beside them) and printed.
/// Run: dotnet run -c Release --project bench/KalshiTrader.Benchmarks -- --filter '*MispricingDetector*' --job short
/// </summary>
[MemoryDiagnoser]
public class MispricingDetectorBenchmarks
{
    private MispricingUniverse _universe = null!;
    private readonly List<Opportunity> _sink = new(4096);
    private MarketTicker[] _changes = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _universe = new MispricingUniverse();
        var rng = new Random(11);
        _changes = Enumerable.Range(0, 1 << 16).Select(_ => _universe.Tickers[rng.Next(MispricingUniverse.Markets)]).ToArray();
        ProbeIncrementalPercentiles();
    }

    [Benchmark(Description = "full scan: 100k markets, 50k relationships")]
    public int FullScan()
    {
        _sink.Clear();
        return _universe.Detector.ScanAll(_sink);
    }

    [Benchmark(Description = "full scan after re-reading all 100k tops of book")]
    public int RefreshAndFullScan()
    {
        _sink.Clear();
        _universe.Detector.RefreshAll();
        return _universe.Detector.ScanAll(_sink);
    }

    [Benchmark(Description = "one book delta + incremental re-check", OperationsPerInvoke = 1024)]
    public int Incremental()
    {
        var total = 0;
        for (var i = 0; i < 1024; i++)
        {
            var t = _changes[_next++ & (_changes.Length - 1)];
            Touch(t, _next >> 16);
            _sink.Clear();
            total += _universe.Detector.OnBookChanged(t, _sink);
        }

        return total;
    }

    // A real change at the best YES bid: one contract added, removed on the next visit.
    private void Touch(MarketTicker ticker, int parity)
    {
        var book = _universe.Books.GetOrAdd(ticker);
        var best = book.BestYesBid!.Value;
        book.ApplyDelta(Outcome.Yes, best.Price, Quantity.FromContracts((parity & 1) == 0 ? 1 : -1));
    }

    private void ProbeIncrementalPercentiles()
    {
        const int n = 1_000_000;
        var samples = new long[n];
        var overhead = new long[n];
        var d = _universe.Detector;
        for (var warm = 0; warm < 200_000; warm++)
        {
            _sink.Clear();
            d.OnBookChanged(_changes[warm & (_changes.Length - 1)], _sink);
        }

        for (var i = 0; i < n; i++)
        {
            var t = _changes[i & (_changes.Length - 1)];
            Touch(t, i >> 16);
            _sink.Clear();
            var start = Stopwatch.GetTimestamp();
            d.OnBookChanged(t, _sink);
            samples[i] = Stopwatch.GetTimestamp() - start;
            var s2 = Stopwatch.GetTimestamp();
            overhead[i] = Stopwatch.GetTimestamp() - s2;
        }

        Array.Sort(samples);
        Array.Sort(overhead);
        double Ns(long ticks) => ticks * 1e9 / Stopwatch.Frequency;
        Console.WriteLine(
            $"// mispricing incremental per call (n={n}): p50={Ns(samples[n / 2]):F0} ns p99={Ns(samples[n * 99 / 100]):F0} ns " +
            $"p99.9={Ns(samples[n * 999 / 1000]):F0} ns max={Ns(samples[^1]):F0} ns; timer overhead p50={Ns(overhead[n / 2]):F0} ns p99={Ns(overhead[n * 99 / 100]):F0} ns");
    }
}
