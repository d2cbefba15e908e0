using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Scenarios.Constraints;

namespace KalshiTrader.Exchange.Scenarios.Models;

/// <summary>
/// Fed decisions across four meetings. Per meeting, an exhaustive bucket event on the upper bound of the target
/// range after the meeting: ≤ 3.125 (less_or_equal), between-buckets centred on each quarter point whose edges touch
/// (3.125-3.375 ...), and ≥ 4.625 (greater_or_equal), so the strikes tile the line and exactly one resolves YES (the
/// rate is always a multiple of 0.25, never an edge). Plus a "cut at a meeting on or before &lt;date&gt;" deadline
/// series: YES by an earlier date implies YES by every later one.
/// </summary>
internal sealed class FedPart(ScenarioRandom walk, ScenarioRandom outcome) : ScenarioPart
{
    public const string BucketSeries = "KXFED";
    public const string DeadlineSeries = "KXFEDCUT";
    private const double StartRate = 4.00;
    private const double Step = 0.25;
    private static readonly double[] BucketCentres = [3.25, 3.50, 3.75, 4.00, 4.25, 4.50];

    private readonly List<Meeting> _meetings = [];
    private DateTimeOffset _now;

    public IReadOnlyList<(EventTicker Event, IReadOnlyList<MarketTicker> Buckets, MarketTicker Deadline)> Meetings =>
        _meetings.Select(m => (m.Event, (IReadOnlyList<MarketTicker>)m.Buckets.Select(b => b.Ticker).ToList(), m.Deadline)).ToList();

    public override void Build(DateTimeOffset start)
    {
        _now = start;
        var sources = new[] { new SettlementSource("Federal Reserve", "https://www.federalreserve.gov/monetarypolicy/openmarket.htm") };
        Series.Add(new Series { Ticker = BucketSeries, Title = "Fed funds rate after meeting", Category = "Economics", SettlementSources = sources });
        Series.Add(new Series { Ticker = DeadlineSeries, Title = "Fed rate cut by date", Category = "Economics", SettlementSources = sources });
        var deadlineEvent = new EventTicker($"{DeadlineSeries}-{start.AddYears(1):yy}");
        Events.Add(new Event
        {
            Ticker = deadlineEvent,
            SeriesTicker = DeadlineSeries,
            Title = "When will the Fed next cut rates?",
            Category = "Economics",
            SettlementSources = sources,
        });

        var day = start.Date.AddDays(24);
        while (day.DayOfWeek != DayOfWeek.Wednesday) day = day.AddDays(1);
        double[] cutChance = [0.30, 0.35, 0.40, 0.40];
        for (var k = 0; k < 4; k++)
        {
            var date = new DateTimeOffset(day.AddDays(49 * k), TimeSpan.Zero);
            var decision = date.AddHours(19); // 2 pm ET statement
            var ev = new EventTicker($"{BucketSeries}-{date:yy}{MarketShapes.MonthCode(date)}");
            Events.Add(new Event
            {
                Ticker = ev,
                SeriesTicker = BucketSeries,
                Title = $"Fed funds upper bound after the {MarketShapes.LongDate(date)} meeting?",
                Category = "Economics",
                MutuallyExclusive = true,
                CollateralReturnType = "MECNET",
                StrikeDate = decision,
                SettlementSources = sources,
            });
            var meeting = new Meeting(ev, decision, cutChance[k] + (0.03 * walk.Normal()), 0.05);
            string Rule(string range) => $"If the upper bound of the federal funds target range after the FOMC meeting of {MarketShapes.LongDate(date)} is {range}, then the market resolves to Yes.";
            var lowEdge = (decimal)(BucketCentres[0] - (Step / 2));
            var low = new MarketTicker($"{ev}-L{Num(lowEdge)}");
            Markets.Add(MarketShapes.Market(ev, low, start, decision, $"{lowEdge}% or lower", Rule($"{lowEdge}% or lower"), StrikeType.LessOrEqual, cap: lowEdge));
            meeting.Buckets.Add((low, double.NegativeInfinity, (double)lowEdge));
            foreach (var c in BucketCentres)
            {
                var floor = (decimal)(c - (Step / 2));
                var cap = (decimal)(c + (Step / 2));
                var t = new MarketTicker($"{ev}-B{c:0.00}");
                Markets.Add(MarketShapes.Market(ev, t, start, decision, $"{c:0.00}%", Rule($"above {floor}% and below {cap}%"), StrikeType.Between, floor, cap));
                meeting.Buckets.Add((t, (double)floor, (double)cap));
            }

            var highEdge = (decimal)(BucketCentres[^1] + (Step / 2));
            var high = new MarketTicker($"{ev}-H{Num(highEdge)}");
            Markets.Add(MarketShapes.Market(ev, high, start, decision, $"{highEdge}% or higher", Rule($"{highEdge}% or higher"), StrikeType.GreaterOrEqual, floor: highEdge));
            meeting.Buckets.Add((high, (double)highEdge, double.PositiveInfinity));
            Constraints.Add(new ExclusiveConstraint(meeting.Buckets.Select(b => b.Ticker).ToList(), Exhaustive: true,
                "buckets tile the line with open tails and the rate is a multiple of 0.25, never an edge: exactly one YES"));

            meeting.Deadline = new MarketTicker($"{deadlineEvent}-{MarketShapes.DateCode(date)}");
            var deadlineRules = $"If the FOMC lowers the upper bound of the federal funds target range at a meeting held on or before {MarketShapes.LongDate(date)}, then the market resolves to Yes.";
            Markets.Add(MarketShapes.Market(deadlineEvent, meeting.Deadline, start, decision, $"Before {MarketShapes.LongDate(date)}", deadlineRules,
                title: "When will the Fed next cut rates?"));
            _meetings.Add(meeting);
        }

        AddLadder("deadline_ladder", _meetings.Select(m => m.Deadline).Reverse().ToList(), "a cut by an earlier meeting is a cut by every later one");
        Refresh();
    }

    public override void Advance(DateTimeOffset now)
    {
        var seconds = (now - _now).TotalSeconds;
        if (seconds <= 0) return;
        _now = now;
        foreach (var m in _meetings) m.CutChance = Math.Clamp(m.CutChance + (0.002 * Math.Sqrt(seconds) * walk.Normal()), 0.05, 0.8);
        Refresh();
    }

    public override IReadOnlyList<MarketOutcome> Decide(DateTimeOffset now)
    {
        var outcomes = new List<MarketOutcome>();
        var rate = StartRate;
        var cut = false;
        foreach (var m in _meetings)
        {
            var u = outcome.NextDouble();
            var move = u < m.CutChance ? -Step : u < m.CutChance + m.HikeChance ? Step : 0;
            rate += move;
            cut |= move < 0;
            foreach (var (t, floor, cap) in m.Buckets)
            {
                outcomes.Add(new MarketOutcome(t, rate > floor && rate < cap ? MarketResult.Yes : MarketResult.No, $"upper bound {rate:0.00}%"));
            }

            outcomes.Add(new MarketOutcome(m.Deadline, cut ? MarketResult.Yes : MarketResult.No, cut ? "a cut happened by this meeting" : "no cut by this meeting"));
        }

        return outcomes;
    }

    private void Refresh()
    {
        // Exact distribution of the rate over meetings: each meeting cuts, holds or hikes by a quarter point.
        var dist = new Dictionary<int, double> { [0] = 1 };
        var noCut = 1.0;
        foreach (var m in _meetings)
        {
            var next = new Dictionary<int, double>();
            foreach (var (steps, p) in dist)
            {
                Add(next, steps - 1, p * m.CutChance);
                Add(next, steps + 1, p * m.HikeChance);
                Add(next, steps, p * (1 - m.CutChance - m.HikeChance));
            }

            dist = next;
            noCut *= 1 - m.CutChance;
            foreach (var (t, floor, cap) in m.Buckets)
            {
                SetFair(t, dist.Where(d => StartRate + (d.Key * Step) > floor && StartRate + (d.Key * Step) < cap).Sum(d => d.Value));
            }

            SetFair(m.Deadline, 1 - noCut);
        }

        static void Add(Dictionary<int, double> d, int k, double p) => d[k] = d.GetValueOrDefault(k) + p;
    }

    private sealed class Meeting(EventTicker ev, DateTimeOffset decision, double cutChance, double hikeChance)
    {
        public EventTicker Event { get; } = ev;
        public DateTimeOffset Decision { get; } = decision;
        public double CutChance { get; set; } = cutChance;
        public double HikeChance { get; } = hikeChance;
        public List<(MarketTicker Ticker, double Floor, double Cap)> Buckets { get; } = [];
        public MarketTicker Deadline { get; set; }
    }
}
