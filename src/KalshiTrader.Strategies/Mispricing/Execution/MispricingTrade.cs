using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Detection;

namespace KalshiTrader.Strategies.Mispricing.Execution;

/// <summary>Where a trade stands: legs going in, missing legs being bought, surplus being unwound, or finished.</summary>
internal enum TradePhase
{
    Entering,
    Repairing,
    Unwinding,
    Done,
}

/// <summary>One leg of a trade in flight: what it bought, what it paid (conservatively), and what was sold back.</summary>
internal sealed class LegState(OpportunityLeg plan, FeeSchedule fees)
{
    public OpportunityLeg Plan { get; } = plan;
    public FeeSchedule Fees { get; } = fees;
    public Quantity Filled { get; set; }

    /// <summary>What the fills cost (exact from the engine when it knows, else at the limit: never optimistic).</summary>
    public Money Cost { get; set; }
    public Money FeesPaid { get; set; }

    /// <summary>Contracts sold back by buying the opposite outcome (reduce-only).</summary>
    public Quantity Unwound { get; set; }
    public Money UnwindCost { get; set; }
    public Money UnwindFees { get; set; }

    /// <summary>An order whose outcome is not known yet (created with a timeout or 5xx): resolved through FindOrder.</summary>
    public ClientOrderId? Pending { get; set; }
    public bool PendingIsUnwind { get; set; }
    public Price PendingPrice { get; set; }

    public Quantity Held => Filled - Unwound;
}

/// <summary>One opportunity being executed, with every step it took (for the evaluation record and the log).</summary>
internal sealed class MispricingTrade
{
    public MispricingTrade(Opportunity opportunity, LegState[] legs, Quantity target, bool sequential, Money worstCaseLoss, DateTimeOffset now)
    {
        Opportunity = opportunity;
        Legs = legs;
        Target = target;
        Sequential = sequential;
        WorstCaseLoss = worstCaseLoss;
        PhaseSince = now;
        StartedAt = now;
    }

    public Opportunity Opportunity { get; }

    /// <summary>For two-leg trades, Legs[0] is the less liquid leg (sent first).</summary>
    public LegState[] Legs { get; }
    public Quantity Target { get; }
    public bool Sequential { get; }
    public Money WorstCaseLoss { get; }

    /// <summary>The engine's position-set id: the legs of one trade count as one set for risk.</summary>
    public string SetId => "mp-" + Opportunity.Id[..Math.Min(12, Opportunity.Id.Length)];
    public TradePhase Phase { get; set; } = TradePhase.Entering;

    /// <summary>The exchange order group every buy of a many-leg trade carries (see <see cref="TradeExecutor.GroupLimit"/>).</summary>
    public string? OrderGroupId { get; set; }
    public DateTimeOffset StartedAt { get; }
    public DateTimeOffset PhaseSince { get; set; }
    public int RepairAttempts { get; set; }
    public OpportunityStatus? Outcome { get; set; }
    public string? OutcomeReason { get; set; }
    public List<TradeStep> Steps { get; } = [];

    public bool HasPending => Legs.Any(l => l.Pending is not null);

    public bool AnyFilled => Legs.Any(l => l.Filled.IsPositive);

    public bool Balanced => Legs.All(l => l.Held == Legs[0].Held);

    public IEnumerable<Core.Primitives.MarketTicker> Tickers => Legs.Select(l => l.Plan.Ticker);

    /// <summary>Cash out so far (costs and fees of buys and unwinds), for the P&amp;L estimate in the record.</summary>
    public Money Spent => Legs.Aggregate(Money.Zero, (m, l) => m + l.Cost + l.FeesPaid + l.UnwindCost + l.UnwindFees);
}

/// <summary>One order the trade sent and how it ended.</summary>
internal sealed record TradeStep(
    DateTimeOffset Time, string Action, MarketTicker Ticker, Outcome Buy, Price Limit, Quantity Count, Quantity Filled, string Result);
