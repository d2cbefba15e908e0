using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Exchange.Scenarios;

/// <summary>How one market was decided, and the underlying value that decided it (for reports).</summary>
public sealed record MarketOutcome(MarketTicker Ticker, MarketResult Result, string Basis);

/// <summary>What <see cref="IScenario.SettleAllAsync"/> did: every market's result, and markets it could not settle.</summary>
public sealed record ScenarioSettlement(DateTimeOffset Time, IReadOnlyList<MarketOutcome> Outcomes, IReadOnlyList<string> Problems)
{
    public MarketResult ResultOf(MarketTicker ticker) => Outcomes.FirstOrDefault(o => o.Ticker == ticker)?.Result ?? MarketResult.None;
}
