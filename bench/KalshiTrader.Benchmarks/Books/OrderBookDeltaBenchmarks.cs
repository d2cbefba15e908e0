using BenchmarkDotNet.Attributes;
using KalshiTrader.Core.Books;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Benchmarks.Books;

/// <summary>
/// Applying order book deltas: a 40-level-a-side book, deltas that mostly touch the top levels (as real flow does),
/// adds, partial removals and level removals/re-inserts. One operation = one delta.
/// Goal: ≥ 20 million deltas/s/core and 0 bytes allocated per delta.
/// Run: dotnet run -c Release --project bench/KalshiTrader.Benchmarks -- --filter '*OrderBookDelta*' --job short
/// </summary>
[MemoryDiagnoser]
public class OrderBookDeltaBenchmarks
{
    private const int Deltas = 8192;
    private readonly OrderBook _book = new(new MarketTicker("KXBENCH-1"));
    private readonly OrderBookSet _set = new();
    private (Outcome Side, Price Price, Quantity Delta)[] _deltas = [];
    private BookDeltaEvent[] _events = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        var yes = Enumerable.Range(1, 40).Select(i => new PriceLevel(new Price(i * 100), Quantity.FromContracts(100))).ToArray();
        var no = Enumerable.Range(1, 40).Select(i => new PriceLevel(new Price(i * 100 + 5000), Quantity.FromContracts(100))).ToArray();
        _book.ApplySnapshot(yes, no);

        // Pairs of +x / −x keep the book in a steady state, so the benchmark can loop over the array forever.
        var list = new List<(Outcome, Price, Quantity)>();
        while (list.Count < Deltas)
        {
            var side = rng.Next(2) == 0 ? Outcome.Yes : Outcome.No;
            var offset = Math.Min(39, (int)Math.Abs(rng.NextDouble() * rng.NextDouble() * 40)); // skewed to the top
            var basePrice = side == Outcome.Yes ? 4000 : 9000;
            var price = new Price(basePrice - offset * 100 + (rng.Next(4) == 0 ? 50 : 0)); // some new levels between
            var size = Quantity.FromHundredths(rng.Next(1, 10_000));
            list.Add((side, price, size));
            list.Add((side, price, -size));
        }

        _deltas = [.. list];
        var t0 = DateTimeOffset.UnixEpoch;
        _events = _deltas.Select((d, i) => new BookDeltaEvent(_book.Ticker, d.Item1, d.Item2, d.Item3, 1, i + 2, t0) { ReceivedTime = t0 }).ToArray();
        _set.Apply(new BookSnapshotEvent(_book.Ticker, yes, no, 1, 1));
    }

    [Benchmark(OperationsPerInvoke = Deltas)]
    public bool OrderBookApplyDelta()
    {
        var ok = true;
        var book = _book;
        foreach (var (side, price, delta) in _deltas) ok &= book.ApplyDelta(side, price, delta);
        return ok;
    }

    /// <summary>Through the consumer's <see cref="OrderBookSet"/> (dictionary lookup, sequence and times), events pre-built.</summary>
    [Benchmark(OperationsPerInvoke = Deltas)]
    public int OrderBookSetApply()
    {
        var applied = 0;
        var set = _set;
        foreach (var e in _events) applied += set.Apply(e) == BookApplyResult.Applied ? 1 : 0;
        return applied;
    }
}
