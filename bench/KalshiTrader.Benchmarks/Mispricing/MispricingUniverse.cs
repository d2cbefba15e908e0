using KalshiTrader.Core.Books;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Detection;
using KalshiTrader.Strategies.Mispricing.Relationships;

namespace KalshiTrader.Benchmarks.Mispricing;

/// <summary>
/// A synthetic universe of 100,000 markets and 50,000 relationships: 10,000 exclusive sets of 4, 10,000
/// four-strike ladders, and 30,000 subset pairs over 20,000 markets. Books are consistent except for a
/// violation in about 1 % of relationships, so the scan does both the fast path and some full evaluations.
/// </summary>
internal sealed class MispricingUniverse
{
    public const int Markets = 100_000;

    public MispricingUniverse(int seed = 7)
    {
        var rng = new Random(seed);
        Books = new OrderBookSet();
        var relationships = new List<Relationship>(50_000);
        var next = 0;
        Tickers = new MarketTicker[Markets];
        for (var i = 0; i < Markets; i++) Tickers[i] = new MarketTicker($"KXBENCH-{i / 4:D6}-M{i % 4}");

        // 10,000 exclusive sets of four: probabilities summing to 1, quoted ±$0.03, so Σ bid < 1 < Σ ask.
        for (var s = 0; s < 10_000; s++)
        {
            var members = new MarketTicker[4];
            var weights = Enumerable.Range(0, 4).Select(_ => 1 + rng.Next(0, 4)).ToArray();
            var sum = weights.Sum();
            for (var k = 0; k < 4; k++)
            {
                members[k] = Tickers[next++];
                var p = 10_000 * weights[k] / sum;
                Quote(members[k], p - 300, p + 300);
            }

            relationships.Add(Make(RelationshipKind.ExclusiveSet, members));
        }

        // 10,000 ladders of four strikes, weakest first, with falling prices.
        for (var l = 0; l < 10_000; l++)
        {
            var members = new MarketTicker[4];
            var top = 8000 + rng.Next(0, 1000);
            for (var k = 0; k < 4; k++)
            {
                members[k] = Tickers[next++];
                var bid = top - (k * 1500);
                Quote(members[k], bid, bid + 100);
            }

            relationships.Add(Make(RelationshipKind.ThresholdLadder, members));
        }

        // 30,000 subset pairs over the last 20,000 markets (each in three pairs).
        var pool = next;
        for (var i = pool; i < Markets; i++)
        {
            var bid = 2000 + rng.Next(0, 6000);
            Quote(Tickers[i], bid, bid + 100);
        }

        for (var p = 0; p < 30_000; p++)
        {
            var a = pool + rng.Next(0, Markets - pool);
            var b = pool + rng.Next(0, Markets - pool);
            if (a == b) b = pool + ((b - pool + 1) % (Markets - pool));
            // Weakest first: the market with the higher bid is the implied one, so most pairs are consistent.
            var (weak, strong) = Books.GetOrAdd(Tickers[a]).BestYesBid!.Value.Price > Books.GetOrAdd(Tickers[b]).BestYesBid!.Value.Price ? (a, b) : (b, a);
            var violate = rng.Next(100) == 0;
            relationships.Add(Make(RelationshipKind.Subset, violate ? [Tickers[strong], Tickers[weak]] : [Tickers[weak], Tickers[strong]]));
        }

        Relationships = relationships;
        Detector = new MispricingDetector(Books, new DetectionOptions(), TimeProvider.System);
        Detector.UpsertRange(relationships);
        BookOf = Tickers.Select(Books.GetOrAdd).ToArray();
        SlotOf = Tickers.Select(t => Detector.TryGetSlot(t, out var s) ? s : (MarketSlot?)null).ToArray();
        MemberMarkets = Enumerable.Range(0, Markets).Where(m => SlotOf[m] is not null).ToArray();
    }

    public OrderBookSet Books { get; }
    public MarketTicker[] Tickers { get; }
    public IReadOnlyList<Relationship> Relationships { get; }
    public MispricingDetector Detector { get; }

    /// <summary>Each market's book and detector slot (null for the few markets no relationship drew), interned once.</summary>
    public OrderBook[] BookOf { get; }
    public MarketSlot?[] SlotOf { get; }

    /// <summary>Markets that belong to at least one relationship.</summary>
    public int[] MemberMarkets { get; }

    private void Quote(MarketTicker ticker, int bidTicks, int askTicks)
    {
        Books.GetOrAdd(ticker).ApplySnapshot(
            [new PriceLevel(Price.FromTicks(bidTicks), Quantity.FromContracts(50)), new PriceLevel(Price.FromTicks(bidTicks - 100), Quantity.FromContracts(200))],
            [new PriceLevel(Price.FromTicks(askTicks).Complement, Quantity.FromContracts(50)), new PriceLevel(Price.FromTicks(askTicks + 100).Complement, Quantity.FromContracts(200))]);
    }

    private static Relationship Make(RelationshipKind kind, MarketTicker[] members) => new()
    {
        Id = Relationship.MakeId(kind, members),
        Kind = kind,
        Markets = members,
        Constraint = "bench",
        Reasoning = "bench",
        Approval = ApprovalState.Approved,
    };
}
