using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Exchange.Scenarios.Models;

/// <summary>
/// KXBTCD-style hourly threshold ladders ("BTC above K at 5 pm ET?", strike_type greater, floor_strike K): two
/// consecutive hourly events with eleven strikes around spot each, priced by a lognormal diffusion
/// P(S_T &gt; K) = Φ(d2). Two hours, so the demo can show a "ladder" that spans settlement times and is not one.
/// </summary>
internal sealed class BtcLadderPart : ScenarioPart
{
    public const string SeriesTicker = "KXBTCD";
    private static readonly TimeSpan Et = TimeSpan.FromHours(-5); // Kalshi labels KXBTCD hours in ET; fixed EST offset [?]
    private readonly BtcPricePath _path;
    private readonly TimeSpan _runLength;
    private readonly List<Hour> _hours = [];

    public BtcLadderPart(BtcPricePath path, TimeSpan runLength)
    {
        _path = path;
        _runLength = runLength;
    }

    public IReadOnlyList<(EventTicker Event, DateTimeOffset Close, IReadOnlyList<MarketTicker> Strikes)> Hours =>
        _hours.Select(h => (h.Event, h.Close, (IReadOnlyList<MarketTicker>)h.Strikes.Select(s => s.Ticker).ToList())).ToList();

    public double Spot => _path.Price;

    public override void Build(DateTimeOffset start)
    {
        _path.Start(start);
        Series.Add(new Series
        {
            Ticker = SeriesTicker,
            Title = "Bitcoin price today at hour",
            Category = "Crypto",
            Frequency = "hourly",
            SettlementSources = [new SettlementSource("CF Benchmarks", "https://www.cfbenchmarks.com/data/indices/BRTI")],
        });
        var spot = _path.Price;
        var step = StrikeStep(spot);
        var center = Math.Round(spot / step) * step;
        // The first hour closes after the planned run, so nothing closes under the demo's feet.
        var firstClose = CeilingHour(start + _runLength + TimeSpan.FromMinutes(5));
        for (var h = 0; h < 2; h++)
        {
            var close = firstClose.AddHours(h);
            var local = close.ToOffset(Et);
            var ev = new EventTicker($"{SeriesTicker}-{MarketShapes.DateCode(local)}{local:HH}");
            Events.Add(new Event
            {
                Ticker = ev,
                SeriesTicker = SeriesTicker,
                Title = $"Bitcoin price on {local:MMM d, yyyy} at {local:h tt} EST?",
                Category = "Crypto",
                StrikeDate = close,
                SettlementSources = Series[0].SettlementSources,
            });
            var hour = new Hour(ev, close);
            for (var k = -5; k <= 5; k++)
            {
                var strike = (decimal)(center + (k * step));
                var ticker = new MarketTicker($"{ev}-T{Num(strike)}");
                var rules = $"If the CF Benchmarks Bitcoin Real-Time Index (BRTI) averaged over the 60 seconds before {local:h tt} EST on " +
                            $"{local:MMM d, yyyy} is above {strike:0.00}, then the market resolves to Yes.";
                Markets.Add(MarketShapes.Market(ev, ticker, start, close, $"${strike:N0} or above", rules, StrikeType.Greater, floor: strike,
                    title: Events[^1].Title));
                hour.Strikes.Add((ticker, (double)strike));
            }

            _hours.Add(hour);
            AddLadder("threshold_ladder", hour.Strikes.Select(s => s.Ticker).ToList(), $"BTC above K at {local:HH}:00 EST: a higher strike implies every lower one");
        }

        Refresh(start);
    }

    public override void Advance(DateTimeOffset now)
    {
        _path.AdvanceTo(now);
        Refresh(now);
    }

    public override IReadOnlyList<MarketOutcome> Decide(DateTimeOffset now)
    {
        var outcomes = new List<MarketOutcome>();
        var from = _path.Now;
        var price = _path.Price;
        foreach (var hour in _hours)
        {
            // One path: the second hour continues from the first hour's settlement price.
            var final = hour.Close <= from ? price : _path.SampleAt(hour.Close, from, price);
            (from, price) = (hour.Close > from ? hour.Close : from, final);
            var rounded = Math.Round(final, 2);
            foreach (var (ticker, strike) in hour.Strikes)
            {
                outcomes.Add(new MarketOutcome(ticker, rounded > strike ? MarketResult.Yes : MarketResult.No, $"BRTI {rounded:0.00} vs strike {strike:0.00}"));
            }
        }

        return outcomes;
    }

    private void Refresh(DateTimeOffset now)
    {
        foreach (var hour in _hours)
        {
            var seconds = Math.Max(1, (hour.Close - now).TotalSeconds);
            var sigma = _path.AnnualVolatility * Math.Sqrt(seconds / BtcPricePath.SecondsPerYear);
            foreach (var (ticker, strike) in hour.Strikes)
            {
                var d2 = (Math.Log(_path.Price / strike) - (sigma * sigma / 2)) / sigma;
                SetFair(ticker, Normal.Cdf(d2));
            }
        }
    }

    /// <summary>A round strike spacing near 0.3% of spot: $250 at $95k, $50 at $23k.</summary>
    private static double StrikeStep(double spot)
    {
        double[] steps = [1000, 500, 250, 100, 50, 25, 10, 5, 1];
        return steps.FirstOrDefault(s => s <= spot * 0.003, 1);
    }

    private static DateTimeOffset CeilingHour(DateTimeOffset t)
    {
        var floor = new DateTimeOffset(t.Year, t.Month, t.Day, t.Hour, 0, 0, TimeSpan.Zero);
        return floor == t ? t : floor.AddHours(1);
    }

    private sealed class Hour(EventTicker ev, DateTimeOffset close)
    {
        public EventTicker Event { get; } = ev;
        public DateTimeOffset Close { get; } = close;
        public List<(MarketTicker Ticker, double Strike)> Strikes { get; } = [];
    }
}
