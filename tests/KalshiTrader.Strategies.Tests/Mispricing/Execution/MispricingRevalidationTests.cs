using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Strategies.Mispricing;
using KalshiTrader.Strategies.Mispricing.Execution;
using KalshiTrader.Strategies.Mispricing.Persistence;
using KalshiTrader.Strategies.Mispricing.Relationships;
using KalshiTrader.Strategies.Tests.Mispricing.Execution.Support;
using KalshiTrader.Strategies.Tests.Mispricing.Llm.Support;
using KalshiTrader.Strategies.Tests.Support;

namespace KalshiTrader.Strategies.Tests.Mispricing.Execution;

/// <summary>The running strategy re-validates what it watches on the engine's clock and when a member market changes.</summary>
public sealed class MispricingRevalidationTests
{
    private const string Low = "KXHIGH-27JAN01-T50";
    private const string High = "KXHIGH-27JAN01-T60";
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly MispricingSettings EveryFiveMinutes = new() { RevalidateInterval = TimeSpan.FromMinutes(5) };
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static Market Threshold(string ticker, string eventTicker, decimal strike) =>
        SyntheticMarkets.Threshold(ticker, eventTicker, StrikeType.Greater, strike);

    private static Event Ladder() => SyntheticMarkets.Event("KXHIGH-27JAN01", false, Threshold(Low, "KXHIGH-27JAN01", 50), Threshold(High, "KXHIGH-27JAN01", 60));

    private async Task<(MispricingStrategy Strategy, FakeStrategyContext Ctx)> StartAsync(IReadOnlyList<Event> events, MispricingSettings settings)
    {
        var ctx = new FakeStrategyContext(events, Start);
        var strategy = new MispricingStrategy(settings, ctx.Time);
        await strategy.StartAsync(ctx, _ct);
        return (strategy, ctx);
    }

    private async Task TimerAtAsync(MispricingStrategy s, FakeStrategyContext ctx, TimeSpan sinceStart)
    {
        ctx.Time.Now = Start + sinceStart;
        await s.OnTimerAsync(ctx, _ct);
    }

    [Fact]
    public async Task ALinkBrokenByAStrikeCorrectionStopsBeingWatchedAtTheNextScheduledRevalidation()
    {
        var (s, ctx) = await StartAsync([Ladder()], EveryFiveMinutes);
        Assert.Single(s.Relationships);
        ctx.ChangeMarket(Threshold(Low, "KXHIGH-27JAN01", 70)); // corrected: >70 is now the harder strike

        await TimerAtAsync(s, ctx, TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, s.Revalidations);
        Assert.Single(s.Relationships);

        await TimerAtAsync(s, ctx, TimeSpan.FromMinutes(5));
        Assert.Equal(1, s.Revalidations);
        Assert.Empty(s.Relationships);
        Assert.Contains(ctx.LogLines, l => l.Contains("mispricing: retired ", StringComparison.Ordinal) && l.Contains("structural facts changed", StringComparison.Ordinal));

        // What used to be a violation of the old claim is no longer traded.
        SyntheticMarkets.SetBook(ctx.Books, Low, [("0.40", 100)], [("0.45", 100)]);
        await s.OnBookChangedAsync(Low, ctx, _ct);
        SyntheticMarkets.SetBook(ctx.Books, High, [("0.55", 100)], [("0.60", 100)]);
        await s.OnBookChangedAsync(High, ctx, _ct);
        Assert.Empty(ctx.Submitted);

        await TimerAtAsync(s, ctx, TimeSpan.FromMinutes(10));
        Assert.Equal(1, s.Revalidations); // nothing left to re-validate
    }

    [Fact]
    public async Task ALinkThatStillHoldsStaysWatchedWithItsValidationTimeMovedToTheEngineClock()
    {
        var (s, ctx) = await StartAsync([Ladder()], EveryFiveMinutes);

        await TimerAtAsync(s, ctx, TimeSpan.FromMinutes(5));
        await TimerAtAsync(s, ctx, TimeSpan.FromMinutes(10));

        Assert.Equal(2, s.Revalidations);
        var r = Assert.Single(s.Relationships);
        Assert.Equal(ApprovalState.Approved, r.Approval);
        Assert.Equal(Start + TimeSpan.FromMinutes(10), r.LastValidatedAt);
    }

    [Fact]
    public async Task AZeroIntervalMeansNoScheduledRevalidation()
    {
        var (s, ctx) = await StartAsync([Ladder()], new MispricingSettings { RevalidateInterval = TimeSpan.Zero });

        await TimerAtAsync(s, ctx, TimeSpan.FromDays(1));

        Assert.Equal(0, s.Revalidations);
    }

    [Fact]
    public async Task AMovedCloseTimeOfAnOpenMemberRevalidatesAtOnce()
    {
        // One event per strike, joined into one ladder because they settle at the same time.
        var events = new[]
        {
            SyntheticMarkets.Event("KXHIGH-27JAN01A", false, Threshold(Low, "KXHIGH-27JAN01A", 50)),
            SyntheticMarkets.Event("KXHIGH-27JAN01B", false, Threshold(High, "KXHIGH-27JAN01B", 60)),
        };
        var (s, ctx) = await StartAsync(events, EveryFiveMinutes);
        Assert.Single(s.Relationships);

        var later = SyntheticMarkets.Close.AddDays(7);
        ctx.ChangeMarket(Threshold(High, "KXHIGH-27JAN01B", 60) with { CloseTime = later, ExpectedExpirationTime = later });
        await s.OnMarketStatusAsync(High, "close_date_updated", ctx, _ct);

        Assert.Equal(1, s.Revalidations);
        Assert.Empty(s.Relationships);
    }

    [Fact]
    public async Task AStoredModelLinkWhoseRulesChangedGoesBackToProposedInTheStoreWithTheReason()
    {
        await using var store = await LlmUniverse.NewStoreAsync();
        var ladder = Ladder();
        var link = new Relationship
        {
            Id = $"llm-subset:{Low},{High}",
            Kind = RelationshipKind.Subset,
            Markets = [Low, High],
            Constraint = $"P({High}) ≤ P({Low})",
            Reasoning = "a higher high implies the lower one",
            Source = RelationshipSource.Llm,
            Approval = ApprovalState.Approved,
            Confidence = 0.9m,
            Events = [ladder.Ticker],
            Rules = [.. ladder.Markets.Select(m => new MemberRules(m.Ticker, m.RulesPrimary, m.ExpectedExpirationTime))],
            CreatedAt = Start.AddDays(-1),
            LastValidatedAt = Start.AddDays(-1),
        };
        await store.UpsertRelationshipsAsync([RelationshipRecords.ToRecord(link, reviewedBy: "alice")], _ct);
        var ctx = new FakeStrategyContext([ladder], Start) { Store = store };
        var s = new MispricingStrategy(EveryFiveMinutes, ctx.Time);
        await s.StartAsync(ctx, _ct);
        Assert.Contains(s.Relationships, r => r.Id == link.Id);

        await TimerAtAsync(s, ctx, TimeSpan.FromMinutes(5));
        var validated = await store.GetRelationshipAsync(link.Id, _ct);
        Assert.Equal(RelationshipState.Approved, validated!.State);
        Assert.Equal(Start + TimeSpan.FromMinutes(5), validated.UpdatedTime);
        Assert.Equal("alice", validated.ReviewedBy);

        ctx.ChangeMarket(Threshold(High, "KXHIGH-27JAN01", 60) with { RulesPrimary = "If the LOW temperature at Central Park is above 60 degrees on Jan 1, 2027, then the market resolves to Yes." });
        await TimerAtAsync(s, ctx, TimeSpan.FromMinutes(10));

        var demoted = await store.GetRelationshipAsync(link.Id, _ct);
        Assert.Equal(RelationshipState.Proposed, demoted!.State);
        Assert.Equal($"re-validation: the rules text of {High} changed since it was approved; a person must review it again", demoted.ReviewNote);
        Assert.Contains("LOW temperature", RelationshipRecords.FromRecord(demoted).Rules.Single(r => r.Ticker.Value == High).RulesPrimary, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Relationships, r => r.Id == link.Id);
    }

    [Fact]
    public async Task ALinkAPersonRejectedWhileTheStrategyRanIsDroppedAndTheRejectionKept()
    {
        await using var store = await LlmUniverse.NewStoreAsync();
        var ladder = Ladder();
        var structural = Assert.Single(StructuralDiscovery.Discover([ladder], null, Start));
        await store.UpsertRelationshipsAsync([RelationshipRecords.ToRecord(structural with { Approval = ApprovalState.Approved })], _ct);
        var ctx = new FakeStrategyContext([ladder], Start) { Store = store };
        var s = new MispricingStrategy(EveryFiveMinutes with { RelationshipsRefresh = TimeSpan.FromHours(1) }, ctx.Time);
        await s.StartAsync(ctx, _ct);
        Assert.Single(s.Relationships);

        await store.SetRelationshipStateAsync(structural.Id, RelationshipState.Rejected, "bob", "not the same station", Start.AddMinutes(1), _ct);
        await TimerAtAsync(s, ctx, TimeSpan.FromMinutes(5));

        Assert.Empty(s.Relationships);
        var kept = await store.GetRelationshipAsync(structural.Id, _ct);
        Assert.Equal(RelationshipState.Rejected, kept!.State);
        Assert.Equal("not the same station", kept.ReviewNote);
    }
}
