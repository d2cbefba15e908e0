using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Scenarios.Constraints;
using KalshiTrader.Exchange.Scenarios.Injections;

namespace KalshiTrader.Exchange.Scenarios;

/// <summary>
/// A market set the local exchange can run: it lists its series, events and markets on an engine, keeps a model of
/// each market's fair YES probability (what simulated participants quote around), fires its mispricing injections
/// at their times, and at the end decides every outcome consistently with the model and settles.
/// <para>
/// Threading: every method that touches the engine takes <see cref="MatchingEngine.SyncRoot"/> itself, so a server
/// and a <see cref="ScenarioHost"/> may share the engine.
/// </para>
/// </summary>
public interface IScenario
{
    /// <summary>The registry name ("btc-ladder", "demo", ...).</summary>
    string Name { get; }

    string Description { get; }

    /// <summary>Whether simulated participants should trade when the caller did not say (built-ins: yes).</summary>
    bool ParticipantsByDefault { get; }

    /// <summary>The engine after <see cref="Install"/>; null before.</summary>
    MatchingEngine? Engine { get; }

    /// <summary>Adds series, events and markets (all active) to a fresh engine and opens the injector account. Call once.</summary>
    void Install(MatchingEngine engine);

    /// <summary>Every market the scenario listed, in a stable order.</summary>
    IReadOnlyList<MarketTicker> Markets { get; }

    /// <summary>The model's fair YES probability for a market at the last <see cref="Advance"/>, or null when it has none.</summary>
    double? FairValue(MarketTicker ticker);

    /// <summary>Moves the model to <paramref name="now"/> and places every injection that has come due.</summary>
    void Advance(DateTimeOffset now);

    /// <summary>The structural constraints that truly hold between the scenario's markets (what an arbitrage may rely on).</summary>
    IReadOnlyList<ScenarioConstraint> Constraints { get; }

    /// <summary>Injections placed so far (each with type, markets, time and expected edge), in order.</summary>
    IReadOnlyList<InjectionRecord> Injections { get; }

    /// <summary>Injections still to come, with their planned times.</summary>
    IReadOnlyList<PlannedInjection> InjectionSchedule { get; }

    /// <summary>Decides every unsettled market's outcome from the model (consistently across linked markets) and pays out now.</summary>
    Task<ScenarioSettlement> SettleAllAsync(CancellationToken cancellationToken);
}

/// <summary>How to build a scenario.</summary>
/// <param name="Seed">All randomness (model paths, participants, outcomes) comes from this.</param>
/// <param name="Duration">The planned run length: injection times scale to it.</param>
/// <param name="BtcCsvPath">Optional 1-minute BTC bars (open_time,open,high,low,close,volume) to drive the BTC ladder.</param>
public sealed record ScenarioOptions(ulong Seed = 1, TimeSpan? Duration = null, string? BtcCsvPath = null)
{
    public TimeSpan RunLength => Duration is { } d && d > TimeSpan.Zero ? d : TimeSpan.FromMinutes(2);
}
