using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Scenarios.Constraints;

namespace KalshiTrader.Exchange.Scenarios.Models;

/// <summary>
/// A CPI month-over-month ladder ("CPI up more than K%?", K = 0.1 ... 0.5, strike_type greater) and, in the same
/// series with the same release time, an exhaustive bucket event (≤ 0.1, (0.1, 0.2] ... (0.4, 0.5], ≥ 0.5) whose
/// edges are the ladder's strikes, so metadata links each bucket to two thresholds. The print has two decimals and is
/// never exactly a strike (an exact hit is nudged by 0.01), so inclusive-or-exclusive edges can never disagree.
/// </summary>
internal sealed class CpiPart(ScenarioRandom walk, ScenarioRandom outcome) : ScenarioPart
{
    public const string SeriesTicker = "KXCPI";
    private const double Sigma = 0.12;
    private static readonly decimal[] Strikes = [0.1m, 0.2m, 0.3m, 0.4m, 0.5m];
    private readonly List<(MarketTicker Ticker, double Strike)> _ladder = [];
    private readonly List<(MarketTicker Ticker, double Floor, double Cap)> _buckets = [];
    private double _mean;
    private DateTimeOffset _now;

    public IReadOnlyList<MarketTicker> Ladder => _ladder.Select(l => l.Ticker).ToList();

    public IReadOnlyList<MarketTicker> Buckets => _buckets.Select(b => b.Ticker).ToList();

    public override void Build(DateTimeOffset start)
    {
        _now = start;
        _mean = 0.25 + (0.04 * walk.Normal());
        var sources = new[] { new SettlementSource("Bureau of Labor Statistics", "https://www.bls.gov/cpi/") };
        Series.Add(new Series { Ticker = SeriesTicker, Title = "CPI month over month", Category = "Economics", Frequency = "monthly", SettlementSources = sources });
        var release = new DateTimeOffset(start.Date.AddDays(20), TimeSpan.Zero).AddHours(13).AddMinutes(30);
        var month = release.AddMonths(-1);
        var monthName = month.ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var ladderEvent = new EventTicker($"{SeriesTicker}-{month:yy}{MarketShapes.MonthCode(month)}");
        var bucketEvent = new EventTicker($"{ladderEvent}B");
        Events.Add(new Event { Ticker = ladderEvent, SeriesTicker = SeriesTicker, Title = $"CPI in {monthName}?", Category = "Economics", StrikeDate = release, SettlementSources = sources });
        Events.Add(new Event
        {
            Ticker = bucketEvent,
            SeriesTicker = SeriesTicker,
            Title = $"CPI range in {monthName}?",
            Category = "Economics",
            MutuallyExclusive = true,
            CollateralReturnType = "MECNET",
            StrikeDate = release,
            SettlementSources = sources,
        });
        var prefix = $"If CPI for {monthName}, as first reported by the Bureau of Labor Statistics, changes from the prior month by";
        foreach (var k in Strikes)
        {
            var t = new MarketTicker($"{ladderEvent}-T{k:0.0}");
            Markets.Add(MarketShapes.Market(ladderEvent, t, start, release, $"Above {k:0.0}%", $"{prefix} more than {k:0.0}%, then the market resolves to Yes.",
                StrikeType.Greater, floor: k, title: Events[0].Title));
            _ladder.Add((t, (double)k));
        }

        var bucketPrefix = $"If the month-over-month change in CPI for {monthName}, as first reported by the Bureau of Labor Statistics, is";
        var low = new MarketTicker($"{bucketEvent}-L{Strikes[0]:0.0}");
        Markets.Add(MarketShapes.Market(bucketEvent, low, start, release, $"{Strikes[0]:0.0}% or less", $"{bucketPrefix} {Strikes[0]:0.0}% or less, then the market resolves to Yes.",
            StrikeType.LessOrEqual, cap: Strikes[0], title: Events[1].Title));
        _buckets.Add((low, double.NegativeInfinity, (double)Strikes[0]));
        for (var i = 0; i + 1 < Strikes.Length; i++)
        {
            var t = new MarketTicker($"{bucketEvent}-B{Strikes[i + 1]:0.0}");
            Markets.Add(MarketShapes.Market(bucketEvent, t, start, release, $"{Strikes[i]:0.0}% to {Strikes[i + 1]:0.0}%",
                $"{bucketPrefix} more than {Strikes[i]:0.0}% and at most {Strikes[i + 1]:0.0}%, then the market resolves to Yes.",
                StrikeType.Between, Strikes[i], Strikes[i + 1], title: Events[1].Title));
            _buckets.Add((t, (double)Strikes[i], (double)Strikes[i + 1]));
            Constraints.Add(new BucketLadderConstraint(_ladder[i].Ticker, t, _ladder[i + 1].Ticker, "P(X > K1) = P(K1 < X ≤ K2) + P(X > K2): same print, same release"));
        }

        var high = new MarketTicker($"{bucketEvent}-H{Strikes[^1]:0.0}");
        Markets.Add(MarketShapes.Market(bucketEvent, high, start, release, $"{Strikes[^1]:0.0}% or more", $"{bucketPrefix} {Strikes[^1]:0.0}% or more, then the market resolves to Yes.",
            StrikeType.GreaterOrEqual, floor: Strikes[^1], title: Events[1].Title));
        _buckets.Add((high, (double)Strikes[^1], double.PositiveInfinity));

        AddLadder("threshold_ladder", Ladder, "CPI above K: a higher strike implies every lower one");
        Constraints.Add(new ExclusiveConstraint(Buckets, Exhaustive: true, "buckets tile the line with open tails; the print is never an edge: exactly one YES"));
        Refresh();
    }

    public override void Advance(DateTimeOffset now)
    {
        var seconds = (now - _now).TotalSeconds;
        if (seconds <= 0) return;
        _now = now;
        _mean += (0.0015 * Math.Sqrt(seconds) * walk.Normal()) - (0.002 * (_mean - 0.25) * seconds);
        Refresh();
    }

    public override IReadOnlyList<MarketOutcome> Decide(DateTimeOffset now)
    {
        var x = Math.Round(_mean + (Sigma * outcome.Normal()), 2);
        while (Strikes.Any(k => Math.Abs((double)k - x) < 0.005)) x = Math.Round(x + 0.01, 2);
        var basis = $"CPI m/m {x:0.00}%";
        var result = _ladder.Select(l => new MarketOutcome(l.Ticker, x > l.Strike ? MarketResult.Yes : MarketResult.No, basis)).ToList();
        result.AddRange(_buckets.Select(b => new MarketOutcome(b.Ticker, x > b.Floor && x < b.Cap ? MarketResult.Yes : MarketResult.No, basis)));
        return result;
    }

    private void Refresh()
    {
        foreach (var (t, k) in _ladder) SetFair(t, 1 - Normal.Cdf((k - _mean) / Sigma));
        foreach (var (t, floor, cap) in _buckets)
        {
            var lo = double.IsNegativeInfinity(floor) ? 0 : Normal.Cdf((floor - _mean) / Sigma);
            var hi = double.IsPositiveInfinity(cap) ? 1 : Normal.Cdf((cap - _mean) / Sigma);
            SetFair(t, hi - lo);
        }
    }
}
