namespace KalshiTrader.Exchange.Matching;

/// <summary>Knobs for a <see cref="MatchingEngine"/>.</summary>
public sealed record MatchingEngineOptions
{
    /// <summary>Seeds the ids the engine makes (orders, trades, order groups), so a seeded run is reproducible.</summary>
    public ulong Seed { get; init; } = 0x5eed_1234_abcd_0001;

    /// <summary>Kalshi's cap on open orders per user.</summary>
    public int MaxOpenOrdersPerAccount { get; init; } = 200_000;

    /// <summary>Kalshi's cap on order groups per user.</summary>
    public int MaxOrderGroupsPerAccount { get; init; } = 100_000;
}
