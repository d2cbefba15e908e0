using KalshiTrader.Strategies.Mispricing.Execution;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Strategies.Mispricing;

/// <summary>
/// Builds the "mispricing" strategy from its config section (<c>mispricing:</c> in config.yaml). Every key is optional:
/// <list type="table">
/// <item><term>min_edge</term><description>dollars per contract after conservative fees (default 0.005)</description></item>
/// <item><term>fee_safety (or fee_safety_multiple)</term><description>gross edge ≥ this × fees (default 2)</description></item>
/// <item><term>min_size</term><description>fewest contracts worth trading (default 1)</description></item>
/// <item><term>max_size</term><description>hard cap on contracts per trade (default 25)</description></item>
/// <item><term>risk_budget</term><description>worst-case loss one trade may carry, dollars; size ≤ budget / worst case per unit (default 50.00)</description></item>
/// <item><term>leg_timeout</term><description>how long missing legs are retried before unwinding (default 3s)</description></item>
/// <item><term>max_retries</term><description>repair attempts after the first hedge order (default 3)</description></item>
/// <item><term>max_slippage</term><description>most a repair may pay above the detected limit, dollars; the edge bounds it too (default 0.04)</description></item>
/// <item><term>loss_cap</term><description>most a trade may lose unwinding what it could not hedge, dollars (default 2.00)</description></item>
/// <item><term>flatten_timeout</term><description>how long unwinding is tried before the residual is left to settle (default 10s)</description></item>
/// <item><term>cooldown</term><description>quiet time on a relationship after a trade (default 2s)</description></item>
/// <item><term>confirm_bucket_rules</term><description>approve bucket-vs-ladder triples whose rules text proves (K1, K2] (default true)</description></item>
/// <item><term>relationships_refresh</term><description>how often person-approved relationships are re-read from the store (default 60s)</description></item>
/// <item><term>revalidate_interval</term><description>how often watched relationships are re-validated against current metadata; they also are when a member's lifecycle changes (default 5m, 0 = only then)</description></item>
/// </list>
/// Sizing is min(risk_budget / worst-case loss, executable depth, max_size); the engine's own risk limits apply on top.
/// </summary>
public sealed class MispricingStrategyFactory : IStrategyFactory
{
    public string Name => "mispricing";

    public IStrategy Create(StrategyCreation creation) => new MispricingStrategy(MispricingSettings.FromSection(creation.Section), creation.Clock);
}
