using KalshiTrader.Core.Books;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Strategies.Mispricing.Detection;
using KalshiTrader.Strategies.Mispricing.Llm;
using KalshiTrader.Strategies.Mispricing.Persistence;
using KalshiTrader.Strategies.Mispricing.Relationships;
using KalshiTrader.Strategies.Tests.Mispricing.Llm.Support;
using KalshiTrader.Strategies.Tests.Support;

namespace KalshiTrader.Strategies.Tests.Mispricing.Llm;

public sealed class LlmApprovalTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    [Fact]
    public async Task ApprovedLlmRelationshipBecomesEligibleForDetectionButStaysNonRiskless()
    {
        await using var server = await FakeMessagesServer.StartAsync(LlmUniverse.Key, LlmUniverse.Respond);
        await using var store = await LlmUniverse.NewStoreAsync();
        var time = new ManualTime(LlmUniverse.Now);
        var events = LlmUniverse.Events();
        using (var discovery = LlmDiscovery.Create(LlmUniverse.Settings(server.BaseUrl), store, time, out _))
        {
            await discovery!.RunAsync(events, null, LlmUniverse.Known(events), Ct);
        }

        var subsetId = (await store.GetRelationshipsAsync(null, Ct)).Single(r => r.Kind == "subset").RelationshipId;
        var books = new OrderBookSet();
        // 55 seats bid at 0.60 while a majority is offered at 0.40: P(55 seats) ≤ P(majority) is violated by 0.20.
        SyntheticMarkets.Quote(books, "KXDEMSEATS-26-T55", "0.60", "0.62");
        SyntheticMarkets.Quote(books, "KXSENATE-26-DEM", "0.38", "0.40");

        var proposed = await DetectAsync(store, subsetId, books, time);
        Assert.Equal(OpportunityStatus.Detected, proposed.Status);
        Assert.Contains("relationship is proposed, not approved", proposed.Note, StringComparison.Ordinal);
        Assert.False(proposed.Riskless);

        Assert.True(await store.SetRelationshipStateAsync(subsetId, RelationshipState.Approved, "tester", "rules read: 55 seats is a majority", LlmUniverse.Now, Ct));
        var approved = await DetectAsync(store, subsetId, books, time);

        Assert.Equal(OpportunityStatus.Validated, approved.Status);
        Assert.Null(approved.Note);
        Assert.False(approved.Riskless);
        Assert.True(approved.EdgePerContract.IsPositive);
        // Buy the cheap implied market's YES and the rich implier's NO.
        Assert.Contains(approved.Legs, l => l.Ticker.Value == "KXSENATE-26-DEM" && l.Buy == Outcome.Yes);
        Assert.Contains(approved.Legs, l => l.Ticker.Value == "KXDEMSEATS-26-T55" && l.Buy == Outcome.No);
    }

    private static async Task<Opportunity> DetectAsync(KalshiTrader.Storage.IKalshiStore store, string id, OrderBookSet books, TimeProvider time)
    {
        var relationship = RelationshipRecords.FromRecord((await store.GetRelationshipAsync(id, Ct))!);
        Assert.Equal(RelationshipSource.Llm, relationship.Source);
        var detector = new MispricingDetector(books, new DetectionOptions(), time);
        detector.Upsert(relationship);
        detector.RefreshAll();
        var found = new List<Opportunity>();
        detector.ScanAll(found);
        return Assert.Single(found);
    }
}
