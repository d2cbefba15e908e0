using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Scenarios.Constraints;

namespace KalshiTrader.Exchange.Scenarios.Models;

/// <summary>
/// One family of markets with its own model (a BTC ladder, the Fed buckets...). Parts are composed into a scenario;
/// each draws from its own named random streams, so parts never disturb each other's randomness.
/// </summary>
internal abstract class ScenarioPart
{
    private readonly Dictionary<MarketTicker, double> _fair = [];

    public List<Series> Series { get; } = [];
    public List<Event> Events { get; } = [];
    public List<Market> Markets { get; } = [];
    public List<ScenarioConstraint> Constraints { get; } = [];

    /// <summary>Lists the part's markets and sets the initial fair values.</summary>
    public abstract void Build(DateTimeOffset start);

    /// <summary>Moves the model to <paramref name="now"/> and refreshes fair values.</summary>
    public abstract void Advance(DateTimeOffset now);

    /// <summary>Decides every market of the part, consistently with the model and with each other.</summary>
    public abstract IReadOnlyList<MarketOutcome> Decide(DateTimeOffset now);

    public double? Fair(MarketTicker ticker) => _fair.TryGetValue(ticker, out var p) ? p : null;

    protected void SetFair(MarketTicker ticker, double p) => _fair[ticker] = Math.Clamp(p, 0, 1);

    protected static string Num(decimal value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Adds every pair of a ladder ordered weakest first: YES of a later member implies YES of an earlier one.</summary>
    protected void AddLadder(string kind, IReadOnlyList<MarketTicker> weakestFirst, string reason)
    {
        for (var i = 0; i < weakestFirst.Count; i++)
        {
            for (var j = i + 1; j < weakestFirst.Count; j++) Constraints.Add(new ImplicationConstraint(kind, weakestFirst[j], weakestFirst[i], reason));
        }
    }
}

/// <summary>Builds Kalshi-shaped reference data with the fields discovery reads (strikes, rules, times, grid).</summary>
internal static class MarketShapes
{
    public static Market Market(
        EventTicker eventTicker, MarketTicker ticker, DateTimeOffset open, DateTimeOffset close, string yesSubTitle, string rules,
        StrikeType strikeType = StrikeType.Unknown, decimal? floor = null, decimal? cap = null, string structure = "tapered_deci_cent",
        string? customStrikeJson = null, DateTimeOffset? expectedExpiration = null, string title = "") => new()
    {
        Ticker = ticker,
        EventTicker = eventTicker,
        Title = title,
        YesSubTitle = yesSubTitle,
        NoSubTitle = yesSubTitle,
        RulesPrimary = rules,
        Status = MarketStatus.Active,
        OpenTime = open,
        CloseTime = close,
        ExpectedExpirationTime = expectedExpiration ?? close,
        LatestExpirationTime = (expectedExpiration ?? close).AddDays(7),
        SettlementTimerSeconds = 0,
        StrikeType = strikeType,
        FloorStrike = floor,
        CapStrike = cap,
        CustomStrikeJson = customStrikeJson,
        PriceLevelStructure = structure,
        PriceRanges = TickGrid.FromStructure(structure).Ranges,
        CanCloseEarly = true,
    };

    public static string MonthCode(DateTimeOffset t) => t.ToString("MMM", System.Globalization.CultureInfo.InvariantCulture).ToUpperInvariant();

    /// <summary>Kalshi's date code: 26NOV21.</summary>
    public static string DateCode(DateTimeOffset t) => $"{t:yy}{MonthCode(t)}{t:dd}";

    public static string LongDate(DateTimeOffset t) => t.ToString("MMMM d, yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
