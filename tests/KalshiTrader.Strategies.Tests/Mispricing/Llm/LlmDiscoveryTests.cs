using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Records;
using KalshiTrader.Strategies.Mispricing.Llm;
using KalshiTrader.Strategies.Mispricing.Persistence;
using KalshiTrader.Strategies.Mispricing.Relationships;
using KalshiTrader.Strategies.Tests.Mispricing.Llm.Support;
using KalshiTrader.Strategies.Tests.Support;

namespace KalshiTrader.Strategies.Tests.Mispricing.Llm;

public sealed class LlmDiscoveryTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static async Task<(LlmDiscoveryReport Report, IKalshiStore Store)> RunAsync(FakeMessagesServer server, LlmSettings settings, IKalshiStore? store = null)
    {
        store ??= await LlmUniverse.NewStoreAsync();
        var events = LlmUniverse.Events();
        using var discovery = LlmDiscovery.Create(settings, store, new ManualTime(LlmUniverse.Now), out var unavailable);
        Assert.Null(unavailable);
        // As `relationships discover --llm` does: what is stored plus this run's structural discovery.
        var stored = (await store.GetRelationshipsAsync(null, Ct)).Select(RelationshipRecords.FromRecord);
        var report = await discovery!.RunAsync(events, null, [.. stored, .. LlmUniverse.Known(events)], Ct);
        return (report, store);
    }

    [Fact]
    public async Task ValidProposalsAreStoredAsProposedWithSourceLlm()
    {
        await using var server = await FakeMessagesServer.StartAsync(LlmUniverse.Key, LlmUniverse.Respond);
        var (report, store) = await RunAsync(server, LlmUniverse.Settings(server.BaseUrl));
        await using var _ = store;

        var records = await store.GetRelationshipsAsync(RelationshipState.Proposed, Ct);
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Equal("llm", r.Source));
        var stored = records.Select(RelationshipRecords.FromRecord).ToDictionary(r => r.Kind);
        Assert.Equal(["KXSENATE-26-DEM", "KXSENATE-26-REP"], stored[RelationshipKind.ExclusiveSet].Markets.Select(m => m.Value));
        Assert.False(stored[RelationshipKind.ExclusiveSet].Exhaustive);
        // Subset members are [implied, implier]: 55 seats implies a majority.
        Assert.Equal(["KXSENATE-26-DEM", "KXDEMSEATS-26-T55"], stored[RelationshipKind.Subset].Markets.Select(m => m.Value));
        Assert.Contains("validated by claude-sonnet-4-5", stored[RelationshipKind.Subset].Reasoning, StringComparison.Ordinal);
        Assert.Contains("settlement source: AP", stored[RelationshipKind.Subset].Reasoning, StringComparison.Ordinal);
        Assert.All(stored.Values, r => Assert.False(r.IsHardLink));
        Assert.Equal(2, report.Proposed.Count);

        // Four scanning batches (two events, one category, one across) and one validation per surviving proposal.
        Assert.Equal(4, report.Batches);
        Assert.Equal(4, server.Requests.Count(r => r.Model == LlmUniverse.Fast));
        Assert.Equal(2, server.Requests.Count(r => r.Model == LlmUniverse.Strong));
        Assert.Equal(0, server.Refused);
    }

    [Fact]
    public async Task MalformedRepliesAndSchemaViolationsAreRejectedWithAReasonAndCountedNotFatal()
    {
        await using var server = await FakeMessagesServer.StartAsync(LlmUniverse.Key, LlmUniverse.Respond);
        var (report, store) = await RunAsync(server, LlmUniverse.Settings(server.BaseUrl));
        await using var _ = store;

        Assert.Equal(1, report.MalformedReplies);
        Assert.Contains(report.Rejected, r => r.Batch == "across categories" && r.Reason.StartsWith("malformed reply: reply is not valid JSON", StringComparison.Ordinal));
        Assert.Equal(1, report.SchemaViolations);
        Assert.Contains(report.Rejected, r => r.Reason.Contains("relationships[1].confidence: must be a number from 0 to 1, was 1.7", StringComparison.Ordinal));
        Assert.Equal(2, report.Proposed.Count);
        Assert.Null(report.StoppedBecause);
    }

    [Fact]
    public async Task ProposalNamingAnUnknownOrClosedTickerIsRejected()
    {
        await using var server = await FakeMessagesServer.StartAsync(LlmUniverse.Key, LlmUniverse.Respond);
        var (report, store) = await RunAsync(server, LlmUniverse.Settings(server.BaseUrl));
        await using var _ = store;

        Assert.Contains(report.Rejected, r => r.Reason.StartsWith("unknown ticker KXNOPE-26-X", StringComparison.Ordinal));
        Assert.Contains(report.Rejected, r => r.Reason == "KXSENATE-26-IND is not open (status Closed)");
        // Stored too, as rejected with the reason, so every checked proposal is on record; never proposed.
        var stored = await store.GetRelationshipsAsync(null, Ct);
        var unknown = Assert.Single(stored, r => r.Tickers.Any(t => t.Value == "KXNOPE-26-X"));
        Assert.Equal(RelationshipState.Rejected, unknown.State);
        Assert.StartsWith("unknown ticker KXNOPE-26-X", unknown.ReviewNote, StringComparison.Ordinal);
        Assert.Equal("llm", unknown.Source);
        var closed = Assert.Single(stored, r => r.Tickers.Any(t => t.Value == "KXSENATE-26-IND"));
        Assert.Equal(RelationshipState.Rejected, closed.State);
        Assert.Equal("KXSENATE-26-IND is not open (status Closed)", closed.ReviewNote);
        Assert.All(report.Rejected.Where(r => r.Reason.StartsWith("unknown", StringComparison.Ordinal)), r => Assert.Equal(unknown.RelationshipId, r.RelationshipId));
    }

    [Fact]
    public async Task ThresholdContradictingStrikeOrderIsRejected()
    {
        await using var server = await FakeMessagesServer.StartAsync(LlmUniverse.Key, LlmUniverse.Respond);
        var (report, store) = await RunAsync(server, LlmUniverse.Settings(server.BaseUrl));
        await using var _ = store;

        var rejection = Assert.Single(report.Rejected, r => r.Proposal.StartsWith("THRESHOLD", StringComparison.Ordinal));
        Assert.StartsWith("contradicts strike order: claims YES(KXHIGHNY-27JAN01-T40 >40) implies YES(KXHIGHNY-27JAN01-T50 >50)", rejection.Reason, StringComparison.Ordinal);
        // It was refused before the strong model saw it.
        Assert.DoesNotContain(server.Requests, r => r.Model == LlmUniverse.Strong && r.User.Contains("KXHIGHNY", StringComparison.Ordinal));
        var stored = Assert.Single(await store.GetRelationshipsAsync(null, Ct), r => r.Tickers.Any(t => t.Value.StartsWith("KXHIGHNY", StringComparison.Ordinal)));
        Assert.Equal(RelationshipState.Rejected, stored.State);
        Assert.Equal(rejection.Reason, stored.ReviewNote);
    }

    [Fact]
    public async Task StrongModelRejectionIsStoredAsRejectedWithItsReason()
    {
        await using var server = await FakeMessagesServer.StartAsync(LlmUniverse.Key, r =>
            r.Model == LlmUniverse.Strong ? RecordedMessages.Reject(LlmUniverse.Strong, "A tie at 50-50 leaves neither party with a majority, but the VP decides control.") : LlmUniverse.Respond(r));
        var (report, store) = await RunAsync(server, LlmUniverse.Settings(server.BaseUrl));
        await using var _ = store;

        Assert.Empty(report.Proposed);
        Assert.Contains(report.Rejected, r => r.Reason.StartsWith("rejected by claude-sonnet-4-5: A tie at 50-50", StringComparison.Ordinal));
        Assert.Empty(await store.GetRelationshipsAsync(RelationshipState.Proposed, Ct));
        var rejected = await store.GetRelationshipsAsync(RelationshipState.Rejected, Ct);
        Assert.Contains(rejected, r => r.ReviewNote!.StartsWith("rejected by claude-sonnet-4-5: A tie at 50-50", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CacheHitMakesNoSecondHttpCall()
    {
        await using var server = await FakeMessagesServer.StartAsync(LlmUniverse.Key, LlmUniverse.Respond);
        var settings = LlmUniverse.Settings(server.BaseUrl);
        var (first, store) = await RunAsync(server, settings);
        await using var _ = store;
        var calls = server.Requests.Count;
        Assert.Equal(6, first.Calls);

        var (second, _) = await RunAsync(server, settings, store);

        Assert.Equal(calls, server.Requests.Count);
        Assert.Equal(0, second.Calls);
        Assert.Equal(4, second.CacheHits); // the scans; their proposals are now stored, so nothing needs validating again
        Assert.Equal(Money.Zero, second.Spent);
        Assert.Equal(first.SpentToday, second.SpentToday);
        Assert.Empty(second.Proposed);
        Assert.Equal(2, second.Skipped);
    }

    [Fact]
    public async Task ExhaustedBudgetStopsFurtherCalls()
    {
        await using var server = await FakeMessagesServer.StartAsync(LlmUniverse.Key, LlmUniverse.Respond);
        var settings = new LlmSettings
        {
            ApiKey = LlmUniverse.Key, BaseUrl = server.BaseUrl, FastModel = LlmUniverse.Fast, StrongModel = LlmUniverse.Strong, MaxRetries = 0,
            DailyBudget = Money.FromMicros(1_500),
        };
        var (report, store) = await RunAsync(server, settings);
        await using var _ = store;

        // The first scan (1,000 input + 200 output tokens at $1/$5 per million = $0.002) crosses the $0.0015 budget; nothing follows it.
        Assert.Single(server.Requests);
        Assert.Equal(Money.FromMicros(2_000), report.SpentToday);
        Assert.StartsWith("daily LLM budget exhausted: 0.002 of 0.0015 dollars spent on 2026-11-02 (UTC)", report.StoppedBecause, StringComparison.Ordinal);

        // Later the same day: the answered batch comes from the cache, the next one is refused.
        var (again, _) = await RunAsync(server, settings, store);
        Assert.Single(server.Requests);
        Assert.Equal(1, again.CacheHits);
        Assert.Contains("budget exhausted", again.StoppedBecause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoKeyGivesAClearMessageAndMakesNoCall()
    {
        await using var server = await FakeMessagesServer.StartAsync(LlmUniverse.Key, LlmUniverse.Respond);
        await using var store = await LlmUniverse.NewStoreAsync();

        var discovery = LlmDiscovery.Create(LlmUniverse.Settings(server.BaseUrl, key: " "), store, new ManualTime(LlmUniverse.Now), out var message);

        Assert.Null(discovery);
        Assert.Contains("no Anthropic API key", message, StringComparison.Ordinal);
        Assert.Contains("ANTHROPIC_API_KEY", message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
        Assert.Equal(0, server.Refused);
    }

    [Fact]
    public async Task WrongKeyIsReportedAsAnErrorThatNeverShowsTheKey()
    {
        await using var server = await FakeMessagesServer.StartAsync("sk-ant-the-right-one", LlmUniverse.Respond);
        var (report, store) = await RunAsync(server, LlmUniverse.Settings(server.BaseUrl));
        await using var _ = store;

        Assert.Equal(4, server.Refused);
        Assert.Empty(server.Requests);
        Assert.Equal(4, report.Errors.Count);
        Assert.All(report.Errors, e =>
        {
            Assert.Contains("401", e, StringComparison.Ordinal);
            Assert.DoesNotContain(LlmUniverse.Key, e, StringComparison.Ordinal);
        });
        Assert.Equal(Money.Zero, report.SpentToday);
        Assert.DoesNotContain(LlmUniverse.Key, LlmUniverse.Settings(server.BaseUrl).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ModelWithoutAPriceIsRefusedBeforeAnyCall()
    {
        await using var server = await FakeMessagesServer.StartAsync(LlmUniverse.Key, LlmUniverse.Respond);
        var settings = new LlmSettings { ApiKey = LlmUniverse.Key, BaseUrl = server.BaseUrl, FastModel = "mystery-model-1", MaxRetries = 0 };
        var (report, store) = await RunAsync(server, settings);
        await using var _ = store;

        Assert.Empty(server.Requests);
        Assert.StartsWith("no price known for model 'mystery-model-1'", report.StoppedBecause, StringComparison.Ordinal);
    }
}
