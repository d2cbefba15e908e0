using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Storage.Records;

/// <summary>One run of the system: a backtest, paper or live session, or a collection job.</summary>
public sealed record RunRecord
{
    public required string RunId { get; init; }

    /// <summary>backtest | paper | live | demo | collect (free text, lower case by convention).</summary>
    public required string Mode { get; init; }
    public string? Strategy { get; init; }

    /// <summary>Hash of the effective configuration, so two runs can be compared like for like.</summary>
    public string? ConfigHash { get; init; }
    public string? ConfigJson { get; init; }
    public required DateTimeOffset StartedTime { get; init; }
    public DateTimeOffset? EndedTime { get; init; }

    /// <summary>running | completed | failed | killed (free text).</summary>
    public string Status { get; init; } = "running";
    public string? Notes { get; init; }
}

/// <summary>An order as last seen, tagged with the run and strategy that sent it.</summary>
public sealed record OrderRecord(Order Order, string? RunId = null, string? Strategy = null)
{
    /// <summary>When the store last wrote this row (set by the store on read; ignored on write).</summary>
    public DateTimeOffset? RecordedTime { get; init; }
}

/// <summary>
/// One step in an order's life as the engine saw it: submitted, acked, rejected, amended, canceled, filled,
/// reconciled. Written before and after every exchange call so a crash leaves a trail.
/// </summary>
public sealed record OrderEventRecord
{
    /// <summary>Assigned by the store; ignored on write.</summary>
    public long Id { get; init; }
    public string? RunId { get; init; }
    public required DateTimeOffset Time { get; init; }

    /// <summary>submit | ack | reject | cancel | amend | decrease | fill | update | reconcile | error (free text).</summary>
    public required string EventType { get; init; }
    public ClientOrderId? ClientOrderId { get; init; }
    public OrderId? OrderId { get; init; }
    public required MarketTicker Ticker { get; init; }
    public OrderSide? Side { get; init; }
    public Price? YesPrice { get; init; }
    public Quantity? Count { get; init; }
    public Quantity? FillCount { get; init; }
    public Quantity? RemainingCount { get; init; }
    public OrderStatus? Status { get; init; }
    public string? Reason { get; init; }

    /// <summary>Kalshi's error code or our <c>ExchangeErrorKind</c> for rejects.</summary>
    public string? ErrorCode { get; init; }
    public string? DetailJson { get; init; }
}

/// <summary>A fill of one of our orders, tagged with its run.</summary>
public sealed record FillRecord(Fill Fill, string? RunId = null);

/// <summary>A position at a moment (from the exchange, or from our own portfolio when <see cref="Source"/> says so).</summary>
public sealed record PositionSnapshotRecord
{
    public string? RunId { get; init; }
    public required DateTimeOffset Time { get; init; }
    public required MarketPosition Position { get; init; }

    /// <summary>exchange | portfolio | reconcile (free text).</summary>
    public string Source { get; init; } = "exchange";
}

/// <summary>
/// One evaluation of a possible trade, traded or not: the research needs the misses as much as the hits.
/// Edges are per contract of the whole package, after fees where <see cref="FeesPerContract"/> says so.
/// </summary>
public sealed record OpportunityRecord
{
    /// <summary>Caller-chosen unique id; writing the same id twice keeps the latest.</summary>
    public required string OpportunityId { get; init; }
    public string? RunId { get; init; }
    public required string Strategy { get; init; }

    /// <summary>subset | ladder | exclusive_no | exhaustive_yes | bucket_ladder | soft | ... (free text).</summary>
    public required string Kind { get; init; }
    public string? RelationshipId { get; init; }
    public IReadOnlyList<MarketTicker> Tickers { get; init; } = [];
    public required DateTimeOffset EvaluatedTime { get; init; }
    public Money? GrossEdgePerContract { get; init; }
    public Money? FeesPerContract { get; init; }
    public Money? NetEdgePerContract { get; init; }

    /// <summary>How many packages the books support at a positive marginal edge.</summary>
    public Quantity ExecutableSize { get; init; }
    public Money? ExpectedProfit { get; init; }
    public bool Traded { get; init; }

    /// <summary>Why it was or was not traded (below threshold, risk denied, stale book, ...).</summary>
    public string? Reason { get; init; }

    /// <summary>Legs with their executable prices and sizes, as JSON, so the decision can be audited.</summary>
    public string? DetailJson { get; init; }
}

public enum RelationshipState
{
    Proposed,
    Approved,
    Rejected,
    Retired,
}

/// <summary>
/// A claimed link between markets (subset, ladder, exclusive set, ...), with why it is believed and whether a
/// human approved it. <see cref="EvidenceJson"/> carries the rules and settlement sources the claim rests on.
/// </summary>
public sealed record RelationshipRecord
{
    public required string RelationshipId { get; init; }

    /// <summary>subset | ladder | exclusive | exhaustive | bucket_ladder | soft_implication | ... (free text).</summary>
    public required string Kind { get; init; }
    public RelationshipState State { get; init; } = RelationshipState.Proposed;
    public IReadOnlyList<MarketTicker> Tickers { get; init; } = [];
    public IReadOnlyList<EventTicker> EventTickers { get; init; } = [];

    /// <summary>rule | llm | manual (free text).</summary>
    public string Source { get; init; } = "rule";

    /// <summary>0..1 for model-made claims; null for structural ones.</summary>
    public decimal? Confidence { get; init; }
    public string? Rationale { get; init; }

    /// <summary>The machine-readable claim (e.g. {"if":"A","then":"B"} or the ladder order), as JSON.</summary>
    public string? DefinitionJson { get; init; }

    /// <summary>rules_primary and settlement sources of every market involved, as JSON.</summary>
    public string? EvidenceJson { get; init; }
    public required DateTimeOffset CreatedTime { get; init; }
    public required DateTimeOffset UpdatedTime { get; init; }
    public string? ReviewedBy { get; init; }
    public string? ReviewNote { get; init; }
}

/// <summary>A settlement of the account (or of a simulated account in a run).</summary>
public sealed record SettlementRecord(Settlement Settlement, string? RunId = null);
