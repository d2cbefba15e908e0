using KalshiTrader.Kalshi.Parsing;

namespace KalshiTrader.Kalshi.Http;

/// <summary>One item of a batch reply: a value, or Kalshi's error for that item.</summary>
public sealed record BatchItemResult<T>(T? Value, KalshiErrorInfo? Error)
{
    public bool IsOk => Error is null;
}

/// <summary>Positions: per market and per event.</summary>
public sealed record PortfolioPositions(
    IReadOnlyList<Core.Trading.MarketPosition> Markets,
    IReadOnlyList<Core.Trading.EventPosition> Events);
