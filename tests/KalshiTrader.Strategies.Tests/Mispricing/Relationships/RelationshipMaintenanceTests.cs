using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Relationships;
using static KalshiTrader.Strategies.Tests.Support.SyntheticMarkets;

namespace KalshiTrader.Strategies.Tests.Mispricing.Relationships;

public sealed class RelationshipMaintenanceTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddHours(6);

    private static Event Ladder(params Market[] markets) => Event("KXHIGH-27JAN01", false, markets);

    private static Market T(string ticker, decimal strike) => Threshold(ticker, "KXHIGH-27JAN01", StrikeType.Greater, strike);

    [Fact]
    public void APersonsRejectionSurvivesRediscovery()
    {
        var events = new[] { Ladder(T("T60", 60), T("T65", 65)) };
        var stored = StructuralDiscovery.Discover(events, null, T0).Select(r => r with { Approval = ApprovalState.Rejected }).ToList();

        var writes = RelationshipMaintenance.Reconcile(stored, StructuralDiscovery.Discover(events, null, T1), events, T1);

        var w = Assert.Single(writes);
        Assert.Equal(ApprovalState.Rejected, w.Approval);
        Assert.Equal(T1, w.LastValidatedAt);
        Assert.Equal(T0, w.CreatedAt);
    }

    [Fact]
    public void ALinkRetiresWhenAMemberCloses()
    {
        var before = new[] { Ladder(T("T60", 60), T("T65", 65)) };
        var stored = StructuralDiscovery.Discover(before, null, T0);
        var after = new[] { Ladder(T("T60", 60), T("T65", 65) with { Status = MarketStatus.Closed }) };

        var writes = RelationshipMaintenance.Reconcile(stored, StructuralDiscovery.Discover(after, null, T1), after, T1);

        var retired = Assert.Single(writes);
        Assert.Equal(ApprovalState.Retired, retired.Approval);
        Assert.Contains("T65", retired.StateReason);
    }

    [Fact]
    public void AStructuralLinkNotRederivedRetiresWhenItsEventWasScanned()
    {
        var before = new[] { Ladder(T("T60", 60), T("T65", 65), T("T70", 70)) };
        var stored = StructuralDiscovery.Discover(before, null, T0);
        // T70 delisted: the ladder is now a different (shorter) relationship.
        var after = new[] { Ladder(T("T60", 60), T("T65", 65)) };

        var writes = RelationshipMaintenance.Reconcile(stored, StructuralDiscovery.Discover(after, null, T1), after, T1);

        Assert.Contains(writes, w => w.Approval == ApprovalState.Retired && w.Markets.Count == 3);
        Assert.Contains(writes, w => w.Approval == ApprovalState.Approved && w.Markets.Count == 2);
    }

    [Fact]
    public void AModelLinkIsRevalidatedWhileItsMarketsAreOpen()
    {
        var events = new[] { Ladder(T("T60", 60), T("T65", 65)) };
        var llm = new Relationship
        {
            Id = "subset:T60,T65-llm",
            Kind = RelationshipKind.Subset,
            Markets = ["T60", "T65"],
            Constraint = "P(T65) ≤ P(T60)",
            Reasoning = "model",
            Source = RelationshipSource.Llm,
            Approval = ApprovalState.Proposed,
            CreatedAt = T0,
            LastValidatedAt = T0,
        };

        var writes = RelationshipMaintenance.Reconcile([llm], StructuralDiscovery.Discover(events, null, T1), events, T1);

        var again = Assert.Single(writes, w => w.Id == llm.Id);
        Assert.Equal(ApprovalState.Proposed, again.Approval);
        Assert.Equal(T1, again.LastValidatedAt);
    }

    [Fact]
    public void RetireOnCloseRetiresOnlyLinksContainingTheMarket()
    {
        var events = new[] { Ladder(T("T60", 60), T("T65", 65)), Event("OTHER", false, T("O1", 1) with { EventTicker = "OTHER" }, T("O2", 2) with { EventTicker = "OTHER" }) };
        var all = StructuralDiscovery.Discover(events, null, T0);

        var retired = RelationshipMaintenance.RetireOnClose(all, new MarketTicker("T65"), T1);

        var r = Assert.Single(retired);
        Assert.Contains(new MarketTicker("T65"), r.Markets);
        Assert.Equal(ApprovalState.Retired, r.Approval);
    }
}
