using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Markets;

/// <summary>A Kalshi event: a question made of one or more markets.</summary>
public sealed record Event
{
    public required EventTicker Ticker { get; init; }
    public required SeriesTicker SeriesTicker { get; init; }
    public string Title { get; init; } = "";
    public string SubTitle { get; init; } = "";
    public string Category { get; init; } = "";

    /// <summary>At most one market of the event resolves YES. Says nothing about exhaustiveness.</summary>
    public bool MutuallyExclusive { get; init; }

    /// <summary>MECNET, DIRECNET or empty.</summary>
    public string CollateralReturnType { get; init; } = "";
    public DateTimeOffset? StrikeDate { get; init; }
    public string StrikePeriod { get; init; } = "";
    public IReadOnlyList<SettlementSource> SettlementSources { get; init; } = [];
    public FeeType? FeeTypeOverride { get; init; }
    public decimal? FeeMultiplierOverride { get; init; }

    /// <summary>Nested markets when the event was fetched with them; empty otherwise.</summary>
    public IReadOnlyList<Market> Markets { get; init; } = [];
}
