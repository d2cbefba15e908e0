using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Exchange.Scenarios.Models;

/// <summary>
/// A KXTSAW-style weekly ladder: "average daily TSA checkpoint throughput for the week above K million?", strikes
/// 2.30 to 2.70 in 0.05 steps (tickers like KXTSAW-26NOV29-A2.45). The forecast mean wanders as the week's days come in.
/// </summary>
internal sealed class TsaWeeklyPart(ScenarioRandom walk, ScenarioRandom outcome) : ScenarioPart
{
    public const string SeriesTicker = "KXTSAW";
    private const double Sigma = 0.07;
    private readonly List<(MarketTicker Ticker, double Strike)> _strikes = [];
    private double _mean;
    private DateTimeOffset _now;

    public override void Build(DateTimeOffset start)
    {
        _now = start;
        _mean = 2.50 + (0.03 * walk.Normal());
        Series.Add(new Series
        {
            Ticker = SeriesTicker,
            Title = "TSA check-ins this week",
            Category = "Economics",
            Frequency = "weekly",
            SettlementSources = [new SettlementSource("TSA", "https://www.tsa.gov/travel/passenger-volumes")],
        });
        var weekEnd = start.Date.AddDays(3);
        while (weekEnd.DayOfWeek != DayOfWeek.Sunday) weekEnd = weekEnd.AddDays(1);
        var end = new DateTimeOffset(weekEnd, TimeSpan.Zero);
        var close = end.AddHours(23).AddMinutes(59);
        var ev = new EventTicker($"{SeriesTicker}-{MarketShapes.DateCode(end)}");
        Events.Add(new Event
        {
            Ticker = ev,
            SeriesTicker = SeriesTicker,
            Title = $"TSA check-ins for the week ending {MarketShapes.LongDate(end)}?",
            Category = "Economics",
            StrikeDate = close,
            SettlementSources = Series[0].SettlementSources,
        });
        for (var i = 0; i <= 8; i++)
        {
            var strike = 2.30m + (0.05m * i);
            var ticker = new MarketTicker($"{ev}-A{strike:0.00}");
            var rules = $"If the average daily number of TSA checkpoint travel numbers for the week ending {MarketShapes.LongDate(end)} " +
                        $"is above {strike:0.00} million, then the market resolves to Yes.";
            Markets.Add(MarketShapes.Market(ev, ticker, start, close, $"Above {strike:0.00}M", rules, StrikeType.Greater, floor: strike,
                expectedExpiration: close.AddDays(1), title: Events[0].Title));
            _strikes.Add((ticker, (double)strike));
        }

        AddLadder("threshold_ladder", _strikes.Select(s => s.Ticker).ToList(), "weekly TSA average above K: a higher strike implies every lower one");
        Refresh();
    }

    public override void Advance(DateTimeOffset now)
    {
        var seconds = (now - _now).TotalSeconds;
        if (seconds <= 0) return;
        _now = now;
        // Mean-reverting drift of the forecast (a few thousand passengers a second), so quotes move without running away.
        _mean += (0.0015 * Math.Sqrt(seconds) * walk.Normal()) - (0.002 * (_mean - 2.50) * seconds);
        Refresh();
    }

    public override IReadOnlyList<MarketOutcome> Decide(DateTimeOffset now)
    {
        // Whole passengers, in millions; a value exactly on a strike is nudged by one passenger so "above" is never ambiguous.
        var x = Math.Round(_mean + (Sigma * outcome.Normal()), 6);
        while (_strikes.Any(s => Math.Abs(s.Strike - x) < 5e-7)) x += 0.000001;
        return _strikes.Select(s => new MarketOutcome(s.Ticker, x > s.Strike ? MarketResult.Yes : MarketResult.No, $"weekly average {x:0.000000}M vs {s.Strike:0.00}M")).ToList();
    }

    private void Refresh()
    {
        foreach (var (ticker, strike) in _strikes) SetFair(ticker, 1 - Normal.Cdf((strike - _mean) / Sigma));
    }
}
