using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Scenarios.Constraints;
using KalshiTrader.Exchange.Scenarios.Injections;
using KalshiTrader.Exchange.Scenarios.Models;

namespace KalshiTrader.Exchange.Scenarios;

/// <summary>
/// A scenario made of model parts (BTC ladder, TSA ladder, presidential event, Fed buckets and deadlines, CPI), with
/// an optional injection schedule. Built by <see cref="ScenarioRegistry"/> and <see cref="DemoScenario"/>.
/// </summary>
public class BuiltInScenario : IScenario
{
    /// <summary>Cash the injector account starts with: enough to sweep any book the participants build.</summary>
    public static readonly Money InjectorDeposit = Money.FromCents(1_000_000_00);

    private readonly List<ScenarioPart> _parts;
    private readonly List<(InjectionKind Kind, double Fraction)> _schedule;
    private readonly List<PlannedInjection> _pending = [];
    private readonly List<InjectionRecord> _injections = [];
    private readonly List<MarketTicker> _markets = [];
    private readonly List<ScenarioConstraint> _constraints = [];
    private InjectionPlanner? _planner;
    private bool _settled;

    internal BuiltInScenario(string name, string description, ScenarioOptions options, IEnumerable<ScenarioPart> parts,
        IEnumerable<(InjectionKind Kind, double Fraction)>? schedule = null)
    {
        Name = name;
        Description = description;
        Options = options;
        _parts = [.. parts];
        _schedule = [.. schedule ?? []];
    }

    public string Name { get; }

    public string Description { get; }

    public ScenarioOptions Options { get; }

    public bool ParticipantsByDefault => true;

    public MatchingEngine? Engine { get; private set; }

    /// <summary>The account that holds injected liquidity (default until installed).</summary>
    public AccountId InjectorAccount { get; private set; }

    public DateTimeOffset StartTime { get; private set; }

    public IReadOnlyList<MarketTicker> Markets => _markets;

    public IReadOnlyList<ScenarioConstraint> Constraints => _constraints;

    public IReadOnlyList<InjectionRecord> Injections
    {
        get
        {
            lock (_injections) return _injections.ToArray();
        }
    }

    public IReadOnlyList<PlannedInjection> InjectionSchedule
    {
        get
        {
            lock (_injections) return _pending.ToArray();
        }
    }

    /// <summary>How long each injection's orders rest: 9% of the run, between 4 and 90 seconds.</summary>
    public TimeSpan InjectionLifetime => TimeSpan.FromSeconds(Math.Clamp(Options.RunLength.TotalSeconds * 0.09, 4, 90));

    public void Install(MatchingEngine engine)
    {
        if (Engine is not null) throw new InvalidOperationException($"scenario {Name} is already installed");
        lock (engine.SyncRoot)
        {
            Engine = engine;
            StartTime = engine.Now;
            foreach (var part in _parts)
            {
                part.Build(StartTime);
                foreach (var s in part.Series) engine.AddSeries(s);
                foreach (var e in part.Events) engine.AddEvent(e);
                foreach (var m in part.Markets)
                {
                    engine.AddMarket(m).Unwrap();
                    _markets.Add(m.Ticker);
                }

                _constraints.AddRange(part.Constraints);
            }

            InjectorAccount = engine.CreateAccount("injector", InjectorDeposit, AccountKind.DirectMember);
            var injector = new Injector(engine, InjectorAccount, _constraints);
            _planner = new InjectionPlanner(injector, FairValue, _constraints,
                _parts.OfType<BtcLadderPart>().FirstOrDefault(), _parts.OfType<PresidentialPart>().FirstOrDefault(),
                _parts.OfType<FedPart>().FirstOrDefault(), _parts.OfType<CpiPart>().FirstOrDefault());
            lock (_injections)
            {
                foreach (var (kind, fraction) in _schedule)
                {
                    _pending.Add(new PlannedInjection(kind, StartTime + (Options.RunLength * fraction), InjectionLifetime));
                }
            }
        }
    }

    public double? FairValue(MarketTicker ticker)
    {
        foreach (var part in _parts)
        {
            if (part.Fair(ticker) is { } p) return p;
        }

        return null;
    }

    public void Advance(DateTimeOffset now)
    {
        var engine = Engine ?? throw new InvalidOperationException($"scenario {Name} is not installed");
        lock (engine.SyncRoot)
        {
            if (_settled) return;
            foreach (var part in _parts) part.Advance(now);
            while (true)
            {
                PlannedInjection? due;
                lock (_injections)
                {
                    due = _pending.Count > 0 && _pending[0].At <= now ? _pending[0] : null;
                    if (due is not null) _pending.RemoveAt(0);
                }

                if (due is null) break;
                var record = _planner!.Inject(due.Kind, due.Lifetime);
                if (RetryLater(due, record, now) is { } retry)
                {
                    lock (_injections) InsertPending(retry);
                    continue;
                }

                lock (_injections) _injections.Add(record);
            }
        }
    }

    /// <summary>
    /// A planned injection that found no clean way to break its constraint (the planner placed nothing) is tried again
    /// a little later: whether one exists depends on where the participants' quotes happen to be, which varies with
    /// timing, so one unlucky moment should not drop a whole kind from a run. Only while the run has room for it.
    /// </summary>
    private PlannedInjection? RetryLater(PlannedInjection due, InjectionRecord record, DateTimeOffset now)
    {
        if (record.Verified || record.Orders.Count > 0 || due.Attempt >= MaxInjectionAttempts) return null;
        var at = now + InjectionRetryDelay;
        var latest = StartTime + (Options.RunLength * 0.9) - due.Lifetime;
        return at <= latest ? due with { At = at, Attempt = due.Attempt + 1 } : null;
    }

    private const int MaxInjectionAttempts = 5;

    private TimeSpan InjectionRetryDelay => TimeSpan.FromSeconds(Math.Clamp(Options.RunLength.TotalSeconds * 0.02, 1, 10));

    // Keeps _pending ordered by time (callers hold the _injections lock).
    private void InsertPending(PlannedInjection planned)
    {
        var index = _pending.FindIndex(p => p.At > planned.At);
        if (index < 0) _pending.Add(planned);
        else _pending.Insert(index, planned);
    }

    /// <summary>Places one injection now, outside the schedule (tests and the admin API use this).</summary>
    public InjectionRecord InjectNow(InjectionKind kind, TimeSpan? lifetime = null)
    {
        var engine = Engine ?? throw new InvalidOperationException($"scenario {Name} is not installed");
        lock (engine.SyncRoot)
        {
            var record = _planner!.Inject(kind, lifetime ?? InjectionLifetime);
            lock (_injections) _injections.Add(record);
            return record;
        }
    }

    public Task<ScenarioSettlement> SettleAllAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var engine = Engine ?? throw new InvalidOperationException($"scenario {Name} is not installed");
        lock (engine.SyncRoot)
        {
            var now = engine.Now;
            var outcomes = new List<MarketOutcome>();
            var problems = new List<string>();
            foreach (var part in _parts)
            {
                foreach (var o in part.Decide(now))
                {
                    outcomes.Add(o);
                    var market = engine.GetMarket(o.Ticker);
                    if (market is null || market.Status is MarketStatus.Determined or MarketStatus.Finalized) continue;
                    var done = engine.Determine(o.Ticker, o.Result, finalizeNow: true);
                    if (!done.IsOk) problems.Add($"{o.Ticker}: {done.Error}");
                }
            }

            _settled = true;
            lock (_injections) _pending.Clear();
            return Task.FromResult(new ScenarioSettlement(now, outcomes, problems));
        }
    }
}
