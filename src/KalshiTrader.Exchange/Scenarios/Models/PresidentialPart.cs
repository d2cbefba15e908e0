using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Scenarios.Constraints;

namespace KalshiTrader.Exchange.Scenarios.Models;

/// <summary>
/// A 30-candidate mutually exclusive event modelled on KXPRESPERSON-28 (custom_strike per candidate, tapered
/// deci-cent grid). It is NOT exhaustive: an unlisted person can win, so the listed probabilities sum to about 0.88
/// and "buy YES on everyone" is a bet, not an arbitrage.
/// </summary>
internal sealed class PresidentialPart(ScenarioRandom walk, ScenarioRandom outcome) : ScenarioPart
{
    public const string SeriesTicker = "KXPRESPERSON";
    public const string EventTickerValue = "KXPRESPERSON-28";

    // Suffix, name, party label and a starting weight near the real book's mid prices.
    private static readonly (string Suffix, string Name, string Party, double Weight)[] Candidates =
    [
        ("JVAN", "J.D. Vance", "Republican", 0.225), ("MRUB", "Marco Rubio", "Republican", 0.115), ("JOSS", "Jon Ossoff", "Democratic", 0.085),
        ("AOCA", "Alexandria Ocasio-Cortez", "Democratic", 0.090), ("GNEWS", "Gavin Newsom", "Democratic", 0.080), ("KHAR", "Kamala Harris", "Democratic", 0.040),
        ("RDES", "Ron DeSantis", "Republican", 0.029), ("PBUT", "Pete Buttigieg", "Democratic", 0.028), ("MKEL", "Mark Kelly", "Democratic", 0.029),
        ("ABES", "Andy Beshear", "Democratic", 0.028), ("JSHA", "Josh Shapiro", "Democratic", 0.027), ("DTRU", "Donald J. Trump", "Republican", 0.027),
        ("TCAR", "Tucker Carlson", "Republican", 0.013), ("REMA", "Rahm Emanuel", "Democratic", 0.012), ("DTRUJR", "Donald J. Trump Jr.", "Republican", 0.010),
        ("WMOO", "Wes Moore", "Democratic", 0.010), ("GWHI", "Gretchen Whitmer", "Democratic", 0.008), ("JPRI", "J.B. Pritzker", "Democratic", 0.008),
        ("TGAB", "Tulsi Gabbard", "Republican", 0.005), ("JDIM", "Jamie Dimon", "Independent", 0.004), ("GYOU", "Glenn Youngkin", "Republican", 0.004),
        ("TMAS", "Thomas Massie", "Republican", 0.004), ("JTAL", "James Talarico", "Democratic", 0.004), ("RKHA", "Ro Khanna", "Democratic", 0.004),
        ("HBID", "Hunter Biden", "Democratic", 0.003), ("NHAL", "Nikki Haley", "Republican", 0.003), ("VRAM", "Vivek Ramaswamy", "Republican", 0.003),
        ("GABB", "Greg Abbott", "Republican", 0.003), ("SSMI", "Stephen A. Smith", "Independent", 0.002), ("TWAL", "Tim Walz", "Democratic", 0.002),
    ];

    private readonly List<(MarketTicker Ticker, string Name)> _members = [];
    private double[] _weights = [];
    private double _listedTotal;
    private DateTimeOffset _now;

    public IReadOnlyList<MarketTicker> Members => _members.Select(m => m.Ticker).ToList();

    public override void Build(DateTimeOffset start)
    {
        _now = start;
        var sources = new[] { new SettlementSource("Office of the Presidency", "https://www.whitehouse.gov/administration/executive-office-of-the-president/") };
        Series.Add(new Series { Ticker = SeriesTicker, Title = "Presidential election winner", Category = "Elections", SettlementSources = sources });
        var close = new DateTimeOffset(2029, 11, 7, 15, 0, 0, TimeSpan.Zero);
        Events.Add(new Event
        {
            Ticker = EventTickerValue,
            SeriesTicker = SeriesTicker,
            Title = "2028 U.S. Presidential Election winner?",
            SubTitle = "In 2028",
            Category = "Elections",
            MutuallyExclusive = true,
            CollateralReturnType = "MECNET",
            SettlementSources = sources,
        });
        foreach (var c in Candidates)
        {
            var ticker = new MarketTicker($"{EventTickerValue}-{c.Suffix}");
            var rules = $"If {c.Name} is the next person inaugurated as President for the term beginning in 2029, then the market resolves to Yes.";
            var custom = "{\"Pres candidate\":\"" + c.Name + "\"}";
            Markets.Add(MarketShapes.Market(EventTickerValue, ticker, start, close, c.Name, rules, StrikeType.Custom, customStrikeJson: custom,
                expectedExpiration: new DateTimeOffset(2029, 1, 21, 15, 0, 0, TimeSpan.Zero), title: "Who will win the next presidential election?")
                with { Subtitle = $":: {c.Party}", SettlementTimerSeconds = 0 });
            _members.Add((ticker, c.Name));
        }

        _weights = Candidates.Select(c => c.Weight).ToArray();
        _listedTotal = 0.88 + (0.02 * walk.Normal());
        Constraints.Add(new ExclusiveConstraint(Members, Exhaustive: false,
            "mutually_exclusive event; an unlisted person may win, so at most one YES and possibly none"));
        Refresh();
    }

    public override void Advance(DateTimeOffset now)
    {
        var seconds = (now - _now).TotalSeconds;
        if (seconds <= 0) return;
        _now = now;
        var scale = 0.004 * Math.Sqrt(seconds);
        for (var i = 0; i < _weights.Length; i++) _weights[i] *= Math.Exp(scale * walk.Normal());
        _listedTotal = Math.Clamp(_listedTotal + (0.001 * Math.Sqrt(seconds) * walk.Normal()), 0.82, 0.93);
        Refresh();
    }

    public override IReadOnlyList<MarketOutcome> Decide(DateTimeOffset now)
    {
        var fair = _members.Select(m => Fair(m.Ticker) ?? 0).ToList();
        var winner = outcome.PickIndex(fair); // -1: someone not listed
        var basis = winner < 0 ? "an unlisted person won" : $"{_members[winner].Name} won";
        return _members.Select((m, i) => new MarketOutcome(m.Ticker, i == winner ? MarketResult.Yes : MarketResult.No, basis)).ToList();
    }

    private void Refresh()
    {
        var sum = _weights.Sum();
        for (var i = 0; i < _members.Count; i++) SetFair(_members[i].Ticker, _weights[i] / sum * _listedTotal);
    }
}
