namespace KalshiTrader.Cli.Demo;

/// <summary>What the live view shows, copied from the running parts a few times a second.</summary>
internal sealed record DemoSnapshot
{
    public required string Phase { get; init; }
    public TimeSpan Elapsed { get; init; }
    public TimeSpan Duration { get; init; }
    public TimeSpan Left => Duration > Elapsed ? Duration - Elapsed : TimeSpan.Zero;

    /// <summary>Evaluations recorded by the strategies, by the strategy's kind name.</summary>
    public IReadOnlyDictionary<string, int> OpportunitiesByKind { get; init; } = new Dictionary<string, int>();
    public int OpportunitiesTraded { get; init; }
    public int InjectionsPlaced { get; init; }
    public int InjectionsPlanned { get; init; }
    public int Orders { get; init; }
    public int Fills { get; init; }
    public long RiskDenials { get; init; }

    /// <summary>Account cash change so far (dollars, exact string), from the exchange.</summary>
    public string CashChange { get; init; } = "0";

    /// <summary>Realized P&amp;L the exchange reports on our positions (dollars).</summary>
    public string RealizedPnl { get; init; } = "0";

    /// <summary>Equity change with open positions marked at their best bids (dollars).</summary>
    public string MarkedPnl { get; init; } = "0";

    public IReadOnlyDictionary<string, long> Recorded { get; init; } = new Dictionary<string, long>();
    public string EngineState { get; init; } = "";
}
