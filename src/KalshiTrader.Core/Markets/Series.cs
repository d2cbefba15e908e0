using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Markets;

/// <summary>Where a series (or event) settles from.</summary>
public sealed record SettlementSource(string Name, string? Url);

/// <summary>A Kalshi series: a family of recurring events sharing rules and fees.</summary>
public sealed record Series
{
    public required SeriesTicker Ticker { get; init; }
    public string Title { get; init; } = "";
    public string Category { get; init; } = "";
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string Frequency { get; init; } = "";
    public FeeSchedule Fees { get; init; } = FeeSchedule.Standard;
    public IReadOnlyList<SettlementSource> SettlementSources { get; init; } = [];
    public string? ContractUrl { get; init; }
}
