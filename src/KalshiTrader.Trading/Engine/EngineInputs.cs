using KalshiTrader.Core.Exchange;

namespace KalshiTrader.Trading.Engine;

/// <summary>Everything the single consumer loop reads: feed events, timer ticks and control commands, merged in one channel.</summary>
internal abstract record EngineInput;

internal sealed record FeedInput(FeedEvent Event) : EngineInput;

internal sealed record TimerInput(DateTimeOffset Time) : EngineInput;

internal sealed record FeedEndedInput(string Reason) : EngineInput;

internal sealed record CommandInput(EngineCommand Command, TaskCompletionSource<object?> Done) : EngineInput;

/// <summary>Control commands for the engine loop.</summary>
public abstract record EngineCommand;

/// <summary>Trip the kill switch: cancel everything, refuse new orders, stop strategies, stop the engine.</summary>
public sealed record KillCommand(string Reason) : EngineCommand;

/// <summary>Reconcile with the exchange now.</summary>
public sealed record ReconcileCommand(string Reason) : EngineCommand;

/// <summary>Stop gracefully (as on SIGTERM).</summary>
public sealed record StopCommand(string Reason) : EngineCommand;

/// <summary>What a kill achieved.</summary>
public sealed record KillReport(string Reason, bool CancelAllOk, int RestingAfter, TimeSpan Elapsed, string? Error)
{
    public bool NoOrderRests => RestingAfter == 0 && Error is null;
}

/// <summary>A copy of the engine's state, safe to read from any thread (the control endpoint serves it).</summary>
public sealed record EngineStatus
{
    public required string RunId { get; init; }
    public required string Mode { get; init; }
    public required string State { get; init; }
    public DateTimeOffset StartedTime { get; init; }
    public IReadOnlyList<string> Strategies { get; init; } = [];
    public int FollowedMarkets { get; init; }
    public int OpenOrders { get; init; }
    public int Positions { get; init; }
    public IReadOnlyList<string> BlockedMarkets { get; init; } = [];
    public string? KillReason { get; init; }
    public string Cash { get; init; } = "0";
    public string DailyPnl { get; init; } = "0";
    public DateTimeOffset? LastReconciled { get; init; }
    public long EventsProcessed { get; init; }
    public long RiskDenials { get; init; }
    public long OrdersSent { get; init; }
}
