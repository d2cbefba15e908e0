using KalshiTrader.Core.Books;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Participants;
using KalshiTrader.Exchange.Scenarios;

namespace KalshiTrader.Exchange.Tests.Scenarios;

/// <summary>A scenario on an engine with a standing clock, stepped by hand (no real sleeps).</summary>
internal sealed class ScenarioRun
{
    public static readonly DateTimeOffset Start = new(2026, 11, 21, 16, 30, 0, TimeSpan.Zero);

    public ScenarioRun(IScenario scenario, ulong seed = 7, bool live = true, int noiseTakers = 2)
    {
        Clock = new ExchangeClock(Start);
        Engine = new MatchingEngine(Clock, new MatchingEngineOptions { Seed = seed });
        Scenario = scenario;
        scenario.Install(Engine);
        Host = new ScenarioHost(Engine, scenario, new ParticipantOptions { Live = live, Seed = seed, NoiseTakers = noiseTakers });
    }

    public static ScenarioRun Demo(ulong seed = 7, TimeSpan? duration = null, bool live = true, int noiseTakers = 2) =>
        new(DemoScenario.Create(seed, duration ?? TimeSpan.FromSeconds(60)), seed, live, noiseTakers);

    public ExchangeClock Clock { get; }
    public MatchingEngine Engine { get; }
    public IScenario Scenario { get; }
    public ScenarioHost Host { get; }
    public BuiltInScenario BuiltIn => (BuiltInScenario)Scenario;

    public void Run(TimeSpan span, TimeSpan? step = null, Action? afterEach = null)
    {
        var dt = step ?? TimeSpan.FromMilliseconds(500);
        for (var t = TimeSpan.Zero; t < span; t += dt)
        {
            Clock.Advance(dt);
            Host.Step();
            afterEach?.Invoke();
        }
    }

    public OrderBook Book(MarketTicker ticker)
    {
        var snap = Engine.GetBook(ticker)!;
        var book = new OrderBook(ticker);
        book.ApplySnapshot(snap.YesBids.ToArray(), snap.NoBids.ToArray());
        return book;
    }

    /// <summary>Every book's levels, as text: two runs are identical exactly when these are.</summary>
    public string Fingerprint() => string.Join("\n", Scenario.Markets.Select(t =>
    {
        var b = Engine.GetBook(t)!;
        return $"{t} Y[{string.Join(" ", b.YesBids.Select(l => $"{l.Price}x{l.Size}"))}] N[{string.Join(" ", b.NoBids.Select(l => $"{l.Price}x{l.Size}"))}]";
    }));
}
