using KalshiTrader.Cli.Demo;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Scenarios.Injections;

namespace KalshiTrader.Cli.Tests.Demo;

/// <summary>Per-injection attribution: the fills that belong to an injection, and whether it was judged tradeable on its own update.</summary>
public sealed class InjectionAttributionTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, 250, TimeSpan.Zero);
    private static readonly MarketTicker A = "KXT-A", B = "KXT-B", C = "KXT-C";

    private static InjectionRecord Injection(params MarketTicker[] markets) =>
        new(7, InjectionKind.LadderNonAdjacent, markets, T0, T0.AddSeconds(5), Quantity.FromContracts(10), Money.FromCents(3), "test", true, [], []);

    private static DemoEvaluation Validated(double seconds, DemoTrigger? trigger, string status = "validated") =>
        new(T0.AddSeconds(seconds), "mispricing", "subset", [A, B], false, true, null, status, trigger);

    private static DemoFill Fill(double seconds, MarketTicker ticker) =>
        new(T0.AddSeconds(seconds), "mispricing", ticker, Outcome.Yes, Price.FromTicks(4000), Quantity.FromContracts(1), Money.FromCents(1));

    [Fact]
    public void AnInjectionFirstJudgedTradeableOnADeltaStampedWhileItsOrdersWentInWasDetectedOnItsUpdate()
    {
        var outcome = InjectionMatcher.Match(Injection(A, B), [Validated(0.002, new DemoTrigger(B, 41, T0))], []) with { PlacedUntil = T0.AddMilliseconds(1) };
        Assert.True(outcome.DetectedOnItsUpdate);
    }

    [Fact]
    public void ALaterUpdateASnapshotAnotherMarketOrOnlyABelowThresholdVerdictIsNotDetectionOnItsUpdate()
    {
        var injection = Injection(A, B);
        bool On(params DemoEvaluation[] evaluations) =>
            (InjectionMatcher.Match(injection, evaluations, []) with { PlacedUntil = T0.AddMilliseconds(1) }).DetectedOnItsUpdate;

        Assert.False(On(Validated(0.5, new DemoTrigger(B, 57, T0.AddMilliseconds(480))))); // a participant's later quote
        Assert.False(On(Validated(0.5, new DemoTrigger(B, 57, null)))); // after a snapshot: not a delta
        Assert.False(On(Validated(0.002, new DemoTrigger(C, 41, T0)))); // a market outside the injection
        Assert.False(On(Validated(0.002, null))); // no trigger: a scan, not an update
        Assert.False(On(Validated(0.002, new DemoTrigger(B, 41, T0), status: "detected"))); // seen, not judged tradeable
        // The first tradeable verdict decides, even when a later one came from the injection's update.
        Assert.False(On(Validated(0.5, new DemoTrigger(B, 57, T0.AddMilliseconds(480))), Validated(0.9, new DemoTrigger(B, 41, T0))));
    }

    [Fact]
    public void AnInjectionsFillsAreOursOnItsMarketsDuringItsLife()
    {
        var outcome = InjectionMatcher.Match(Injection(A, B), [], [Fill(1, A), Fill(1.1, B), Fill(1.2, C), Fill(30, A)]);
        Assert.Equal([A, B], outcome.Fills.Select(f => f.Ticker));
    }

    [Fact]
    public void TheStrategysStatusAndTriggerAreReadFromItsEvaluationDetail()
    {
        const string detail = """{"kind":"subset","key":"k","markets":["KXT-A","KXT-B"],"traded":false,"decision":"validated: size 10","detail":"{\"status\":\"validated\",\"riskless\":true,\"trigger\":{\"ticker\":\"KXT-B\",\"seq\":41,\"exchange_time\":\"2026-11-21T12:00:00.25+00:00\"}}"}""";
        var e = DemoActivity.ParseEvaluation(T0, "mispricing", detail)!;
        Assert.Equal("validated", e.Status);
        Assert.Equal(new DemoTrigger(B, 41, T0), e.Trigger);
        Assert.True(e.Riskless);
    }
}
