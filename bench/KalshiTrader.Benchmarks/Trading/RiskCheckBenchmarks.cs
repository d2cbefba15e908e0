using BenchmarkDotNet.Attributes;
using KalshiTrader.Core.Books;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Trading.Risk;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Benchmarks.Trading;

/// <summary>
/// The pre-trade risk check on one order (every rule, the write bucket refilled), the cost the engine adds to
/// each submit before the exchange round trip. Run: dotnet run -c Release --project bench/KalshiTrader.Benchmarks -- --filter '*RiskCheck*' --job short
/// </summary>
[MemoryDiagnoser]
public class RiskCheckBenchmarks
{
    private RiskManager _risk = null!;
    private RiskCheckInput _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        var limits = new RiskLimits { WritesPerSecond = 1e12, WriteBurst = 10_000, MaxRiskPerTrade = 1m };
        _risk = new RiskManager(limits, new WriteRateLimiter(TimeProvider.System, limits.WritesPerSecond, limits.WriteBurst));
        var ticker = new MarketTicker("KXT-E-A");
        var book = new OrderBook(ticker);
        book.ApplySnapshot([new PriceLevel(Price.FromCents(40), Quantity.FromContracts(100))], [new PriceLevel(Price.FromCents(55), Quantity.FromContracts(100))]);
        var now = DateTimeOffset.UtcNow;
        _input = new RiskCheckInput
        {
            Intent = OrderIntent.BuyYes(ticker, Price.FromCents(45), Quantity.FromContracts(10)),
            Now = now,
            Market = new Market { Ticker = ticker, EventTicker = "KXT-E", Status = MarketStatus.Active, CloseTime = now.AddDays(1), PriceLevelStructure = "linear_cent" },
            Book = new BookRead(book, BookState.Fresh, TimeSpan.Zero, null),
            AvailableCash = Money.FromCents(1_000_000),
            RiskBase = Money.FromCents(1_000_000),
        };
    }

    [Benchmark]
    public RiskDenial? CheckOneOrder() => _risk.Check(_input);
}
