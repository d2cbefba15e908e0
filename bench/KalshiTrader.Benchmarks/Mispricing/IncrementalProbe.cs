using System.Collections.Concurrent;
using System.Diagnostics;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using KalshiTrader.Core.Books;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Detection;

namespace KalshiTrader.Benchmarks.Mispricing;

/// <summary>
/// The per-call distribution of the incremental re-check: a million single book changes, each a real delta applied
/// outside the timed region, then <see cref="MispricingDetector.OnBookChanged(MarketSlot, List{Opportunity})"/> (or the
/// ticker overload) timed alone with Stopwatch timestamps. Timer overhead is measured the same way and reported
/// beside it (not subtracted). Reports how many calls produced an opportunity, since those allocate.
/// </summary>
internal static class IncrementalProbe
{
    private static readonly ConcurrentDictionary<bool, string> Results = new();

    /// <summary>65,536 member markets drawn at random (fixed seed): the sequence of changed markets.</summary>
    public static int[] Changes(MispricingUniverse universe)
    {
        var rng = new Random(11);
        var members = universe.MemberMarkets;
        return Enumerable.Range(0, 1 << 16).Select(_ => members[rng.Next(members.Length)]).ToArray();
    }

    // A real change at the best YES bid: one contract added, and removed again on the next pass over the sequence.
    public static void Touch(OrderBook book, int n)
    {
        var best = book.BestYesBid!.Value;
        book.ApplyDelta(Outcome.Yes, best.Price, Quantity.FromContracts(((n >> 16) & 1) == 0 ? 1 : -1));
    }

    public static void Run(MispricingUniverse universe, int[] changes, bool byTicker)
    {
        const int n = 1_000_000;
        var samples = new long[n];
        var overhead = new long[n];
        var sink = new List<Opportunity>(64);
        var d = universe.Detector;
        long reported = 0;
        for (var round = 0; round < 2; round++) // the first round warms up (JIT tiers, caches)
        {
            reported = 0;
            for (var i = 0; i < n; i++)
            {
                var m = changes[i & (changes.Length - 1)];
                Touch(universe.BookOf[m], i);
                sink.Clear();
                // The caller's own handles (its slot, its ticker) are read before the clock starts: a strategy holds
                // them already (FollowedMarket), and the probe's arrays of them are not the detector's cost.
                var slot = universe.SlotOf[m]!.Value;
                var ticker = universe.Tickers[m];
                var start = Stopwatch.GetTimestamp();
                var found = byTicker ? d.OnBookChanged(ticker, sink) : d.OnBookChanged(slot, sink);
                samples[i] = Stopwatch.GetTimestamp() - start;
                var s2 = Stopwatch.GetTimestamp();
                overhead[i] = Stopwatch.GetTimestamp() - s2;
                if (found > 0) reported++;
            }
        }

        Array.Sort(samples);
        Array.Sort(overhead);
        static double Ns(long ticks) => ticks * 1e9 / Stopwatch.Frequency;
        Results[byTicker] = $"{Ns(samples[n / 2]):F0} / {Ns(samples[n * 99 / 100]):F0} / {Ns(samples[n * 999 / 1000]):F0} ns";
        Console.WriteLine(
            $"// mispricing incremental per call, {(byTicker ? "ticker" : "slot")} overload (n={n}): p50={Ns(samples[n / 2]):F0} ns " +
            $"p90={Ns(samples[n * 9 / 10]):F0} ns p99={Ns(samples[n * 99 / 100]):F0} ns p99.9={Ns(samples[n * 999 / 1000]):F0} ns " +
            $"max={Ns(samples[^1]):F0} ns; calls reporting an opportunity {reported} ({100.0 * reported / n:F2} %); " +
            $"timer overhead p50={Ns(overhead[n / 2]):F0} ns p99={Ns(overhead[n * 99 / 100]):F0} ns");
    }

    /// <summary>"re-check p50 / p99 / p99.9" from the probe, for the incremental rows of an in-process run.</summary>
    public sealed class Column : IColumn
    {
        public string Id => "MispricingRecheckPercentiles";
        public string ColumnName => "re-check p50 / p99 / p99.9";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => false;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Per-call incremental re-check time measured over 1,000,000 single changes (in-process runs only)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase)
        {
            var method = benchmarkCase.Descriptor.WorkloadMethod.Name;
            if (method is not (nameof(MispricingDetectorBenchmarks.Incremental) or nameof(MispricingDetectorBenchmarks.IncrementalByTicker))) return "-";
            return Results.TryGetValue(method == nameof(MispricingDetectorBenchmarks.IncrementalByTicker), out var r) ? r : "see // lines (run --inProcess)";
        }

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public bool IsAvailable(Summary summary) => true;
    }
}
