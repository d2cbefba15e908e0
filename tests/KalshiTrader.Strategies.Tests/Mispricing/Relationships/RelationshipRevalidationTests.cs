using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Relationships;
using static KalshiTrader.Strategies.Tests.Support.SyntheticMarkets;

namespace KalshiTrader.Strategies.Tests.Mispricing.Relationships;

/// <summary>RelationshipMaintenance.Revalidate: the stored claims judged again on current metadata, no model call.</summary>
public sealed class RelationshipRevalidationTests
{
    private const string E = "KXHIGH-27JAN01";
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T1 = T0.AddMinutes(5);

    private static Market T(string ticker, decimal strike) => Threshold(ticker, E, StrikeType.Greater, strike);

    private static Event Ladder(params Market[] markets) => Event(E, false, markets);

    private static Relationship Approved(Relationship r) => r with { Approval = ApprovalState.Approved };

    private static Relationship ModelSubset(Event e, string implied, string implier) => new()
    {
        Id = $"llm-subset:{implied},{implier}",
        Kind = RelationshipKind.Subset,
        Markets = [implied, implier],
        Constraint = $"P({implier}) ≤ P({implied})",
        Reasoning = "model",
        Source = RelationshipSource.Llm,
        Approval = ApprovalState.Approved,
        Events = [e.Ticker],
        Rules = [.. new[] { implied, implier }.Select(t => e.Markets.Single(m => m.Ticker.Value == t)).Select(m => new MemberRules(m.Ticker, m.RulesPrimary, m.CloseTime))],
        CreatedAt = T0,
        LastValidatedAt = T0,
    };

    [Fact]
    public void AStructuralLinkThatStillHoldsKeepsItsStateWithTheNewValidationTime()
    {
        var events = new[] { Ladder(T("T60", 60), T("T65", 65)) };
        var stored = Approved(Assert.Single(StructuralDiscovery.Discover(events, null, T0)));

        var again = Assert.Single(RelationshipMaintenance.Revalidate([stored], events, null, T1));

        Assert.Equal(ApprovalState.Approved, again.Approval);
        Assert.Equal(T1, again.LastValidatedAt);
        Assert.Equal(T0, again.CreatedAt);
        Assert.Null(again.StateReason);
    }

    [Fact]
    public void AStructuralLinkWhoseStrikesNoLongerOrderItRetiresWithTheReason()
    {
        var before = new[] { Ladder(T("T60", 60), T("T65", 65)) };
        var stored = Approved(Assert.Single(StructuralDiscovery.Discover(before, null, T0)));
        // The exchange corrected T65's strike to 55: the ladder now runs T65 → T60, a different claim.
        var after = new[] { Ladder(T("T60", 60), T("T65", 55)) };

        var again = Assert.Single(RelationshipMaintenance.Revalidate([stored], after, null, T1));

        Assert.Equal(ApprovalState.Retired, again.Approval);
        Assert.StartsWith("re-validation: structural facts changed", again.StateReason, StringComparison.Ordinal);
        Assert.Equal(T1, again.LastValidatedAt);
    }

    [Fact]
    public void ALinkWithAClosedOrDelistedMemberRetiresNamingIt()
    {
        var before = new[] { Ladder(T("T60", 60), T("T65", 65), T("T70", 70)) };
        var stored = Approved(Assert.Single(StructuralDiscovery.Discover(before, null, T0)));

        var closed = Assert.Single(RelationshipMaintenance.Revalidate([stored], [Ladder(T("T60", 60), T("T65", 65) with { Status = MarketStatus.Closed }, T("T70", 70))], null, T1));
        var delisted = Assert.Single(RelationshipMaintenance.Revalidate([stored], [Ladder(T("T60", 60), T("T70", 70))], null, T1));

        Assert.Equal(ApprovalState.Retired, closed.Approval);
        Assert.Equal("re-validation: market T65 is no longer open (status Closed)", closed.StateReason);
        Assert.Equal(ApprovalState.Retired, delisted.Approval);
        Assert.Equal("re-validation: market T65 is no longer listed", delisted.StateReason);
    }

    [Fact]
    public void AnApprovedModelLinkWhoseRulesTextChangedGoesBackToAPersonWithTheNewText()
    {
        var before = Ladder(T("T60", 60), T("T65", 65));
        var stored = ModelSubset(before, "T60", "T65");
        const string reworded = "If the high temperature at LaGuardia is above 65 degrees on Jan 1, 2027, then the market resolves to Yes.";
        var after = Ladder(T("T60", 60), T("T65", 65) with { RulesPrimary = reworded });

        var again = Assert.Single(RelationshipMaintenance.Revalidate([stored], [after], null, T1));

        Assert.Equal(ApprovalState.Proposed, again.Approval);
        Assert.Equal("re-validation: the rules text of T65 changed since it was approved; a person must review it again", again.StateReason);
        Assert.Equal(reworded, again.Rules.Single(r => r.Ticker.Value == "T65").RulesPrimary);
        Assert.Equal(T1, again.LastValidatedAt);
    }

    [Fact]
    public void AModelLinkWhoseUnchangedMarketsStillPassTheChecksStaysApproved()
    {
        var events = Ladder(T("T60", 60), T("T65", 65));

        var again = Assert.Single(RelationshipMaintenance.Revalidate([ModelSubset(events, "T60", "T65")], [events], null, T1));

        Assert.Equal(ApprovalState.Approved, again.Approval);
        Assert.Equal(T1, again.LastValidatedAt);
    }

    [Fact]
    public void AModelLinkThatNowContradictsTheStrikeOrderRetires()
    {
        var before = Ladder(T("T60", 60), T("T65", 65));
        var stored = ModelSubset(before, "T60", "T65");
        // Strikes swapped by a correction: "YES(T65) implies YES(T60)" is now backwards.
        var after = Ladder(T("T60", 70), T("T65", 65));

        var again = Assert.Single(RelationshipMaintenance.Revalidate([stored], [after], null, T1));

        Assert.Equal(ApprovalState.Retired, again.Approval);
        Assert.StartsWith("re-validation: contradicts strike order", again.StateReason, StringComparison.Ordinal);
    }

    [Fact]
    public void ABucketTripleApprovedOnItsRulesTextGoesBackToProposedWhenTheTextNoLongerProvesIt()
    {
        Market Strict(string t, decimal k) => T(t, k) with { RulesPrimary = $"If the high is more than {k} degrees, then the market resolves to Yes." };
        var bucket = Bucket("B60", E, 60, 65) with { RulesPrimary = "If the high is more than 60 degrees and at most 65 degrees, then the market resolves to Yes." };
        var before = new[] { Ladder(Strict("T60", 60), bucket, Strict("T65", 65)) };
        var triple = Assert.Single(StructuralDiscovery.Discover(before, null, T0), r => r.Kind == RelationshipKind.BucketLadder);
        var stored = triple with { Approval = ApprovalState.Approved, StateReason = "rules text states the bucket is (60, 65]" };
        var after = new[] { Ladder(Strict("T60", 60), bucket with { RulesPrimary = "If the high is between 60 and 65 degrees, then the market resolves to Yes." }, Strict("T65", 65)) };

        var unchanged = Assert.Single(RelationshipMaintenance.Revalidate([stored], before, null, T1));
        var reworded = Assert.Single(RelationshipMaintenance.Revalidate([stored], after, null, T1));

        Assert.Equal(ApprovalState.Approved, unchanged.Approval);
        Assert.Equal(ApprovalState.Proposed, reworded.Approval);
        Assert.Contains("the rules text of B60 changed", reworded.StateReason, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectedAndRetiredLinksAreLeftExactlyAsTheyAre()
    {
        var events = new[] { Ladder(T("T60", 60), T("T65", 65)) };
        var rejected = Assert.Single(StructuralDiscovery.Discover(events, null, T0)) with { Approval = ApprovalState.Rejected, StateReason = "a person said no" };

        Assert.Same(rejected, Assert.Single(RelationshipMaintenance.Revalidate([rejected], events, null, T1)));
    }
}
