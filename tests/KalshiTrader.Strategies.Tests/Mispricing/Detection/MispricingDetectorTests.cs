using KalshiTrader.Core.Books;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Detection;
using KalshiTrader.Strategies.Mispricing.Relationships;
using KalshiTrader.Strategies.Tests.Support;
using static KalshiTrader.Strategies.Tests.Support.SyntheticMarkets;

namespace KalshiTrader.Strategies.Tests.Mispricing.Detection;

public sealed class MispricingDetectorTests
{
    private readonly OrderBookSet _books = new();
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));

    // Independent arithmetic: Kalshi's taker fee rounded up to $0.0001, then the order's fee up to the cent.
    private static decimal ConservativeFee(decimal price, long contracts)
    {
        var exact = 0.07m * contracts * price * (1 - price);
        var tick = decimal.Ceiling(exact * 10_000) / 10_000;
        return decimal.Ceiling(tick * 100) / 100;
    }

    private MispricingDetector Detector(DetectionOptions? options = null, params Relationship[] relationships)
    {
        var d = new MispricingDetector(_books, options ?? new DetectionOptions(), _time);
        d.UpsertRange(relationships);
        return d;
    }

    private static Relationship Chain(RelationshipKind kind, params string[] weakestFirst) => new()
    {
        Id = Relationship.MakeId(kind, weakestFirst.Select(t => new MarketTicker(t))),
        Kind = kind,
        Markets = weakestFirst.Select(t => new MarketTicker(t)).ToList(),
        Constraint = "test",
        Reasoning = "test",
        Approval = ApprovalState.Approved,
    };

    private static Relationship Set(bool exhaustive, params string[] tickers) => new()
    {
        Id = Relationship.MakeId(RelationshipKind.ExclusiveSet, tickers.Select(t => new MarketTicker(t)), exhaustive),
        Kind = RelationshipKind.ExclusiveSet,
        Markets = tickers.Select(t => new MarketTicker(t)).ToList(),
        Exhaustive = exhaustive,
        Constraint = "test",
        Reasoning = "test",
        Approval = ApprovalState.Approved,
        Events = ["EV"],
    };

    private static List<Opportunity> Scan(MispricingDetector d)
    {
        var sink = new List<Opportunity>();
        d.ScanAll(sink);
        return sink;
    }

    [Fact]
    public void SubsetTradesWhenTheImpliersBidExceedsTheImpliedAsk()
    {
        // YES(A) ⇒ YES(B); chain order is weakest first: [B, A].
        Quote(_books, "B", bid: "0.45", ask: "0.50");
        Quote(_books, "A", bid: "0.60", ask: "0.62");
        var d = Detector(null, Chain(RelationshipKind.Subset, "B", "A"));

        var o = Assert.Single(Scan(d));

        Assert.Equal(2, o.Legs.Count);
        var yesB = o.Legs.Single(l => l.Ticker.Value == "B");
        var noA = o.Legs.Single(l => l.Ticker.Value == "A");
        Assert.Equal(Outcome.Yes, yesB.Buy);
        Assert.Equal(Price.Parse("0.50"), yesB.LimitPrice);
        Assert.Equal(Outcome.No, noA.Buy);
        Assert.Equal(Price.Parse("0.40"), noA.LimitPrice); // 1 − b_A

        // Both levels hold 100: the marginal contract earns 1 − 0.50 − 0.40 − fees > 0 throughout.
        Assert.Equal(Quantity.FromContracts(100), o.Size);
        var fees = ConservativeFee(0.50m, 100) + ConservativeFee(0.40m, 100);
        var expectedPerContract = (100m * (1 - 0.50m - 0.40m) - fees) / 100m;
        Assert.Equal(expectedPerContract, o.EdgePerContract.Dollars);
        Assert.Equal(fees, o.TotalFees.Dollars);
        Assert.True(o.Riskless);
        Assert.Equal(OpportunityStatus.Validated, o.Status);
        Assert.Equal(0.10m, o.GrossEdgeAtTop.Dollars);
    }

    [Fact]
    public void SubsetInTheConsistentDirectionDoesNotTrade()
    {
        // B (the implied, weaker) is priced above A: consistent, however rich B's bid is over A's ask.
        Quote(_books, "B", bid: "0.60", ask: "0.62");
        Quote(_books, "A", bid: "0.45", ask: "0.50");

        Assert.Empty(Scan(Detector(null, Chain(RelationshipKind.Subset, "B", "A"))));
    }

    [Fact]
    public void MidPricesThatLookInvertedDoNotTrade()
    {
        // Mid(A) = 0.55 > mid(B) = 0.52, but b_A = 0.50 is not above a_B = 0.54.
        Quote(_books, "B", bid: "0.50", ask: "0.54");
        Quote(_books, "A", bid: "0.50", ask: "0.60");

        Assert.Empty(Scan(Detector(null, Chain(RelationshipKind.Subset, "B", "A"))));
    }

    [Fact]
    public void FeesThatExactlyCancelTheEdgeLeaveNothingToValidate()
    {
        // One contract: gross 1 − 0.50 − 0.46 = $0.04; fees round up to $0.02 on each leg = $0.04.
        Quote(_books, "B", bid: "0.40", ask: "0.50", depth: 1);
        Quote(_books, "A", bid: "0.54", ask: "0.60", depth: 1);
        Assert.Equal(0.04m, ConservativeFee(0.50m, 1) + ConservativeFee(0.46m, 1));
        var d = Detector(new DetectionOptions { MinEdgePerContract = Money.Zero, FeeSafetyMultiple = 1m }, Chain(RelationshipKind.Subset, "B", "A"));

        var o = Assert.Single(Scan(d));

        Assert.Equal(Money.Zero, o.EdgePerContract);
        Assert.Equal(Money.Zero, o.TotalEdge);
        Assert.Equal(OpportunityStatus.Detected, o.Status);
        Assert.Contains("edge", o.Note);
    }

    [Fact]
    public void SizeStopsWhereTheMarginalContractNoLongerEarnsAfterFees()
    {
        SetBook(_books, "B", [("0.40", 100)], [("0.50", 10), ("0.55", 10), ("0.70", 100)]);
        Quote(_books, "A", bid: "0.60", ask: "0.62", depth: 1000);
        var d = Detector(null, Chain(RelationshipKind.Subset, "B", "A"));

        var o = Assert.Single(Scan(d));

        // 0.50 and 0.55 earn after fees against NO at 0.40; 0.70 loses before fees.
        Assert.Equal(Quantity.FromContracts(20), o.Size);
        var yesB = o.Legs.Single(l => l.Buy == Outcome.Yes);
        Assert.Equal(Price.Parse("0.55"), yesB.LimitPrice);
        Assert.Equal(10 * 0.50m + 10 * 0.55m, yesB.Cost.Dollars);
    }

    [Fact]
    public void SizeIsCappedByTheHardLimit()
    {
        Quote(_books, "B", bid: "0.40", ask: "0.50", depth: 1000);
        Quote(_books, "A", bid: "0.60", ask: "0.62", depth: 1000);
        var d = Detector(new DetectionOptions { MaxSize = Quantity.FromContracts(25) }, Chain(RelationshipKind.Subset, "B", "A"));

        Assert.Equal(Quantity.FromContracts(25), Assert.Single(Scan(d)).Size);
    }

    [Fact]
    public void LadderFindsTheBestPairEvenWhenItIsNotAdjacent()
    {
        // Above-strike ladder, weakest first: T60 ⊇ T65 ⊇ T70 ⊇ T75. Neighbours barely cross; T60 vs T75 crosses most.
        Quote(_books, "T60", bid: "0.40", ask: "0.42");
        Quote(_books, "T65", bid: "0.43", ask: "0.50");
        Quote(_books, "T70", bid: "0.51", ask: "0.60");
        Quote(_books, "T75", bid: "0.61", ask: "0.70");
        var d = Detector(null, Chain(RelationshipKind.ThresholdLadder, "T60", "T65", "T70", "T75"));

        var o = Assert.Single(Scan(d));

        Assert.Equal("threshold_ladder", o.Type);
        Assert.Equal(("T60", Outcome.Yes), (o.Legs[0].Ticker.Value, o.Legs[0].Buy));
        Assert.Equal(("T75", Outcome.No), (o.Legs[1].Ticker.Value, o.Legs[1].Buy));
        Assert.Equal(0.19m, o.GrossEdgeAtTop.Dollars);
    }

    [Fact]
    public void BelowLadderTradesInItsOwnDirection()
    {
        // Below-strike ladder weakest first: L40 ⊇ L30. L30 bid above L40 ask is the violation.
        Quote(_books, "L40", bid: "0.30", ask: "0.35");
        Quote(_books, "L30", bid: "0.45", ask: "0.50");
        var d = Detector(null, Chain(RelationshipKind.ThresholdLadder, "L40", "L30"));

        var o = Assert.Single(Scan(d));
        Assert.Equal(("L40", Outcome.Yes), (o.Legs[0].Ticker.Value, o.Legs[0].Buy));
        Assert.Equal(("L30", Outcome.No), (o.Legs[1].Ticker.Value, o.Legs[1].Buy));
    }

    [Fact]
    public void DeadlineLadderBuysTheLaterDeadline()
    {
        // Latest first: BYDEC ⊇ BYJUN. "By June" trading above "by December" is the violation.
        Quote(_books, "BYDEC", bid: "0.20", ask: "0.25");
        Quote(_books, "BYJUN", bid: "0.35", ask: "0.40");
        var o = Assert.Single(Scan(Detector(null, Chain(RelationshipKind.DeadlineLadder, "BYDEC", "BYJUN"))));

        Assert.Equal(("BYDEC", Outcome.Yes), (o.Legs[0].Ticker.Value, o.Legs[0].Buy));
        Assert.Equal(("BYJUN", Outcome.No), (o.Legs[1].Ticker.Value, o.Legs[1].Buy));
    }

    [Fact]
    public void ExclusiveSetBuysNoOnEveryMemberWhenTheYesBidsSumAboveOne()
    {
        Quote(_books, "X", bid: "0.50", ask: "0.52");
        Quote(_books, "Y", bid: "0.40", ask: "0.42");
        Quote(_books, "Z", bid: "0.20", ask: "0.22");
        var d = Detector(null, Set(false, "X", "Y", "Z"));

        var o = Assert.Single(Scan(d));

        Assert.Equal("exclusive_buy_all_no", o.Type);
        Assert.All(o.Legs, l => Assert.Equal(Outcome.No, l.Buy));
        Assert.Equal(3, o.Legs.Count);
        Assert.Equal(Money.FromDollars(2), o.PayoutPerContract); // n − 1
        Assert.True(o.Riskless); // exclusivity is enough for this side
        var fees = ConservativeFee(0.50m, 100) + ConservativeFee(0.60m, 100) + ConservativeFee(0.80m, 100);
        Assert.Equal((100m * (1.10m - 1m) - fees) / 100m, o.EdgePerContract.Dollars);
    }

    [Fact]
    public void ExclusiveButNotExhaustiveSetNeverCallsBuyingEveryYesRiskless()
    {
        Quote(_books, "X", bid: "0.28", ask: "0.30");
        Quote(_books, "Y", bid: "0.28", ask: "0.30");
        Quote(_books, "Z", bid: "0.18", ask: "0.20");
        var d = Detector(null, Set(false, "X", "Y", "Z"));

        var o = Assert.Single(Scan(d));

        Assert.Equal("exclusive_buy_all_yes", o.Type);
        Assert.False(o.Riskless);
        Assert.NotEqual(OpportunityStatus.Validated, o.Status);
        Assert.Contains("not shown exhaustive", o.Note);
    }

    [Fact]
    public void ExhaustiveSetBuysEveryYesRisklesslyWhenTheAsksSumBelowOne()
    {
        Quote(_books, "X", bid: "0.28", ask: "0.30");
        Quote(_books, "Y", bid: "0.28", ask: "0.30");
        Quote(_books, "Z", bid: "0.18", ask: "0.20");
        var d = Detector(null, Set(true, "X", "Y", "Z"));

        var o = Assert.Single(Scan(d));

        Assert.Equal("exclusive_buy_all_yes", o.Type);
        Assert.True(o.Riskless);
        Assert.Equal(OpportunityStatus.Validated, o.Status);
        var fees = 2 * ConservativeFee(0.30m, 100) + ConservativeFee(0.20m, 100);
        Assert.Equal((100m * (1m - 0.80m) - fees) / 100m, o.EdgePerContract.Dollars);
    }

    [Fact]
    public void SetSumsAreReportedEvenWhenNothingTrades()
    {
        Quote(_books, "X", bid: "0.30", ask: "0.35");
        Quote(_books, "Y", bid: "-", ask: "0.40");
        Quote(_books, "Z", bid: "0.20", ask: "-");
        var d = Detector(null, Set(false, "X", "Y", "Z"));

        Assert.Empty(Scan(d));
        var sums = Assert.Single(d.SetSums());
        Assert.Equal(0.50m, sums.SumYesBid.Dollars);
        Assert.Equal(0.35m + 0.40m + 1m, sums.SumYesAsk.Dollars); // no ask counts as $1
        Assert.Equal(1, sums.MissingBids);
        Assert.Equal(1, sums.MissingAsks);
        Assert.False(sums.Exhaustive);
    }

    [Fact]
    public void BucketLadderTradesARichThresholdAgainstBucketPlusHigherThreshold()
    {
        Quote(_books, "T60", bid: "0.70", ask: "0.72");
        Quote(_books, "B60", bid: "0.28", ask: "0.30");
        Quote(_books, "T65", bid: "0.28", ask: "0.30");
        var d = Detector(null, Chain(RelationshipKind.BucketLadder, "T60", "B60", "T65"));

        var o = Assert.Single(Scan(d));

        Assert.Equal("bucket_ladder_threshold_rich", o.Type);
        Assert.Equal([Outcome.No, Outcome.Yes, Outcome.Yes], o.Legs.Select(l => l.Buy));
        Assert.Equal(0.10m, o.GrossEdgeAtTop.Dollars);
    }

    [Fact]
    public void BucketLadderTradesACheapThresholdTheOtherWay()
    {
        Quote(_books, "T60", bid: "0.45", ask: "0.50");
        Quote(_books, "B60", bid: "0.30", ask: "0.32");
        Quote(_books, "T65", bid: "0.30", ask: "0.32");
        var d = Detector(null, Chain(RelationshipKind.BucketLadder, "T60", "B60", "T65"));

        var o = Assert.Single(Scan(d));

        Assert.Equal("bucket_ladder_threshold_cheap", o.Type);
        Assert.Equal([Outcome.Yes, Outcome.No, Outcome.No], o.Legs.Select(l => l.Buy));
        Assert.Equal(Money.FromDollars(2), o.PayoutPerContract);
        Assert.Equal(0.10m, o.GrossEdgeAtTop.Dollars);
    }

    [Fact]
    public void AProposedRelationshipIsDetectedButNotValidated()
    {
        Quote(_books, "B", bid: "0.45", ask: "0.50");
        Quote(_books, "A", bid: "0.60", ask: "0.62");
        var d = Detector(null, Chain(RelationshipKind.Subset, "B", "A") with { Approval = ApprovalState.Proposed });

        var o = Assert.Single(Scan(d));
        Assert.Equal(OpportunityStatus.Detected, o.Status);
        Assert.Contains("not approved", o.Note);
    }

    [Fact]
    public void AModelProposedSubsetIsNeverRiskless()
    {
        Quote(_books, "B", bid: "0.45", ask: "0.50");
        Quote(_books, "A", bid: "0.60", ask: "0.62");
        var llm = Chain(RelationshipKind.Subset, "B", "A") with { Source = RelationshipSource.Llm, Confidence = 0.95m };

        var o = Assert.Single(Scan(Detector(null, llm)));
        Assert.False(o.Riskless);
        Assert.Equal(OpportunityStatus.Validated, o.Status); // approved by a person, confident enough
    }

    [Fact]
    public void SoftImplicationWaitsForTheSlack()
    {
        Quote(_books, "THEN", bid: "0.45", ask: "0.50");
        Quote(_books, "IF", bid: "0.55", ask: "0.60");
        var soft = Chain(RelationshipKind.SoftImplication, "THEN", "IF") with { Source = RelationshipSource.Llm, Slack = Price.Parse("0.10") };

        Assert.Empty(Scan(Detector(null, soft)));

        Quote(_books, "IF", bid: "0.65", ask: "0.70");
        var o = Assert.Single(Scan(Detector(null, soft)));
        Assert.False(o.Riskless);
    }

    [Fact]
    public void ABookChangeReChecksOnlyTheRelationshipsTouchingThatMarket()
    {
        Quote(_books, "B1", bid: "0.45", ask: "0.50");
        Quote(_books, "A1", bid: "0.60", ask: "0.62");
        Quote(_books, "B2", bid: "0.45", ask: "0.50");
        Quote(_books, "A2", bid: "0.60", ask: "0.62");
        var d = Detector(null, Chain(RelationshipKind.Subset, "B1", "A1"), Chain(RelationshipKind.Subset, "B2", "A2"));
        var sink = new List<Opportunity>();

        Assert.Equal(1, d.OnBookChanged("A1", sink));
        Assert.Equal("B1", sink[0].Legs[0].Ticker.Value);
        Assert.Equal(0, d.OnBookChanged("UNRELATED", sink));
        Assert.Equal(2, d.ScanAll(sink));
    }

    [Theory]
    [InlineData(3)]  // the market's relationships fit in its own index line
    [InlineData(12)] // they spill past it
    public void AMarketInManyRelationshipsHasEveryOneReChecked(int relationships)
    {
        // A is implied by B0..Bn; all are consistent until A's bid jumps above every B's ask.
        Quote(_books, "A", bid: "0.40", ask: "0.42");
        var subsets = Enumerable.Range(0, relationships).Select(i =>
        {
            Quote(_books, $"B{i}", bid: "0.45", ask: "0.50");
            return Chain(RelationshipKind.Subset, $"B{i}", "A");
        }).ToArray();
        var d = Detector(null, subsets);
        Assert.True(d.TryGetSlot("A", out var slot));
        var sink = new List<Opportunity>();
        Assert.Equal(0, d.OnBookChanged(slot, sink));

        Quote(_books, "A", bid: "0.60", ask: "0.62");

        Assert.Equal(relationships, d.OnBookChanged(slot, sink));
        Assert.Equal(Enumerable.Range(0, relationships).Select(i => $"B{i}").Order(), sink.Select(o => o.Legs[0].Ticker.Value).Order());
        Assert.Equal(relationships, Scan(d).Count);
    }

    [Fact]
    public void AnInvalidBookIsNeverTradedOn()
    {
        Quote(_books, "B", bid: "0.45", ask: "0.50");
        Quote(_books, "A", bid: "0.60", ask: "0.62").Invalidate("sequence gap");

        Assert.Empty(Scan(Detector(null, Chain(RelationshipKind.Subset, "B", "A"))));
    }

    [Fact]
    public void RetiredRelationshipsAreNotEvaluated()
    {
        Quote(_books, "B", bid: "0.45", ask: "0.50");
        Quote(_books, "A", bid: "0.60", ask: "0.62");
        var d = Detector(null, Chain(RelationshipKind.Subset, "B", "A") with { Approval = ApprovalState.Retired });

        Assert.Equal(0, d.RelationshipCount);
        Assert.Empty(Scan(d));
    }

    [Fact]
    public void ABookChangedWithoutNoticeIsSeenAfterRefreshOrItsOwnNotice()
    {
        Quote(_books, "B", bid: "0.45", ask: "0.50");
        Quote(_books, "A", bid: "0.48", ask: "0.52");
        var d = Detector(null, Chain(RelationshipKind.Subset, "B", "A"));
        Assert.Empty(Scan(d));

        Quote(_books, "A", bid: "0.60", ask: "0.62");
        Assert.Empty(Scan(d)); // the detector's copy of the tops has not been told

        d.RefreshAll();
        Assert.Single(Scan(d));

        var sink = new List<Opportunity>();
        Quote(_books, "A", bid: "0.40", ask: "0.42");
        Assert.Equal(0, d.OnBookChanged("A", sink));
        Quote(_books, "A", bid: "0.60", ask: "0.62");
        Assert.Equal(1, d.OnBookChanged("A", sink));
    }

    [Fact]
    public void TheSlotOverloadSeesTheSameChangeAsTheTickerOverload()
    {
        Quote(_books, "B", bid: "0.45", ask: "0.50");
        Quote(_books, "A", bid: "0.48", ask: "0.52");
        var d = Detector(null, Chain(RelationshipKind.Subset, "B", "A"));
        Assert.True(d.TryGetSlot("A", out var slot));
        Assert.False(d.TryGetSlot("UNRELATED", out _));
        var sink = new List<Opportunity>();

        Assert.Equal(0, d.OnBookChanged(slot, sink));
        Quote(_books, "A", bid: "0.60", ask: "0.62");
        Assert.Equal(1, d.OnBookChanged(slot, sink));
        Assert.Equal("B", sink[0].Legs[0].Ticker.Value);
    }

    [Fact]
    public void AnEmptySlotIsRefusedWithAClearError()
    {
        Quote(_books, "B", bid: "0.45", ask: "0.50");
        Quote(_books, "A", bid: "0.48", ask: "0.52");
        var d = Detector(null, Chain(RelationshipKind.Subset, "B", "A"));

        var e = Assert.Throws<ArgumentException>(() => d.OnBookChanged(default(MarketSlot), []));
        Assert.Contains("TryGetSlot", e.Message);
    }

    [Fact]
    public void AnUnchangedCrossingBelowTheThresholdsIsReportedOnceByTheIncrementalPath()
    {
        // Fees eat the edge: a DETECTED crossing. A change elsewhere in A's book (not a level the walk reads) is no news.
        Quote(_books, "B", bid: "0.40", ask: "0.50", depth: 1);
        SetBook(_books, "A", [("0.54", 1), ("0.30", 5), ("0.20", 5)], [("0.60", 1)]);
        var d = Detector(new DetectionOptions { MinEdgePerContract = Money.Zero, FeeSafetyMultiple = 1m }, Chain(RelationshipKind.Subset, "B", "A"));
        var sink = new List<Opportunity>();

        Assert.Equal(1, d.OnBookChanged("A", sink));
        Assert.Equal(OpportunityStatus.Detected, sink[0].Status);
        _books.GetOrAdd("A").ApplyDelta(Outcome.Yes, Price.Parse("0.20"), Quantity.FromContracts(7));
        Assert.Equal(0, d.OnBookChanged("A", sink));
        Assert.Equal(0, d.OnBookChanged("B", sink));

        // A level the walk reads changes: reported again, with the new numbers.
        _books.GetOrAdd("B").ApplyDelta(Outcome.No, Price.Parse("0.50"), Quantity.FromContracts(1));
        Assert.Equal(1, d.OnBookChanged("B", sink));

        // A full scan reports everything, whatever was reported before.
        Assert.Equal(1, d.ScanAll(sink));
    }

    [Fact]
    public void ACrossingThatGoesAwayAndComesBackIsReportedAgain()
    {
        Quote(_books, "B", bid: "0.40", ask: "0.50", depth: 1);
        Quote(_books, "A", bid: "0.54", ask: "0.60", depth: 1);
        var d = Detector(new DetectionOptions { MinEdgePerContract = Money.Zero, FeeSafetyMultiple = 1m }, Chain(RelationshipKind.Subset, "B", "A"));
        var sink = new List<Opportunity>();
        Assert.Equal(1, d.OnBookChanged("A", sink));

        Quote(_books, "A", bid: "0.45", ask: "0.60", depth: 1);
        Assert.Equal(0, d.OnBookChanged("A", sink));
        Quote(_books, "A", bid: "0.54", ask: "0.60", depth: 1);
        Assert.Equal(1, d.OnBookChanged("A", sink));
    }

    [Fact]
    public void AValidatedOpportunityIsReportedOnEveryReCheck()
    {
        Quote(_books, "B", bid: "0.45", ask: "0.50");
        Quote(_books, "A", bid: "0.60", ask: "0.62");
        var d = Detector(null, Chain(RelationshipKind.Subset, "B", "A"));
        var sink = new List<Opportunity>();

        Assert.Equal(1, d.OnBookChanged("A", sink));
        Assert.Equal(1, d.OnBookChanged("A", sink));
        Assert.Equal(1, d.OnBookChanged("B", sink));
        Assert.All(sink, o => Assert.Equal(OpportunityStatus.Validated, o.Status));
    }

    [Fact]
    public void NewFeeTermsMakeAnUnchangedCrossingNewsAgain()
    {
        Quote(_books, "B", bid: "0.40", ask: "0.50", depth: 1);
        Quote(_books, "A", bid: "0.54", ask: "0.60", depth: 1);
        var d = Detector(new DetectionOptions { MinEdgePerContract = Money.Zero, FeeSafetyMultiple = 1m }, Chain(RelationshipKind.Subset, "B", "A"));
        var sink = new List<Opportunity>();
        Assert.Equal(1, d.OnBookChanged("A", sink));
        Assert.Equal(0, d.OnBookChanged("A", sink));

        d.SetFees("A", new KalshiTrader.Core.Fees.FeeSchedule(KalshiTrader.Core.Fees.FeeType.Quadratic, 0m));
        Assert.Equal(1, d.OnBookChanged("A", sink));
        Assert.True(sink[^1].TotalFees < sink[0].TotalFees);
    }
}
