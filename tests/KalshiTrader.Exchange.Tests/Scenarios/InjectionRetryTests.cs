using KalshiTrader.Exchange.Scenarios;
using KalshiTrader.Exchange.Scenarios.Injections;

namespace KalshiTrader.Exchange.Tests.Scenarios;

/// <summary>
/// A scheduled injection that finds no clean way to break its constraint is tried again later in the run, and is
/// recorded once (as failed) only when every attempt failed; one that succeeds is not retried.
/// </summary>
public sealed class InjectionRetryTests
{
    [Fact]
    public void AnInjectionWithNoCleanPlacementIsRetriedThenRecordedOnceAsFailed()
    {
        // A BTC-only scenario has no Fed deadline markets, so a deadline-subset injection can never be placed.
        var options = new ScenarioOptions(3, TimeSpan.FromSeconds(100), null);
        var scenario = new BuiltInScenario("retry", "", options, [ScenarioRegistry.Btc(options)],
            [(InjectionKind.DeadlineSubset, 0.05)]);
        var run = new ScenarioRun(scenario, seed: 3);
        var attemptsSeen = new HashSet<int>();

        run.Run(TimeSpan.FromSeconds(100), afterEach: () =>
        {
            foreach (var planned in scenario.InjectionSchedule) attemptsSeen.Add(planned.Attempt);
        });

        var record = Assert.Single(scenario.Injections);
        Assert.Equal(InjectionKind.DeadlineSubset, record.Kind);
        Assert.False(record.Verified);
        Assert.Empty(record.Orders);
        Assert.Contains(2, attemptsSeen);
        Assert.Contains(5, attemptsSeen);
        Assert.DoesNotContain(6, attemptsSeen);
    }

    [Fact]
    public void AVerifiedInjectionIsRecordedOnceAndNotRetried()
    {
        var run = ScenarioRun.Demo(seed: 1, duration: TimeSpan.FromSeconds(100));
        var maxAttempt = 0;
        run.Run(TimeSpan.FromSeconds(12), afterEach: () =>
        {
            foreach (var planned in run.BuiltIn.InjectionSchedule) maxAttempt = Math.Max(maxAttempt, planned.Attempt);
        });

        var record = Assert.Single(run.BuiltIn.Injections);
        Assert.Equal(InjectionKind.DeadlineSubset, record.Kind);
        Assert.True(record.Verified, record.Description);
        Assert.Equal(1, maxAttempt);
    }
}
