using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Scenarios;

namespace KalshiTrader.Exchange.Participants;

/// <summary>
/// Crosses the spread at random (exponentially spaced) times: buys YES or NO on a random active market with an
/// immediate-or-cancel order at the best ask, for one to a few contracts. It moves books and eats stale liquidity,
/// so mispricings vanish as well as appear.
/// </summary>
public sealed class NoiseTaker
{
    private readonly MatchingEngine _engine;
    private readonly IScenario _scenario;
    private readonly ParticipantOptions _options;
    private readonly ScenarioRandom _random;
    private DateTimeOffset? _next;
    private int _nextClientId;

    public NoiseTaker(MatchingEngine engine, IScenario scenario, ParticipantOptions options, int index)
    {
        _engine = engine;
        _scenario = scenario;
        _options = options;
        Name = $"noise-{index + 1}";
        _random = new ScenarioRandom(options.Seed, Name);
        lock (engine.SyncRoot) Account = engine.CreateAccount(Name, options.TakerDeposit);
    }

    public string Name { get; }

    public AccountId Account { get; }

    public int Trades { get; private set; }

    /// <summary>Takes every trade that has come due by <paramref name="now"/>. Call under the engine lock.</summary>
    public void Step(DateTimeOffset now)
    {
        _next ??= now + Gap();
        var markets = _scenario.Markets;
        while (_next <= now && markets.Count > 0)
        {
            _next += Gap();
            var ticker = markets[_random.Next(markets.Count)];
            var buys = _random.Chance(0.5) ? Outcome.Yes : Outcome.No;
            var count = Quantity.FromContracts(_random.Next(1, _options.NoiseMaxContracts + 1));
            if (_engine.GetMarket(ticker) is not { Status: MarketStatus.Active } || _engine.GetBook(ticker, 1) is not { } book) continue;
            // Buying YES lifts the best NO bid's complement; buying NO hits the best YES bid.
            var yesPrice = buys == Outcome.Yes
                ? book.NoBids.Count > 0 ? book.NoBids[^1].Price.Complement : (Price?)null
                : book.YesBids.Count > 0 ? book.YesBids[^1].Price : null;
            if (yesPrice is not { } p) continue;
            var placed = _engine.Place(Account, new OrderRequest
            {
                Ticker = ticker,
                Side = buys.ToBuy(),
                YesPrice = p,
                Count = count,
                TimeInForce = TimeInForce.ImmediateOrCancel,
                ClientOrderId = new ClientOrderId($"{Name}-{++_nextClientId}"),
            });
            if (placed.IsOk && placed.Value.FillCount.IsPositive) Trades++;
        }
    }

    private TimeSpan Gap() => TimeSpan.FromSeconds(-Math.Log(1 - _random.NextDouble()) * _options.NoiseMeanInterval.TotalSeconds);
}
