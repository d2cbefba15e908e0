using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Trading.Strategy;

/// <summary>How a submit, cancel or amend ended.</summary>
public enum OrderResultStatus
{
    /// <summary>The exchange accepted it (see fill and remaining counts).</summary>
    Accepted,

    /// <summary>Dry-run: recorded as a would-be order, nothing sent. Counts are what the book would have filled.</summary>
    DryRun,

    /// <summary>Refused by the risk manager before anything was sent; see <see cref="OrderResult.Denial"/>.</summary>
    RiskDenied,

    /// <summary>The exchange refused it; see <see cref="OrderResult.Error"/> (code and message are Kalshi's).</summary>
    Rejected,

    /// <summary>
    /// Timeout or 5xx on create: the order may or may not exist. The market is blocked until the engine reconciles
    /// by client order id; the outcome then arrives through <see cref="IStrategy.OnOrderUpdateAsync"/>.
    /// </summary>
    OutcomeUnknown,

    /// <summary>Not sent, or failed in a way that left nothing behind (transport, rate limit); safe to try again later.</summary>
    Failed,
}

/// <summary>The result of an order action, as a value.</summary>
public sealed record OrderResult
{
    public required OrderResultStatus Status { get; init; }
    public ClientOrderId? ClientOrderId { get; init; }
    public OrderId? OrderId { get; init; }

    /// <summary>Filled immediately (for IOC/FOK: all that will ever fill).</summary>
    public Quantity FilledCount { get; init; }
    public Quantity RemainingCount { get; init; }
    public RiskDenial? Denial { get; init; }
    public ExchangeError? Error { get; init; }

    /// <summary>Human-readable reason for anything but success.</summary>
    public string? Message { get; init; }

    public bool IsAccepted => Status is OrderResultStatus.Accepted or OrderResultStatus.DryRun;

    public override string ToString() => Status switch
    {
        OrderResultStatus.Accepted or OrderResultStatus.DryRun =>
            $"{Status} {ClientOrderId} filled {FilledCount} remaining {RemainingCount}",
        OrderResultStatus.RiskDenied => $"RiskDenied {Denial}",
        _ => $"{Status} {ClientOrderId}: {Error?.ToString() ?? Message}",
    };
}
