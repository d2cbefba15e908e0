using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Relationships;
using static KalshiTrader.Strategies.Tests.Support.SyntheticMarkets;

namespace KalshiTrader.Strategies.Tests.Mispricing.Relationships;

public sealed class StructuralDiscoveryTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static IReadOnlyList<Relationship> Discover(params Event[] events) => StructuralDiscovery.Discover(events, null, Now);

    [Fact]
    public void AboveLadderIsOrderedFromLowestStrikeUp()
    {
        var e = Event("KXHIGH-27JAN01", false,
            Threshold("T70", "KXHIGH-27JAN01", StrikeType.Greater, 70),
            Threshold("T60", "KXHIGH-27JAN01", StrikeType.Greater, 60),
            Threshold("T65", "KXHIGH-27JAN01", StrikeType.Greater, 65));

        var ladder = Assert.Single(Discover(e));

        Assert.Equal(RelationshipKind.ThresholdLadder, ladder.Kind);
        Assert.Equal(["T60", "T65", "T70"], ladder.Markets.Select(m => m.Value));
        Assert.Equal(ApprovalState.Approved, ladder.Approval);
        Assert.Equal(RelationshipSource.Structural, ladder.Source);
        Assert.Equal(3, ladder.Rules.Count);
        Assert.Equal("NWS", Assert.Single(ladder.SettlementSources).Name);
    }

    [Fact]
    public void BelowLadderFlipsTheDirection()
    {
        var e = Event("KXLOW-27JAN01", false,
            Threshold("L30", "KXLOW-27JAN01", StrikeType.Less, 30),
            Threshold("L40", "KXLOW-27JAN01", StrikeType.Less, 40),
            Threshold("L35", "KXLOW-27JAN01", StrikeType.LessOrEqual, 35));

        var ladder = Assert.Single(Discover(e));

        // YES(below 30) implies YES(below 35) implies YES(below 40): weakest (highest cap) first.
        Assert.Equal(["L40", "L35", "L30"], ladder.Markets.Select(m => m.Value));
    }

    [Fact]
    public void AtOneStrikeTheInclusiveMarketIsTheWeaker()
    {
        var e = Event("KXHIGH-27JAN01", false,
            Threshold("GT60", "KXHIGH-27JAN01", StrikeType.Greater, 60),
            Threshold("GE60", "KXHIGH-27JAN01", StrikeType.GreaterOrEqual, 60));

        Assert.Equal(["GE60", "GT60"], Assert.Single(Discover(e)).Markets.Select(m => m.Value));
    }

    [Fact]
    public void LaddersOfOneSeriesInSeparateEventsJoinWhenRulesTimeAndSourcesMatch()
    {
        var a = Event("KXHIGH-27JAN01A", false, Threshold("A60", "KXHIGH-27JAN01A", StrikeType.Greater, 60));
        var b = Event("KXHIGH-27JAN01B", false, Threshold("B70", "KXHIGH-27JAN01B", StrikeType.Greater, 70));
        a = a with { SeriesTicker = "KXHIGH" };
        b = b with { SeriesTicker = "KXHIGH" };

        var ladder = Assert.Single(Discover(a, b));

        Assert.Equal(["A60", "B70"], ladder.Markets.Select(m => m.Value));
        Assert.Equal(2, ladder.Events.Count);
    }

    [Fact]
    public void LaddersInSeparateEventsStayApartWhenTheSettlementSourceDiffers()
    {
        var a = Event("KXHIGH-A", false, Threshold("A60", "KXHIGH-A", StrikeType.Greater, 60)) with { SeriesTicker = "KXHIGH" };
        var b = Event("KXHIGH-B", false, Threshold("B70", "KXHIGH-B", StrikeType.Greater, 70)) with
        {
            SeriesTicker = "KXHIGH",
            SettlementSources = [new SettlementSource("AccuWeather", null)],
        };

        Assert.Empty(Discover(a, b));
    }

    [Fact]
    public void LaddersInSeparateEventsStayApartWhenTheStationDiffers()
    {
        var a = Event("KXHIGH-A", false, Threshold("A60", "KXHIGH-A", StrikeType.Greater, 60)) with { SeriesTicker = "KXHIGH" };
        var b = Event("KXHIGH-B", false, Threshold("B70", "KXHIGH-B", StrikeType.Greater, 70,
            "If the high temperature at LaGuardia is above 70 degrees on Jan 1, 2027, then the market resolves to Yes.")) with { SeriesTicker = "KXHIGH" };

        Assert.Empty(Discover(a, b));
    }

    [Fact]
    public void MutuallyExclusiveCandidatesAreExclusiveButNotExhaustive()
    {
        var e = Event("KXPRES-28", true,
            Custom("KXPRES-28-A", "KXPRES-28", "If A is inaugurated, then the market resolves to Yes."),
            Custom("KXPRES-28-B", "KXPRES-28", "If B is inaugurated, then the market resolves to Yes."));

        var set = Assert.Single(Discover(e));

        Assert.Equal(RelationshipKind.ExclusiveSet, set.Kind);
        Assert.False(set.Exhaustive);
        Assert.Contains("unlisted outcome", set.Reasoning);
    }

    [Fact]
    public void BucketsThatTileTheLineWithInclusiveOpenTailsAreExhaustive()
    {
        var e = Event("KXHIGH-27JAN01", true,
            Threshold("LO", "KXHIGH-27JAN01", StrikeType.LessOrEqual, 60),
            Bucket("B1", "KXHIGH-27JAN01", 60, 65),
            Bucket("B2", "KXHIGH-27JAN01", 65, 70),
            Threshold("HI", "KXHIGH-27JAN01", StrikeType.GreaterOrEqual, 70));

        var set = Discover(e).Single(r => r.Kind == RelationshipKind.ExclusiveSet);

        Assert.True(set.Exhaustive, set.Reasoning);
        Assert.Equal("Σ P(i) = 1", set.Constraint);
    }

    [Fact]
    public void AStrictTailLeavesTheBoundaryUnprovenSoTheSetIsNotExhaustive()
    {
        var e = Event("KXHIGH-27JAN01", true,
            Threshold("LO", "KXHIGH-27JAN01", StrikeType.Less, 60),
            Bucket("B1", "KXHIGH-27JAN01", 60, 65),
            Threshold("HI", "KXHIGH-27JAN01", StrikeType.GreaterOrEqual, 65));

        Assert.False(Discover(e).Single(r => r.Kind == RelationshipKind.ExclusiveSet).Exhaustive);
    }

    [Fact]
    public void AGapBetweenBucketsIsNotExhaustive()
    {
        var e = Event("KXHIGH-27JAN01", true,
            Threshold("LO", "KXHIGH-27JAN01", StrikeType.LessOrEqual, 60),
            Bucket("B1", "KXHIGH-27JAN01", 60, 64),
            Bucket("B2", "KXHIGH-27JAN01", 65, 70),
            Threshold("HI", "KXHIGH-27JAN01", StrikeType.GreaterOrEqual, 70));

        var set = Discover(e).Single(r => r.Kind == RelationshipKind.ExclusiveSet);
        Assert.False(set.Exhaustive);
        Assert.Contains("gap", set.Reasoning);
    }

    [Fact]
    public void AClosedMemberRemovesItFromLinksAndTheSetFromExhaustiveness()
    {
        var e = Event("KXHIGH-27JAN01", true,
            Threshold("LO", "KXHIGH-27JAN01", StrikeType.LessOrEqual, 60) with { Status = MarketStatus.Closed },
            Bucket("B1", "KXHIGH-27JAN01", 60, 65),
            Threshold("HI", "KXHIGH-27JAN01", StrikeType.GreaterOrEqual, 65));

        var set = Discover(e).Single(r => r.Kind == RelationshipKind.ExclusiveSet);

        Assert.Equal(["B1", "HI"], set.Markets.Select(m => m.Value));
        Assert.False(set.Exhaustive);
    }

    [Fact]
    public void ByDateMarketsOfOneSeriesFormADeadlineLadderLatestFirst()
    {
        Market ByDate(string t, string date) =>
            Custom(t, "KXRECESS-" + t, $"If the NBER announces a recession starting by {date}, then the market resolves to Yes.");
        var events = new[]
        {
            Event("KXRECESS-Q1", false, ByDate("Q1", "March 31, 2027")) with { SeriesTicker = "KXRECESS" },
            Event("KXRECESS-Q3", false, ByDate("Q3", "September 30, 2027")) with { SeriesTicker = "KXRECESS" },
            Event("KXRECESS-Q2", false, ByDate("Q2", "Jun 30, 2027")) with { SeriesTicker = "KXRECESS" },
        };

        var ladder = Assert.Single(StructuralDiscovery.Discover(events, null, Now));

        Assert.Equal(RelationshipKind.DeadlineLadder, ladder.Kind);
        Assert.Equal(["Q3", "Q2", "Q1"], ladder.Markets.Select(m => m.Value));
        Assert.Equal(ApprovalState.Approved, ladder.Approval);
    }

    [Fact]
    public void InMonthWordingIsNotADeadline()
    {
        Market In(string t, string date) => Custom(t, "KXCPI-" + t, $"If CPI rises in the month ending {date}, then the market resolves to Yes.");
        var events = new[]
        {
            Event("KXCPI-A", false, In("A", "March 31, 2027")) with { SeriesTicker = "KXCPI" },
            Event("KXCPI-B", false, In("B", "June 30, 2027")) with { SeriesTicker = "KXCPI" },
        };

        Assert.Empty(StructuralDiscovery.Discover(events, null, Now));
    }

    [Fact]
    public void ABucketBetweenTwoStrictThresholdsIsProposedNotApproved()
    {
        var e = Event("KXHIGH-27JAN01", false,
            Threshold("T60", "KXHIGH-27JAN01", StrikeType.Greater, 60),
            Bucket("B60", "KXHIGH-27JAN01", 60, 65),
            Threshold("T65", "KXHIGH-27JAN01", StrikeType.Greater, 65));

        var triple = Discover(e).Single(r => r.Kind == RelationshipKind.BucketLadder);

        Assert.Equal(["T60", "B60", "T65"], triple.Markets.Select(m => m.Value));
        Assert.Equal(ApprovalState.Proposed, triple.Approval);
        Assert.True(triple.Confidence < 1m);
    }

    [Fact]
    public void DiscoveryIsDeterministic()
    {
        var e = Event("KXHIGH-27JAN01", true,
            Threshold("LO", "KXHIGH-27JAN01", StrikeType.LessOrEqual, 60),
            Bucket("B1", "KXHIGH-27JAN01", 60, 65),
            Threshold("HI", "KXHIGH-27JAN01", StrikeType.GreaterOrEqual, 65));

        Assert.Equal(Discover(e).Select(r => r.Id), Discover(e).Select(r => r.Id));
    }
}
