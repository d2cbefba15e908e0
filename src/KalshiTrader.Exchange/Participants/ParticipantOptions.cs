using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Exchange.Participants;

/// <summary>Who trades in a running scenario and how.</summary>
public sealed record ParticipantOptions
{
    /// <summary>
    /// True: market makers re-quote as fair values move and noise takers trade. False: the makers quote once (so
    /// every market still has a two-sided book) and then stand still.
    /// </summary>
    public bool Live { get; init; } = true;

    public int MarketMakers { get; init; } = 2;

    public int NoiseTakers { get; init; } = 2;

    /// <summary>Seeds every participant's randomness (each derives its own stream).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>How often the host steps the scenario and the participants.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Half-spread at a 50% price; it narrows toward the tails as √(p(1−p)).</summary>
    public double HalfSpread { get; init; } = 0.015;

    public Quantity QuoteSize { get; init; } = Quantity.FromContracts(20);

    /// <summary>Extra half-spread per contract of inventory on the side that would add to it, capped by <see cref="MaxSkew"/>.</summary>
    public double SkewPerContract { get; init; } = 0.0002;

    public double MaxSkew { get; init; } = 0.02;

    /// <summary>Mean time between one noise taker's trades.</summary>
    public TimeSpan NoiseMeanInterval { get; init; } = TimeSpan.FromSeconds(1.5);

    public int NoiseMaxContracts { get; init; } = 5;

    public Money MakerDeposit { get; init; } = Money.FromCents(1_000_000_00);

    public Money TakerDeposit { get; init; } = Money.FromCents(100_000_00);
}
