using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Scenarios.Constraints;
using KalshiTrader.Exchange.Scenarios.Injections;

namespace KalshiTrader.Exchange.Scenarios;

/// <summary>
/// Gives participants a fair value on markets someone else listed (a <c>--scenario-file</c> load): each active
/// market's fair starts at its book's mid (last price, else 0.5) and drifts slowly in log-odds. It lists nothing,
/// injects nothing and does not trade by default (a loaded file stays still unless <c>--participants</c> asks).
/// Settlement draws outcomes from the fair values, with at most one YES per mutually exclusive event.
/// </summary>
public sealed class LoadedMarketsScenario(ulong seed = 1) : IScenario
{
    private readonly ScenarioRandom _walk = new(seed, "loaded-walk");
    private readonly ScenarioRandom _outcome = new(seed, "loaded-outcome");
    private readonly Dictionary<MarketTicker, double> _logOdds = [];
    private readonly List<MarketTicker> _markets = [];
    private DateTimeOffset _now;

    public string Name => "file";

    public string Description => "markets loaded from a file; fair values anchored at the loaded books";

    public bool ParticipantsByDefault => false;

    public MatchingEngine? Engine { get; private set; }

    public IReadOnlyList<MarketTicker> Markets => _markets;

    public IReadOnlyList<ScenarioConstraint> Constraints => [];

    public IReadOnlyList<InjectionRecord> Injections => [];

    public IReadOnlyList<PlannedInjection> InjectionSchedule => [];

    /// <summary>Reads the markets already on <paramref name="engine"/> (load the file first).</summary>
    public void Install(MatchingEngine engine)
    {
        lock (engine.SyncRoot)
        {
            Engine = engine;
            _now = engine.Now;
            foreach (var m in engine.GetMarkets().Where(m => m.Status == MarketStatus.Active))
            {
                var mid = m.YesBid is { } b && m.YesAsk is { } a ? (double)(b.Dollars + a.Dollars) / 2 : m.LastPrice is { } l ? (double)l.Dollars : 0.5;
                var p = Math.Clamp(mid, 0.001, 0.999);
                _logOdds[m.Ticker] = Math.Log(p / (1 - p));
                _markets.Add(m.Ticker);
            }
        }
    }

    public double? FairValue(MarketTicker ticker) => _logOdds.TryGetValue(ticker, out var x) ? 1 / (1 + Math.Exp(-x)) : null;

    public void Advance(DateTimeOffset now)
    {
        var seconds = (now - _now).TotalSeconds;
        if (seconds <= 0) return;
        _now = now;
        foreach (var t in _markets) _logOdds[t] += 0.01 * Math.Sqrt(seconds) * _walk.Normal();
    }

    public Task<ScenarioSettlement> SettleAllAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var engine = Engine ?? throw new InvalidOperationException("not installed");
        lock (engine.SyncRoot)
        {
            var outcomes = new List<MarketOutcome>();
            var problems = new List<string>();
            foreach (var group in _markets.GroupBy(t => engine.GetMarket(t)!.EventTicker))
            {
                var members = group.ToList();
                var exclusive = engine.GetEvent(group.Key, withMarkets: false)?.MutuallyExclusive == true;
                if (exclusive)
                {
                    var fair = members.Select(t => FairValue(t) ?? 0).ToList();
                    var total = fair.Sum();
                    var winner = _outcome.PickIndex(total > 1 ? fair.Select(f => f / total).ToList() : fair);
                    outcomes.AddRange(members.Select((t, i) => new MarketOutcome(t, i == winner ? MarketResult.Yes : MarketResult.No, "drawn from fair values (exclusive)")));
                }
                else
                {
                    outcomes.AddRange(members.Select(t => new MarketOutcome(t, _outcome.Chance(FairValue(t) ?? 0.5) ? MarketResult.Yes : MarketResult.No, "drawn from fair value")));
                }
            }

            foreach (var o in outcomes)
            {
                if (engine.GetMarket(o.Ticker) is { Status: MarketStatus.Determined or MarketStatus.Finalized }) continue;
                var done = engine.Determine(o.Ticker, o.Result, finalizeNow: true);
                if (!done.IsOk) problems.Add($"{o.Ticker}: {done.Error}");
            }

            return Task.FromResult(new ScenarioSettlement(engine.Now, outcomes, problems));
        }
    }
}
