using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Markets;

/// <summary>A public trade print. <see cref="TakerOutcome"/> is the outcome the taker bought.</summary>
public sealed record Trade
{
    public required TradeId TradeId { get; init; }
    public required MarketTicker Ticker { get; init; }
    public required Price YesPrice { get; init; }
    public required Quantity Count { get; init; }
    public Outcome? TakerOutcome { get; init; }
    public bool IsBlockTrade { get; init; }
    public DateTimeOffset Time { get; init; }

    /// <summary>Local receive time (equals <see cref="Time"/> for data read from REST history).</summary>
    public DateTimeOffset ReceivedTime { get; init; }

    public Price NoPrice => YesPrice.Complement;
}

/// <summary>A ticker update: top of book and activity for one market.</summary>
public sealed record TickerUpdate
{
    public required MarketTicker Ticker { get; init; }
    public Price? LastPrice { get; init; }
    public Price? YesBid { get; init; }
    public Price? YesAsk { get; init; }
    public Quantity YesBidSize { get; init; }
    public Quantity YesAskSize { get; init; }
    public Quantity LastTradeSize { get; init; }
    public Quantity Volume { get; init; }
    public Quantity OpenInterest { get; init; }
    public DateTimeOffset Time { get; init; }
    public DateTimeOffset ReceivedTime { get; init; }
}

/// <summary>One OHLC candle on YES bid, YES ask and traded price.</summary>
public sealed record Candlestick
{
    public required MarketTicker Ticker { get; init; }

    /// <summary>Period length in minutes: 1, 60 or 1440.</summary>
    public required int PeriodMinutes { get; init; }
    public required DateTimeOffset EndPeriod { get; init; }
    public Ohlc? YesBid { get; init; }
    public Ohlc? YesAsk { get; init; }
    public Ohlc? TradePrice { get; init; }
    public Price? MeanPrice { get; init; }
    public Price? PreviousPrice { get; init; }
    public Quantity Volume { get; init; }
    public Quantity OpenInterest { get; init; }
}

public readonly record struct Ohlc(Price Open, Price High, Price Low, Price Close);
