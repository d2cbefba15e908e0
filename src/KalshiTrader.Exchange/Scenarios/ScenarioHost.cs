using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Participants;

namespace KalshiTrader.Exchange.Scenarios;

/// <summary>
/// Runs a scenario on an engine: every <see cref="ParticipantOptions.Interval"/> of the engine's time it advances the
/// model (firing due injections) and lets the participants act, all under the engine's lock. The makers quote once
/// at construction so every market starts two-sided. Tests call <see cref="Step"/> directly with a manual clock.
/// </summary>
public sealed class ScenarioHost
{
    private readonly MatchingEngine _engine;
    private readonly TimeProvider _time;

    public ScenarioHost(MatchingEngine engine, IScenario scenario, ParticipantOptions? options = null, TimeProvider? time = null)
    {
        _engine = engine;
        Scenario = scenario;
        Options = options ?? new ParticipantOptions();
        _time = time ?? engine.Time;
        MarketMakers = Enumerable.Range(0, Options.MarketMakers).Select(i => new MarketMaker(engine, scenario, Options, i)).ToArray();
        NoiseTakers = Enumerable.Range(0, Options.NoiseTakers).Select(i => new NoiseTaker(engine, scenario, Options, i)).ToArray();
        lock (engine.SyncRoot)
        {
            scenario.Advance(engine.Now);
            foreach (var m in MarketMakers) m.Step();
        }
    }

    public IScenario Scenario { get; }

    public ParticipantOptions Options { get; }

    public IReadOnlyList<MarketMaker> MarketMakers { get; }

    public IReadOnlyList<NoiseTaker> NoiseTakers { get; }

    public long Steps { get; private set; }

    /// <summary>One tick at the engine's current time.</summary>
    public void Step()
    {
        lock (_engine.SyncRoot)
        {
            var now = _engine.Now;
            Scenario.Advance(now);
            Steps++;
            if (!Options.Live) return;
            foreach (var m in MarketMakers) m.Step();
            foreach (var n in NoiseTakers) n.Step(now);
        }
    }

    /// <summary>Steps every interval until cancelled (returns normally on cancellation).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Step();
            try
            {
                await Task.Delay(Options.Interval, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
