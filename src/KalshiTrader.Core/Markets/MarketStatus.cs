namespace KalshiTrader.Core.Markets;

/// <summary>
/// Market lifecycle: initialized → active ↔ inactive (paused) → closed → determined
/// [→ disputed → amended] → finalized. REST's <c>status</c> field and the lifecycle channel both map here.
/// </summary>
public enum MarketStatus
{
    Initialized,
    Active,
    Inactive,
    Closed,
    Determined,
    Disputed,
    Amended,
    Finalized,
}

/// <summary>How a market's strike is expressed.</summary>
public enum StrikeType
{
    Unknown,
    Greater,
    GreaterOrEqual,
    Less,
    LessOrEqual,
    Between,
    Functional,
    Custom,
    Structured,
}

/// <summary>How a market resolved.</summary>
public enum MarketResult
{
    None,
    Yes,
    No,
    Scalar,
}

public static class MarketEnumsWire
{
    public static MarketStatus ParseStatus(string wire) => wire switch
    {
        "initialized" or "unopened" => MarketStatus.Initialized,
        "active" or "open" => MarketStatus.Active,
        "inactive" or "paused" => MarketStatus.Inactive,
        "closed" => MarketStatus.Closed,
        "determined" => MarketStatus.Determined,
        "disputed" => MarketStatus.Disputed,
        "amended" => MarketStatus.Amended,
        "finalized" or "settled" => MarketStatus.Finalized,
        _ => throw new FormatException($"status: unknown market status '{wire}'"),
    };

    public static string ToWire(MarketStatus status) => status switch
    {
        MarketStatus.Initialized => "initialized",
        MarketStatus.Active => "active",
        MarketStatus.Inactive => "inactive",
        MarketStatus.Closed => "closed",
        MarketStatus.Determined => "determined",
        MarketStatus.Disputed => "disputed",
        MarketStatus.Amended => "amended",
        MarketStatus.Finalized => "finalized",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static StrikeType ParseStrikeType(string? wire) => wire switch
    {
        null or "" => StrikeType.Unknown,
        "greater" => StrikeType.Greater,
        "greater_or_equal" => StrikeType.GreaterOrEqual,
        "less" => StrikeType.Less,
        "less_or_equal" => StrikeType.LessOrEqual,
        "between" => StrikeType.Between,
        "functional" => StrikeType.Functional,
        "custom" => StrikeType.Custom,
        "structured" => StrikeType.Structured,
        _ => StrikeType.Unknown,
    };

    public static string? ToWire(StrikeType type) => type switch
    {
        StrikeType.Greater => "greater",
        StrikeType.GreaterOrEqual => "greater_or_equal",
        StrikeType.Less => "less",
        StrikeType.LessOrEqual => "less_or_equal",
        StrikeType.Between => "between",
        StrikeType.Functional => "functional",
        StrikeType.Custom => "custom",
        StrikeType.Structured => "structured",
        _ => null,
    };

    public static MarketResult ParseResult(string? wire) => wire switch
    {
        null or "" => MarketResult.None,
        "yes" => MarketResult.Yes,
        "no" => MarketResult.No,
        "scalar" => MarketResult.Scalar,
        _ => throw new FormatException($"result: unknown market result '{wire}'"),
    };

    public static string ToWire(MarketResult result) => result switch
    {
        MarketResult.Yes => "yes",
        MarketResult.No => "no",
        MarketResult.Scalar => "scalar",
        _ => "",
    };
}
