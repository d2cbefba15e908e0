using KalshiTrader.Cli.Demo;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Scenarios.Injections;

namespace KalshiTrader.Cli.Tests.Demo;

public sealed class InjectionMatcherTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly MarketTicker A = "KXT-A", B = "KXT-B", C = "KXT-C";

    private static InjectionRecord Injection(InjectionKind kind, params MarketTicker[] markets) =>
        new(1, kind, markets, T0, T0.AddSeconds(5), Quantity.FromContracts(10), Money.FromCents(3), "test", true, [], []);

    private static DemoFill Fill(double seconds, MarketTicker ticker, Outcome bought) =>
        new(T0.AddSeconds(seconds), "mispricing", ticker, bought, Price.FromTicks(4000), Quantity.FromContracts(1), Money.FromCents(1));

    private static DemoEvaluation Evaluation(double seconds, bool traded, bool? riskless, params MarketTicker[] markets) =>
        new(T0.AddSeconds(seconds), "mispricing", "threshold_ladder", markets, traded, riskless, null);

    private static DemoEvaluation Evaluation(string kind, double seconds, bool traded, bool? riskless, params MarketTicker[] markets) =>
        new(T0.AddSeconds(seconds), "mispricing", kind, markets, traded, riskless, null);

    [Fact]
    public void AnInjectionIsDetectedAndTradedWhenEvaluationsAndFillsTouchTwoOfItsMarketsDuringItsLife()
    {
        var outcome = InjectionMatcher.Match(Injection(InjectionKind.LadderNonAdjacent, A, B),
            [Evaluation(1, true, true, A, B, C)], [Fill(1.2, A, Outcome.No), Fill(1.3, B, Outcome.Yes)]);
        Assert.True(outcome.Detected);
        Assert.True(outcome.Traded);
        Assert.False(outcome.TradedAsRiskless);
    }

    [Fact]
    public void ActivityOutsideTheInjectionsLifeOrOnOneMarketOnlyDoesNotCount()
    {
        var outcome = InjectionMatcher.Match(Injection(InjectionKind.LadderNonAdjacent, A, B),
            [Evaluation(30, true, true, A, B), Evaluation(1, true, true, A, C)], [Fill(30, A, Outcome.No), Fill(30, B, Outcome.Yes), Fill(1, A, Outcome.No)]);
        Assert.False(outcome.Detected);
        Assert.False(outcome.Traded);
    }

    [Fact]
    public void BuyingYesAcrossANonExhaustiveSetIsTakingTheBait()
    {
        var injection = Injection(InjectionKind.NonExhaustiveBuyAllYes, A, B, C);
        Assert.True(InjectionMatcher.Match(injection, [], [Fill(1, A, Outcome.Yes), Fill(1, B, Outcome.Yes)]).TradedAsRiskless);
        Assert.False(InjectionMatcher.Match(injection, [], [Fill(1, A, Outcome.No), Fill(1, B, Outcome.No)]).TradedAsRiskless);
    }

    [Fact]
    public void ALadderTradeAcrossSettlementTimesIsTakingTheBaitOnlyInTheTemptingDirection()
    {
        var injection = Injection(InjectionKind.LadderAcrossTimes, A, B);
        Assert.True(InjectionMatcher.Match(injection, [], [Fill(1, A, Outcome.No), Fill(1, B, Outcome.Yes)]).TradedAsRiskless);
        Assert.False(InjectionMatcher.Match(injection, [], [Fill(1, A, Outcome.Yes), Fill(1, B, Outcome.No)]).TradedAsRiskless);
        Assert.True(InjectionMatcher.Match(injection, [Evaluation(1, true, true, A, B)], []).TradedAsRiskless);
        Assert.False(InjectionMatcher.Match(injection, [Evaluation(1, false, true, A, B)], []).TradedAsRiskless);
    }

    [Fact]
    public void AnArbitrageIsNeverCalledTradedAsRiskless()
    {
        var outcome = InjectionMatcher.Match(Injection(InjectionKind.ExclusiveBuyAllNo, A, B, C), [Evaluation(1, true, true, A, B, C)],
            [Fill(1, A, Outcome.No), Fill(1, B, Outcome.No), Fill(1, C, Outcome.No)]);
        Assert.True(outcome.Traded);
        Assert.False(outcome.TradedAsRiskless);
    }

    [Fact]
    public void TheLegitimateNoBasketOnTheSameSetAndUnwindingItsSurplusAreNotTheBait()
    {
        // Buy NO on all three (riskless, exclusive), then unwind a surplus leg by buying YES on it: no net YES remains.
        var injection = Injection(InjectionKind.NonExhaustiveBuyAllYes, A, B, C);
        var fills = new[] { Fill(1, A, Outcome.No), Fill(1, B, Outcome.No), Fill(1, C, Outcome.No), Fill(1.5, A, Outcome.Yes), Fill(1.5, B, Outcome.Yes) };
        Assert.False(InjectionMatcher.Match(injection, [Evaluation("exclusive_buy_all_no", 1, true, true, A, B, C)], [.. fills]).TradedAsRiskless);
        Assert.True(InjectionMatcher.Match(injection, [Evaluation("exclusive_buy_all_yes", 1, true, true, A, B, C)], []).TradedAsRiskless);
    }
}
