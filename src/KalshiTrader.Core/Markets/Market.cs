using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Markets;

/// <summary>A Kalshi market (one binary contract) with every field a strategy uses.</summary>
public sealed record Market
{
    public required MarketTicker Ticker { get; init; }
    public required EventTicker EventTicker { get; init; }
    public string MarketType { get; init; } = "binary";
    public string Title { get; init; } = "";
    public string Subtitle { get; init; } = "";
    public string YesSubTitle { get; init; } = "";
    public string NoSubTitle { get; init; } = "";
    public string RulesPrimary { get; init; } = "";
    public string RulesSecondary { get; init; } = "";

    public MarketStatus Status { get; init; }
    public MarketResult Result { get; init; }
    public Price? SettlementValue { get; init; }
    public DateTimeOffset? SettlementTime { get; init; }
    public bool CanCloseEarly { get; init; }
    public string EarlyCloseCondition { get; init; } = "";
    public int SettlementTimerSeconds { get; init; }

    public DateTimeOffset? CreatedTime { get; init; }
    public DateTimeOffset? UpdatedTime { get; init; }
    public DateTimeOffset? OpenTime { get; init; }
    public DateTimeOffset? CloseTime { get; init; }
    public DateTimeOffset? ExpectedExpirationTime { get; init; }
    public DateTimeOffset? LatestExpirationTime { get; init; }
    public DateTimeOffset? OccurrenceTime { get; init; }
    public DateTimeOffset? FeeWaiverExpirationTime { get; init; }

    public StrikeType StrikeType { get; init; }

    /// <summary>Minimum value of the underlying for YES (strikes are not prices: they keep full decimal precision).</summary>
    public decimal? FloorStrike { get; init; }

    /// <summary>Maximum value of the underlying for YES.</summary>
    public decimal? CapStrike { get; init; }
    public string? FunctionalStrike { get; init; }

    /// <summary>The raw JSON of <c>custom_strike</c>, kept verbatim.</summary>
    public string? CustomStrikeJson { get; init; }

    public string PriceLevelStructure { get; init; } = "";
    public IReadOnlyList<PriceRange> PriceRanges { get; init; } = [];

    public Price? YesBid { get; init; }
    public Price? YesAsk { get; init; }
    public Price? NoBid { get; init; }
    public Price? NoAsk { get; init; }
    public Quantity YesBidSize { get; init; }
    public Quantity YesAskSize { get; init; }
    public Price? LastPrice { get; init; }
    public Price? PreviousPrice { get; init; }
    public Price? PreviousYesBid { get; init; }
    public Price? PreviousYesAsk { get; init; }
    public Quantity Volume { get; init; }
    public Quantity Volume24h { get; init; }
    public Quantity OpenInterest { get; init; }
    public Money NotionalValue { get; init; } = Money.FromCents(100);

    public string? MveCollectionTicker { get; init; }
    public int ExchangeIndex { get; init; }

    /// <summary>The tick grid: from <see cref="PriceRanges"/> when present, else from the named structure.</summary>
    public TickGrid TickGrid => PriceRanges.Count > 0 ? new TickGrid(PriceRanges) : TickGrid.FromStructure(PriceLevelStructure);

    public bool IsTradeable => Status == MarketStatus.Active;
}
