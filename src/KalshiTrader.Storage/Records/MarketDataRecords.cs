using KalshiTrader.Core.Books;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Storage.Records;

/// <summary>A market's quote and activity at one moment: the price history.</summary>
public sealed record MarketSnapshot
{
    public required MarketTicker Ticker { get; init; }
    public required DateTimeOffset Time { get; init; }
    public MarketStatus? Status { get; init; }
    public Price? YesBid { get; init; }
    public Price? YesAsk { get; init; }
    public Quantity YesBidSize { get; init; }
    public Quantity YesAskSize { get; init; }
    public Price? LastPrice { get; init; }
    public Quantity Volume { get; init; }
    public Quantity Volume24h { get; init; }
    public Quantity OpenInterest { get; init; }

    /// <summary>rest | ticker | import (free text).</summary>
    public string Source { get; init; } = "rest";

    public static MarketSnapshot FromMarket(Market market, DateTimeOffset time, string source = "rest") => new()
    {
        Ticker = market.Ticker,
        Time = time,
        Status = market.Status,
        YesBid = market.YesBid,
        YesAsk = market.YesAsk,
        YesBidSize = market.YesBidSize,
        YesAskSize = market.YesAskSize,
        LastPrice = market.LastPrice,
        Volume = market.Volume,
        Volume24h = market.Volume24h,
        OpenInterest = market.OpenInterest,
        Source = source,
    };
}

/// <summary>A full book (YES bids in YES price, NO bids in NO price) from REST or a WebSocket snapshot.</summary>
public sealed record OrderBookSnapshotRecord
{
    public required MarketTicker Ticker { get; init; }

    /// <summary>The recorder's connection session (0 for REST).</summary>
    public long Session { get; init; }
    public long? Sid { get; init; }
    public long? Seq { get; init; }

    /// <summary>ws | rest.</summary>
    public string Source { get; init; } = "ws";

    /// <summary>initial | resync | poll (why this snapshot was taken).</summary>
    public string Reason { get; init; } = "initial";
    public IReadOnlyList<PriceLevel> YesBids { get; init; } = [];
    public IReadOnlyList<PriceLevel> NoBids { get; init; } = [];
    public DateTimeOffset? ExchangeTime { get; init; }
    public required DateTimeOffset ReceivedTime { get; init; }
}

/// <summary>
/// One order-book delta. (<see cref="Session"/>, <see cref="Sid"/>, <see cref="Seq"/>) identifies it: Kalshi's
/// seq counts per subscription, and sids restart on every connection, so the recorder numbers its sessions.
/// </summary>
public readonly record struct OrderBookDeltaRecord(
    long Session,
    long Sid,
    long Seq,
    MarketTicker Ticker,
    Outcome Side,
    Price Price,
    Quantity Delta,
    DateTimeOffset? ExchangeTime,
    DateTimeOffset ReceivedTime,
    ClientOrderId? ClientOrderId = null);

/// <summary>A sequence gap the recorder saw on a subscription; healed by the next resync snapshot.</summary>
public sealed record FeedGapRecord
{
    public required long Session { get; init; }
    public required long Sid { get; init; }
    public required long ExpectedSeq { get; init; }
    public required long ReceivedSeq { get; init; }
    public string Reason { get; init; } = "seq_gap";
    public required DateTimeOffset DetectedTime { get; init; }
}

/// <summary>A market lifecycle message, with its raw JSON kept verbatim.</summary>
public sealed record LifecycleRecord
{
    public required MarketTicker Ticker { get; init; }
    public required string EventType { get; init; }
    public MarketResult? Result { get; init; }
    public Price? SettlementValue { get; init; }
    public DateTimeOffset? CloseTime { get; init; }
    public DateTimeOffset? ExchangeTime { get; init; }
    public required DateTimeOffset ReceivedTime { get; init; }
    public string? RawJson { get; init; }
}

/// <summary>A value of an underlying (an index, BTC spot, ...). <see cref="Value"/> keeps full decimal precision.</summary>
public sealed record SpotTick
{
    /// <summary>cfbenchmarks_value | pyth_value | binance | csv (free text).</summary>
    public required string Source { get; init; }
    public required string Symbol { get; init; }
    public required decimal Value { get; init; }
    public required DateTimeOffset Time { get; init; }
    public DateTimeOffset? ReceivedTime { get; init; }
}

/// <summary>One model input: a named value about a subject (a market, event or series) at a time.</summary>
public sealed record FeatureRecord
{
    public required string Subject { get; init; }
    public required string Name { get; init; }
    public required DateTimeOffset Time { get; init; }
    public decimal? Value { get; init; }
    public string? ValueJson { get; init; }
    public string? RunId { get; init; }
}

/// <summary>A message that could not be understood: kept with its raw text, never dropped.</summary>
public sealed record QuarantineRecord
{
    /// <summary>Assigned by the store; ignored on write.</summary>
    public long Id { get; init; }
    public required string Source { get; init; }
    public required string Reason { get; init; }
    public required string RawText { get; init; }
    public required DateTimeOffset ReceivedTime { get; init; }
}

/// <summary>Rows and time range of one table, for <c>db stats</c>.</summary>
public sealed record TableStats(string Table, long Rows, DateTimeOffset? From, DateTimeOffset? To);

/// <summary>A tabular query result: column names and rows of plain values (long, string, decimal, bool, DateTimeOffset or null).</summary>
public sealed record QueryResult(IReadOnlyList<string> Columns, IReadOnlyList<object?[]> Rows);
