using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Relationships;

namespace KalshiTrader.Strategies.Mispricing.Llm;

/// <summary>
/// What the checks made of one proposal: a candidate relationship with notes, or the reason it was refused. A refused
/// proposal comes with <see cref="RejectedRecord"/> (state rejected, the reason in <see cref="Relationship.StateReason"/>)
/// to store, unless a relationship of that id is already stored (a person's decision is never overwritten).
/// </summary>
internal sealed record CheckOutcome(Relationship? Candidate, string? Rejected, string? Skipped, IReadOnlyList<string> Notes)
{
    public Relationship? RejectedRecord { get; init; }
}

/// <summary>
/// Checks a model's proposal against what the exchange says, before any strong model sees it:
/// every ticker exists and is open; the claimed direction agrees with structural facts (strike order for thresholds,
/// deadline order for "by &lt;date&gt;" markets, nested thresholds are never a partition); settlement sources and times
/// are compared (a hard link across different sources or, for a ladder, different times is refused; otherwise the
/// comparison is kept as a note). A proposal already covered by a stored or structural link is skipped.
/// </summary>
internal sealed class ProposalChecks
{
    private readonly Dictionary<string, (Market Market, Event Event)> _markets = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<SeriesTicker, Series>? _series;
    private readonly Dictionary<string, Relationship> _known;
    private readonly List<Relationship> _structural;
    private readonly LlmSettings _settings;

    public ProposalChecks(IReadOnlyList<Event> events, IReadOnlyDictionary<SeriesTicker, Series>? series, IEnumerable<Relationship> known, LlmSettings settings)
    {
        foreach (var e in events)
        {
            foreach (var m in e.Markets) _markets.TryAdd(m.Ticker.Value, (m, e));
        }

        _series = series;
        _known = known.GroupBy(r => r.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        _structural = _known.Values.Where(r => r.Source == RelationshipSource.Structural && r.IsLive).ToList();
        _settings = settings;
    }

    /// <summary>Adds a relationship stored during this run, so a second proposal of it is skipped.</summary>
    public void Remember(Relationship r) => _known[r.Id] = r;

    public CheckOutcome Check(LlmProposal p, DateTimeOffset now)
    {
        var notes = new List<string>();
        var (kind, ordered, exhaustive) = Canonical(p);
        var tickers = ordered.Select(t => new MarketTicker(t)).ToList();
        var id = "llm-" + Relationship.MakeId(kind, tickers, exhaustive);
        foreach (var t in p.Members)
        {
            if (!_markets.TryGetValue(t, out var found)) return Reject($"unknown ticker {t}: not a market of the scanned universe");
            if (!StructuralDiscovery.IsOpen(found.Market)) return Reject($"{t} is not open (status {found.Market.Status})");
        }

        var members = ordered.Select(t => _markets[t]).ToList();

        if (DirectionProblem(kind, members, notes) is { } direction) return Reject(direction);
        if (SettlementProblem(kind, members, notes) is { } settlement) return Reject(settlement);

        if (_known.TryGetValue(id, out var stored)) return Skip($"already stored ({RelationshipWire.ToWire(stored.Approval)}) as {id}");
        if (CoveredBy(kind, tickers) is { } cover) return Skip($"already covered by structural relationship {cover.Id}");
        return new CheckOutcome(Build(id, kind, tickers, exhaustive, p, now), null, null, notes);

        CheckOutcome Reject(string why) => new(null, why, null, notes)
        {
            RejectedRecord = _known.ContainsKey(id) ? null : Build(id, kind, tickers, exhaustive, p, now) with { Approval = ApprovalState.Rejected, StateReason = why },
        };

        CheckOutcome Skip(string why) => new(null, null, why, notes);
    }

    /// <summary>
    /// Re-runs the direction and settlement checks on an already stored relationship (members in its stored order)
    /// against the markets this instance was built over: the reason it no longer passes, or null. Members must be known.
    /// </summary>
    public string? Recheck(Relationship r)
    {
        var members = r.Markets.Select(t => _markets[t.Value]).ToList();
        var notes = new List<string>();
        return DirectionProblem(r.Kind, members, notes) ?? SettlementProblem(r.Kind, members, notes);
    }

    // Members the scanned universe does not know (a refused proposal may name them) contribute their ticker only.
    private Relationship Build(string id, RelationshipKind kind, List<MarketTicker> tickers, bool exhaustive, LlmProposal p, DateTimeOffset now)
    {
        var members = tickers.Where(t => _markets.ContainsKey(t.Value)).Select(t => _markets[t.Value]).ToList();
        return new Relationship
        {
            Id = id,
            Kind = kind,
            Markets = tickers,
            Exhaustive = exhaustive,
            Constraint = Constraint(kind, tickers, exhaustive),
            Confidence = p.Confidence,
            Reasoning = p.Reasoning,
            Source = RelationshipSource.Llm,
            Approval = ApprovalState.Proposed,
            Slack = kind == RelationshipKind.SoftImplication ? _settings.ImplicationSlack : Price.Zero,
            Events = members.Select(m => m.Event.Ticker).Distinct().ToList(),
            Rules = members.Select(m => new MemberRules(m.Market.Ticker, m.Market.RulesPrimary, SettlesAt(m.Market))).ToList(),
            SettlementSources = members.SelectMany(m => Sources(m.Event)).Distinct().ToList(),
            CreatedAt = now,
            LastValidatedAt = now,
        };
    }

    /// <summary>
    /// The proposal in the member order <see cref="RelationshipKind"/> defines: Subset and SoftImplication are
    /// [implied, implier]; a ladder is weakest first; a partition is sorted.
    /// </summary>
    public static (RelationshipKind Kind, IReadOnlyList<string> Markets, bool Exhaustive) Canonical(LlmProposal p) => p.Type switch
    {
        ProposalType.Subset or ProposalType.Implication =>
            (p.Type == ProposalType.Subset ? RelationshipKind.Subset : RelationshipKind.SoftImplication,
             p.Direction == "first_implies_second" ? [p.Members[1], p.Members[0]] : [p.Members[0], p.Members[1]],
             false),
        ProposalType.Threshold => (RelationshipKind.ThresholdLadder, p.Direction == "weakest_first" ? p.Members : p.Members.Reverse().ToList(), false),
        _ => (RelationshipKind.ExclusiveSet, p.Members.Order(StringComparer.Ordinal).ToList(), p.Direction == "exactly_one"),
    };

    private static string? DirectionProblem(RelationshipKind kind, List<(Market Market, Event Event)> members, List<string> notes)
    {
        if (kind == RelationshipKind.ExclusiveSet)
        {
            for (var i = 0; i < members.Count; i++)
            {
                for (var j = i + 1; j < members.Count; j++)
                {
                    var (a, b) = (members[i].Market, members[j].Market);
                    if (SameLadder(a, b)) return $"{a.Ticker} and {b.Ticker} are nested thresholds on one underlying (both resolve YES together), so they are not a partition";
                    if (SameDeadlineSeries(a, b, out _, out _)) return $"{a.Ticker} and {b.Ticker} are \"by <date>\" markets of one question (both resolve YES together), so they are not a partition";
                }
            }

            return null;
        }

        // Ordered kinds: members[i] is claimed weaker than members[i + 1] (YES of the later implies YES of the earlier).
        if (kind == RelationshipKind.ThresholdLadder)
        {
            var facts = members.Select(m => StrikeFacts.Of(m.Market)).ToList();
            var directions = facts.Select(f => f.Direction).Distinct().ToList();
            if (directions.Count > 1)
            {
                return directions.Contains(StrikeDirection.None)
                    ? NoteUnverifiable(notes, members, facts)
                    : "THRESHOLD mixes \"above\" and \"below\" strikes, which do not form one ladder";
            }

            if (directions[0] == StrikeDirection.None)
            {
                notes.Add("strike order not verifiable: no member has floor/cap strike metadata");
                return null;
            }
        }

        for (var i = 0; i + 1 < members.Count; i++)
        {
            var (weak, strong) = (members[i].Market, members[i + 1].Market);
            var (fw, fs) = (StrikeFacts.Of(weak), StrikeFacts.Of(strong));
            var comparable = fw.Direction != StrikeDirection.None && fw.Direction == fs.Direction
                             && (kind == RelationshipKind.ThresholdLadder || SameLadder(weak, strong));
            if (comparable && StrikeFacts.CompareWeakestFirst(fw, fs) > 0)
            {
                return $"contradicts strike order: claims YES({strong.Ticker} {Show(fs)}) implies YES({weak.Ticker} {Show(fw)}), " +
                       $"but {weak.Ticker} is the harder strike";
            }

            if (SameDeadlineSeries(weak, strong, out var dw, out var ds) && dw < ds)
            {
                return $"contradicts deadline order: claims YES({strong.Ticker} by {ds:yyyy-MM-dd}) implies YES({weak.Ticker} by {dw:yyyy-MM-dd}), " +
                       "but the earlier deadline is the harder one";
            }
        }

        return null;
    }

    private static string? NoteUnverifiable(List<string> notes, List<(Market Market, Event Event)> members, List<StrikeFacts> facts)
    {
        notes.Add("strike order only partly verifiable: " + string.Join(", ",
            members.Zip(facts).Where(x => x.Second.Direction == StrikeDirection.None).Select(x => $"{x.First.Market.Ticker} has no floor/cap strike")));
        return null;
    }

    private string? SettlementProblem(RelationshipKind kind, List<(Market Market, Event Event)> members, List<string> notes)
    {
        var hard = kind is not RelationshipKind.SoftImplication;
        var sources = members.Select(m => (m.Market.Ticker, Names: SourceKey(Sources(m.Event)))).ToList();
        var unknown = sources.Where(s => s.Names.Length == 0).Select(s => s.Ticker.Value).ToList();
        var distinct = sources.Where(s => s.Names.Length > 0).Select(s => s.Names).Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > 1)
        {
            var detail = string.Join("; ", sources.Select(s => $"{s.Ticker}: {(s.Names.Length == 0 ? "unknown" : s.Names)}"));
            if (hard) return $"settlement sources differ ({detail}); a logical link needs one source — at most an IMPLICATION";
            notes.Add($"settlement sources differ ({detail})");
        }
        else if (distinct.Count == 1)
        {
            notes.Add($"settlement source: {distinct[0]}");
        }

        if (unknown.Count > 0) notes.Add($"settlement source unknown for {string.Join(", ", unknown)}");

        var times = members.Select(m => SettlesAt(m.Market)).Distinct().ToList();
        if (times.Count > 1)
        {
            var detail = string.Join("; ", members.Select(m => $"{m.Market.Ticker}: {SettlesAt(m.Market):u}"));
            if (kind == RelationshipKind.ThresholdLadder) return $"settlement times differ ({detail}); a threshold ladder settles once";
            notes.Add($"settlement times differ ({detail})");
        }

        var templates = members.Select(m => RulesTemplates.StrikeTemplate(m.Market.RulesPrimary)).Distinct(StringComparer.Ordinal).Count();
        notes.Add(templates == 1 ? "rules identical apart from numbers" : "rules wording differs beyond the numbers: a person must confirm they measure the same thing");
        return null;
    }

    private Relationship? CoveredBy(RelationshipKind kind, IReadOnlyList<MarketTicker> tickers)
    {
        var compatible = kind switch
        {
            RelationshipKind.ExclusiveSet => [RelationshipKind.ExclusiveSet],
            _ => new[] { RelationshipKind.ThresholdLadder, RelationshipKind.DeadlineLadder },
        };
        foreach (var r in _structural)
        {
            if (!compatible.Contains(r.Kind)) continue;
            var index = tickers.Select(t => IndexOf(r.Markets, t)).ToList();
            if (index.Any(i => i < 0)) continue;
            // Exclusive sets are unordered; a ladder covers the claim only in the same order (weakest first).
            if (kind == RelationshipKind.ExclusiveSet || index.Zip(index.Skip(1)).All(x => x.First < x.Second)) return r;
        }

        return null;
    }

    private static int IndexOf(IReadOnlyList<MarketTicker> list, MarketTicker t)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == t) return i;
        }

        return -1;
    }

    private static bool SameLadder(Market a, Market b)
    {
        var (fa, fb) = (StrikeFacts.Of(a), StrikeFacts.Of(b));
        return fa.Direction != StrikeDirection.None && fa.Direction == fb.Direction
               && RulesTemplates.StrikeTemplate(a.RulesPrimary) == RulesTemplates.StrikeTemplate(b.RulesPrimary)
               && SettlesAt(a) == SettlesAt(b);
    }

    private static bool SameDeadlineSeries(Market a, Market b, out DateOnly dateA, out DateOnly dateB)
    {
        (dateA, dateB) = (default, default);
        if (RulesTemplates.DeadlineTemplate(a.RulesPrimary) is not { } da || RulesTemplates.DeadlineTemplate(b.RulesPrimary) is not { } db) return false;
        (dateA, dateB) = (da.Date, db.Date);
        return da.Template == db.Template && da.Date != db.Date;
    }

    private IReadOnlyList<SettlementSource> Sources(Event e)
    {
        if (e.SettlementSources.Count > 0) return e.SettlementSources;
        return _series is not null && _series.TryGetValue(e.SeriesTicker, out var s) ? s.SettlementSources : [];
    }

    private static string SourceKey(IReadOnlyList<SettlementSource> sources) =>
        string.Join(", ", sources.Select(s => s.Url is null ? s.Name : $"{s.Name} <{s.Url}>").Order(StringComparer.Ordinal));

    private static DateTimeOffset? SettlesAt(Market m) => m.ExpectedExpirationTime ?? m.CloseTime;

    private static string Show(StrikeFacts f) => f.Direction switch
    {
        StrikeDirection.Above => (f.Inclusive ? "≥" : ">") + ProposalSchema.Invariant(f.Strike),
        StrikeDirection.Below => (f.Inclusive ? "≤" : "<") + ProposalSchema.Invariant(f.Strike),
        _ => "(no strike)",
    };

    private static string Constraint(RelationshipKind kind, IReadOnlyList<MarketTicker> t, bool exhaustive) => kind switch
    {
        RelationshipKind.ExclusiveSet => exhaustive ? "Σ P(i) = 1" : "Σ P(i) ≤ 1",
        RelationshipKind.SoftImplication => $"P({t[1]}) ≲ P({t[0]})",
        _ => "P(" + string.Join(") ≥ P(", t.Select(x => x.Value)) + ")",
    };
}
