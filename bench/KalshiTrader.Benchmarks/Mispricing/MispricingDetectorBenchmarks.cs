using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using KalshiTrader.Core.Books;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Detection;

namespace KalshiTrader.Benchmarks.Mispricing;

/// <summary>
/// Goals: a full scan of 100,000 markets and 50,000 relationships in ≤ 10 ms; an incremental re-check after one
/// book change in ≤ 1 µs at p99. A change is a real delta on a real book (one contract at the best YES bid, so the
/// walked depth moves too) followed by the detector's re-check of the real relationships touching that market.
/// BenchmarkDotNet's means cover delta + re-check; the per-call distribution of the re-check alone is measured by
/// <see cref="IncrementalProbe"/> (1,000,000 single changes timed one by one) and shown in the "re-check p50/p99/p99.9"
/// column (in-process runs) and printed as "// mispricing incremental ..." lines.
/// Run: cd bench/KalshiTrader.Benchmarks &amp;&amp; dotnet run -c Release -- --filter '*Mispricing*' --job short --inProcess
/// </summary>
[MemoryDiagnoser]
[Config(typeof(Config))]
public class MispricingDetectorBenchmarks
{
    private MispricingUniverse _universe = null!;
    private readonly List<Opportunity> _sink = new(4096);
    private int[] _changes = null!;
    private int _next;

    private sealed class Config : ManualConfig
    {
        public Config() => AddColumn(new IncrementalProbe.Column());
    }

    [GlobalSetup]
    public void Setup()
    {
        _universe = new MispricingUniverse();
        _changes = IncrementalProbe.Changes(_universe);
    }

    [GlobalSetup(Targets = [nameof(Incremental), nameof(IncrementalByTicker)])]
    public void SetupIncremental()
    {
        Setup();
        IncrementalProbe.Run(_universe, _changes, byTicker: false);
        IncrementalProbe.Run(_universe, _changes, byTicker: true);
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

    [Benchmark(Description = "one book delta + incremental re-check (slot)", OperationsPerInvoke = 1024)]
    public int Incremental()
    {
        var total = 0;
        for (var i = 0; i < 1024; i++)
        {
            var n = _next++;
            var m = _changes[n & (_changes.Length - 1)];
            IncrementalProbe.Touch(_universe.BookOf[m], n);
            _sink.Clear();
            total += _universe.Detector.OnBookChanged(_universe.SlotOf[m]!.Value, _sink);
        }

        return total;
    }

    [Benchmark(Description = "one book delta + incremental re-check (ticker)", OperationsPerInvoke = 1024)]
    public int IncrementalByTicker()
    {
        var total = 0;
        for (var i = 0; i < 1024; i++)
        {
            var n = _next++;
            var m = _changes[n & (_changes.Length - 1)];
            IncrementalProbe.Touch(_universe.BookOf[m], n);
            _sink.Clear();
            total += _universe.Detector.OnBookChanged(_universe.Tickers[m], _sink);
        }

        return total;
    }
}
