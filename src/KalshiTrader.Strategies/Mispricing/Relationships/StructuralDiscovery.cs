using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Strategies.Mispricing.Relationships;

/// <summary>
/// Finds relationships that exchange metadata alone proves: strike ladders, mutually exclusive sets (exhaustive
/// only where the strikes tile the whole line), "by &lt;date&gt;" deadline ladders, and bucket-vs-ladder triples.
/// Pure: the same universe always gives the same relationships with the same ids. Links proven outright are
/// approved; bucket-vs-ladder triples hinge on boundary inclusivity the metadata cannot show, so they are only proposed.
/// </summary>
public static class StructuralDiscovery
{
    /// <param name="events">Events with their nested markets.</param>
    /// <param name="series">Optional series by ticker, for their settlement sources.</param>
    /// <param name="now">Creation and validation time stamped on each relationship.</param>
    public static IReadOnlyList<Relationship> Discover(
        IReadOnlyList<Event> events, IReadOnlyDictionary<SeriesTicker, Series>? series, DateTimeOffset now)
    {
        var ctx = new Context(series, now);
        var result = new List<Relationship>();
        var ladders = new List<Ladder>();
        foreach (var e in events)
        {
            var open = e.Markets.Where(IsOpen).ToList();
            if (e.MutuallyExclusive && open.Count >= 2) result.Add(ExclusiveSet(ctx, e, open));
            ladders.AddRange(EventLadders(e, open));
        }

        foreach (var ladder in MergeAcrossEvents(ladders))
        {
            if (ladder.Members.Count >= 2) result.Add(ThresholdLadder(ctx, ladder));
        }

        result.AddRange(BucketLadders(ctx, events, ladders));
        result.AddRange(DeadlineLadders(ctx, events));
        return result;
    }

    /// <summary>Markets that can still trade or will: closed ones are settled questions and retire their links.</summary>
    public static bool IsOpen(Market m) => m.Status is MarketStatus.Initialized or MarketStatus.Active or MarketStatus.Inactive;

    private sealed record Context(IReadOnlyDictionary<SeriesTicker, Series>? Series, DateTimeOffset Now)
    {
        public IReadOnlyList<SettlementSource> Sources(Event e)
        {
            if (e.SettlementSources.Count > 0) return e.SettlementSources;
            return Series is not null && Series.TryGetValue(e.SeriesTicker, out var s) ? s.SettlementSources : [];
        }
    }

    private sealed class Ladder(Event e, StrikeDirection direction, List<(Market Market, StrikeFacts Facts)> members)
    {
        public List<Event> Events { get; } = [e];
        public StrikeDirection Direction { get; } = direction;
        public List<(Market Market, StrikeFacts Facts)> Members { get; } = members;
        public Event First => Events[0];
    }

    private static IEnumerable<Ladder> EventLadders(Event e, List<Market> open)
    {
        foreach (var direction in new[] { StrikeDirection.Above, StrikeDirection.Below })
        {
            var members = open.Select(m => (Market: m, Facts: StrikeFacts.Of(m))).Where(x => x.Facts.Direction == direction).ToList();
            if (members.Count > 0) yield return new Ladder(e, direction, members);
        }
    }

    // Ladders of one series listed as separate events (one event per strike, say) join when they share the
    // underlying, settlement sources and time, which shows as identical rules once the numbers are blanked.
    private static IEnumerable<Ladder> MergeAcrossEvents(List<Ladder> ladders)
    {
        var merged = new Dictionary<string, Ladder>(StringComparer.Ordinal);
        var output = new List<Ladder>();
        foreach (var ladder in ladders)
        {
            var key = LadderKey(ladder);
            if (key is null)
            {
                output.Add(ladder);
                continue;
            }

            if (merged.TryGetValue(key, out var into))
            {
                into.Events.Add(ladder.First);
                into.Members.AddRange(ladder.Members);
            }
            else
            {
                merged[key] = ladder;
                output.Add(ladder);
            }
        }

        foreach (var l in output) l.Members.Sort((x, y) => StrikeFacts.CompareWeakestFirst(x.Facts, y.Facts));
        return output;
    }

    private static string? LadderKey(Ladder ladder)
    {
        var templates = ladder.Members.Select(m => RulesTemplates.StrikeTemplate(m.Market.RulesPrimary)).Distinct().ToList();
        var times = ladder.Members.Select(m => TimeKey(m.Market)).Distinct().ToList();
        // Only a ladder whose members already agree on wording and time may absorb (or join) another event's.
        if (templates.Count != 1 || times.Count != 1 || templates[0].Length == 0) return null;
        var sources = string.Join("|", ladder.First.SettlementSources.Select(s => s.Name + "@" + s.Url));
        return string.Join("\n", ladder.First.SeriesTicker.Value, ladder.Direction, times[0], sources, templates[0]);
    }

    private static string TimeKey(Market m) => $"{m.CloseTime:O}|{m.ExpectedExpirationTime:O}";

    private static Relationship ThresholdLadder(Context ctx, Ladder ladder)
    {
        var tickers = ladder.Members.Select(m => m.Market.Ticker).ToList();
        var word = ladder.Direction == StrikeDirection.Above ? "above" : "below";
        var strikes = string.Join(", ", ladder.Members.Select(m => $"{m.Market.Ticker}{(m.Facts.Inclusive ? (ladder.Direction == StrikeDirection.Above ? "≥" : "≤") : (ladder.Direction == StrikeDirection.Above ? ">" : "<"))}{m.Facts.Strike}"));
        return new Relationship
        {
            Id = Relationship.MakeId(RelationshipKind.ThresholdLadder, tickers),
            Kind = RelationshipKind.ThresholdLadder,
            Markets = tickers,
            Constraint = "P(" + string.Join(") ≥ P(", tickers.Select(t => t.Value)) + ")",
            Confidence = 1m,
            Reasoning = $"Strike ladder ({word}) on one underlying, same settlement time and sources, ordered weakest first: {strikes}. " +
                        "YES at a harder strike implies YES at every easier one.",
            Source = RelationshipSource.Structural,
            Approval = ApprovalState.Approved,
            Events = ladder.Events.Select(e => e.Ticker).Distinct().ToList(),
            Rules = ladder.Members.Select(m => Rules(m.Market)).ToList(),
            SettlementSources = ctx.Sources(ladder.First),
            CreatedAt = ctx.Now,
            LastValidatedAt = ctx.Now,
        };
    }

    private static Relationship ExclusiveSet(Context ctx, Event e, List<Market> open)
    {
        // Exhaustive needs every market of the event (a closed one could be the YES) and strikes that tile the line.
        var (exhaustive, why) = open.Count == e.Markets.Count
            ? Tiling.Explain(open)
            : (false, $"{e.Markets.Count - open.Count} market(s) of the event are closed, so the open ones need not cover every outcome");
        var tickers = open.OrderBy(m => m.Ticker.Value, StringComparer.Ordinal).Select(m => m.Ticker).ToList();
        return new Relationship
        {
            Id = Relationship.MakeId(RelationshipKind.ExclusiveSet, tickers, exhaustive),
            Kind = RelationshipKind.ExclusiveSet,
            Markets = tickers,
            Exhaustive = exhaustive,
            Constraint = exhaustive ? "Σ P(i) = 1" : "Σ P(i) ≤ 1",
            Confidence = 1m,
            Reasoning = $"Event {e.Ticker} is mutually_exclusive (at most one YES). " +
                        (exhaustive ? "Exhaustive: " : "Not shown exhaustive: ") + why,
            Source = RelationshipSource.Structural,
            Approval = ApprovalState.Approved,
            Events = [e.Ticker],
            Rules = open.Select(Rules).ToList(),
            SettlementSources = ctx.Sources(e),
            CreatedAt = ctx.Now,
            LastValidatedAt = ctx.Now,
        };
    }

    private static IEnumerable<Relationship> BucketLadders(Context ctx, IReadOnlyList<Event> events, List<Ladder> ladders)
    {
        var above = ladders.Where(l => l.Direction == StrikeDirection.Above).ToList();
        foreach (var e in events)
        {
            foreach (var bucket in e.Markets.Where(m => IsOpen(m) && m.StrikeType == StrikeType.Between && m.FloorStrike is not null && m.CapStrike is not null))
            {
                var bucketTime = TimeKey(bucket);
                foreach (var ladder in above.Where(l => l.Events.Any(x => x.SeriesTicker == e.SeriesTicker)))
                {
                    var sameTime = ladder.Members.Where(m => TimeKey(m.Market) == bucketTime).ToList();
                    var low = sameTime.FirstOrDefault(m => m.Facts.Strike == bucket.FloorStrike && !m.Facts.Inclusive);
                    var high = sameTime.FirstOrDefault(m => m.Facts.Strike == bucket.CapStrike && !m.Facts.Inclusive);
                    if (low.Market is null || high.Market is null) continue;
                    var tickers = new List<MarketTicker> { low.Market.Ticker, bucket.Ticker, high.Market.Ticker };
                    yield return new Relationship
                    {
                        Id = Relationship.MakeId(RelationshipKind.BucketLadder, tickers),
                        Kind = RelationshipKind.BucketLadder,
                        Markets = tickers,
                        Constraint = $"P({low.Market.Ticker}) = P({bucket.Ticker}) + P({high.Market.Ticker})",
                        Confidence = 0.9m,
                        Reasoning = $"Bucket {bucket.Ticker} [{bucket.FloorStrike}, {bucket.CapStrike}] sits between thresholds " +
                                    $"{low.Market.Ticker} (>{low.Facts.Strike}) and {high.Market.Ticker} (>{high.Facts.Strike}) of series {e.SeriesTicker} " +
                                    "at the same time. The identity holds only if the bucket is (floor, cap]; metadata does not say which " +
                                    "end a between strike includes, so a person must confirm from the rules before it trades.",
                        Source = RelationshipSource.Structural,
                        Approval = ApprovalState.Proposed,
                        Events = new[] { e.Ticker }.Concat(ladder.Events.Select(x => x.Ticker)).Distinct().ToList(),
                        Rules = [Rules(low.Market), Rules(bucket), Rules(high.Market)],
                        SettlementSources = ctx.Sources(e),
                        CreatedAt = ctx.Now,
                        LastValidatedAt = ctx.Now,
                    };
                }
            }
        }
    }

    private static IEnumerable<Relationship> DeadlineLadders(Context ctx, IReadOnlyList<Event> events)
    {
        var groups = new Dictionary<string, List<(Market Market, Event Event, DateOnly Date)>>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var sources = string.Join("|", ctx.Sources(e).Select(s => s.Name + "@" + s.Url));
            foreach (var m in e.Markets.Where(IsOpen))
            {
                if (StrikeFacts.Of(m).Direction != StrikeDirection.None || m.StrikeType == StrikeType.Between) continue;
                if (RulesTemplates.DeadlineTemplate(m.RulesPrimary) is not { } d) continue;
                var key = string.Join("\n", e.SeriesTicker.Value, sources, m.CustomStrikeJson ?? "", d.Template);
                if (!groups.TryGetValue(key, out var list)) groups[key] = list = [];
                list.Add((m, e, d.Date));
            }
        }

        foreach (var group in groups.Values)
        {
            // Latest deadline first (weakest); a date shared by two markets says nothing about their order.
            var byDate = group.GroupBy(x => x.Date).Where(g => g.Count() == 1).Select(g => g.Single()).OrderByDescending(x => x.Date).ToList();
            if (byDate.Count < 2) continue;
            var tickers = byDate.Select(x => x.Market.Ticker).ToList();
            yield return new Relationship
            {
                Id = Relationship.MakeId(RelationshipKind.DeadlineLadder, tickers),
                Kind = RelationshipKind.DeadlineLadder,
                Markets = tickers,
                Constraint = "P(" + string.Join(") ≥ P(", tickers.Select(t => t.Value)) + ")",
                Confidence = 1m,
                Reasoning = "Markets of one series whose rules are identical except a \"by <date>\" deadline (" +
                            string.Join(", ", byDate.Select(x => $"{x.Market.Ticker} by {x.Date:yyyy-MM-dd}")) +
                            "): YES by an earlier date implies YES by every later one.",
                Source = RelationshipSource.Structural,
                Approval = ApprovalState.Approved,
                Events = byDate.Select(x => x.Event.Ticker).Distinct().ToList(),
                Rules = byDate.Select(x => Rules(x.Market)).ToList(),
                SettlementSources = ctx.Sources(byDate[0].Event),
                CreatedAt = ctx.Now,
                LastValidatedAt = ctx.Now,
            };
        }
    }

    private static MemberRules Rules(Market m) => new(m.Ticker, m.RulesPrimary, m.ExpectedExpirationTime ?? m.CloseTime);
}
