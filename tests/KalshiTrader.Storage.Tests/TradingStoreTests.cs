using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Storage.Records;
using KalshiTrader.Storage.Tests.Support;
using static KalshiTrader.Storage.Tests.Support.Samples;

namespace KalshiTrader.Storage.Tests;

public sealed class TradingStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task RunsRoundTripAndListNewestFirst(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var run = new RunRecord
        {
            RunId = "run-1", Mode = "paper", Strategy = "mispricing", ConfigHash = "abc123", ConfigJson = "{}", StartedTime = T0,
        };
        await t.Store.UpsertRunAsync(run, Ct);
        await t.Store.UpsertRunAsync(run with { RunId = "run-2", StartedTime = T0.AddHours(1) }, Ct);
        var ended = run with { EndedTime = T0.AddMinutes(5), Status = "completed", Notes = "ok" };
        await t.Store.UpsertRunAsync(ended, Ct);

        Same.Assert(ended, await t.Store.GetRunAsync("run-1", Ct));
        Assert.Equal(["run-2", "run-1"], (await t.Store.GetRunsAsync(10, Ct)).Select(r => r.RunId));
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task OrdersRoundTripAndTheLatestStateWinsByClientOrderId(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var first = Order();
        await t.Store.UpsertOrdersAsync([new OrderRecord(first, "run-1", "mispricing")], Ct);
        var read = await t.Store.GetOrderAsync(first.Id, Ct);
        Assert.NotNull(read);
        Same.Assert(first, read.Order);
        Assert.Equal("run-1", read.RunId);
        Assert.Equal("mispricing", read.Strategy);

        // The same client order id re-sent after an unknown outcome got a second exchange order: the later one wins.
        var retry = Order("ord-2") with { LastUpdateTime = T0.AddSeconds(5), Status = OrderStatus.Executed };
        var executed = first with { Status = OrderStatus.Canceled, LastUpdateTime = T0.AddSeconds(3) };
        await t.Store.UpsertOrdersAsync([new OrderRecord(retry, "run-1"), new OrderRecord(executed, "run-1")], Ct);

        var latest = await t.Store.GetLatestOrderByClientOrderIdAsync(new ClientOrderId("coid-1"), Ct);
        Assert.Equal("ord-2", latest!.Order.Id.Value);
        Assert.Null(await t.Store.GetLatestOrderByClientOrderIdAsync(new ClientOrderId("nope"), Ct));
        var byRun = await t.Store.GetOrdersByRunAsync("run-1", Ct);
        Assert.Equal(2, byRun.Count);
        Assert.Equal(OrderStatus.Canceled, byRun.Single(o => o.Order.Id.Value == "ord-1").Order.Status);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task OrderEventsAreAnAppendOnlyTrailWithoutDuplicates(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var submit = new OrderEventRecord
        {
            RunId = "run-1", Time = T0, EventType = "submit", ClientOrderId = new ClientOrderId("coid-1"), Ticker = "KXTEST-26MAR-T3.1",
            Side = OrderSide.Bid, YesPrice = Price.FromTicks(4201), Count = Quantity.FromHundredths(150),
        };
        var ack = submit with
        {
            Time = T0.AddMilliseconds(12), EventType = "ack", OrderId = new OrderId("ord-1"), FillCount = Quantity.FromHundredths(50),
            RemainingCount = Quantity.FromHundredths(100), Status = OrderStatus.Resting, DetailJson = """{"latency_ms":12}""",
        };
        var reject = submit with { Time = T0.AddSeconds(1), EventType = "reject", Reason = "insufficient balance", ErrorCode = "insufficient_balance" };
        await t.Store.InsertOrderEventsAsync([submit, ack], Ct);
        await t.Store.InsertOrderEventsAsync([submit, ack, reject], Ct);

        var trail = await t.Store.GetOrderEventsByRunAsync("run-1", Ct);
        Assert.Equal(["submit", "ack", "reject"], trail.Select(e => e.EventType));
        Same.Assert(ack with { Id = trail[1].Id }, trail[1]);
        Assert.Equal(3, (await t.Store.GetOrderEventsByClientOrderIdAsync(new ClientOrderId("coid-1"), Ct)).Count);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task FillsAreKeyedByTradeAndOrder(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var fill = Fill();
        var counterpart = Fill(orderId: "ord-other") with { Side = OrderSide.Ask, IsTaker = false, PostPosition = null };
        await t.Store.UpsertFillsAsync([new FillRecord(fill, "run-1"), new FillRecord(counterpart, "run-1")], Ct);
        await t.Store.UpsertFillsAsync([new FillRecord(fill, "run-1")], Ct);
        var fills = await t.Store.GetFillsByRunAsync("run-1", Ct);
        Assert.Equal(2, fills.Count);
        Same.Assert(fill, fills.Single(f => f.Fill.OrderId.Value == "ord-1").Fill);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task PositionSnapshotsAndSettlementsRoundTripWithNegativeMoney(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var position = new PositionSnapshotRecord
        {
            RunId = "run-1", Time = T0, Source = "exchange",
            Position = new MarketPosition
            {
                Ticker = "KXTEST-26MAR-T3.1", Position = Quantity.FromHundredths(-5400), MarketExposure = Money.FromMicros(2_999_999),
                TotalTraded = Money.FromMicros(1), RealizedPnl = Money.FromMicros(-587_000), FeesPaid = Money.FromMicros(3_638),
                RestingOrdersCount = Quantity.FromHundredths(25), LastUpdated = T0.AddSeconds(-1),
            },
        };
        await t.Store.InsertPositionSnapshotsAsync([position, position], Ct);
        Same.Assert(position, Assert.Single(await t.Store.GetPositionSnapshotsByRunAsync("run-1", Ct)));

        var settlement = new Settlement
        {
            Ticker = "KXTEST-26MAR-T3.1", EventTicker = new EventTicker("KXTEST-26MAR"), Result = MarketResult.No,
            YesCount = Quantity.FromHundredths(0), NoCount = Quantity.FromHundredths(1050), YesTotalCost = Money.Zero,
            NoTotalCost = Money.FromMicros(5_827_500), Revenue = Money.FromMicros(10_500_000), Value = Price.Zero,
            FeeCost = Money.FromMicros(100), SettledTime = T0.AddDays(1),
        };
        await t.Store.UpsertSettlementsAsync([new SettlementRecord(settlement), new SettlementRecord(settlement, "run-1")], Ct);
        Same.Assert(settlement, Assert.Single(await t.Store.GetSettlementsByRunAsync(null, Ct)).Settlement);
        Assert.Equal("run-1", Assert.Single(await t.Store.GetSettlementsByRunAsync("run-1", Ct)).RunId);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task EveryOpportunityIsKeptTradedOrNot(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var hit = new OpportunityRecord
        {
            OpportunityId = "op-1", RunId = "run-1", Strategy = "mispricing", Kind = "subset", RelationshipId = "rel-1",
            Tickers = ["A", "B"], EvaluatedTime = T0, GrossEdgePerContract = Money.FromMicros(30_000), FeesPerContract = Money.FromMicros(17_500),
            NetEdgePerContract = Money.FromMicros(12_500), ExecutableSize = Quantity.FromHundredths(1250), ExpectedProfit = Money.FromMicros(156_250),
            Traded = true, Reason = "edge above threshold", DetailJson = """{"legs":[{"ticker":"A","price":"0.4200"}]}""",
        };
        var miss = hit with
        {
            OpportunityId = "op-2", EvaluatedTime = T0.AddSeconds(1), NetEdgePerContract = Money.FromMicros(-100), Traded = false,
            Reason = "below threshold", ExpectedProfit = null, GrossEdgePerContract = null,
        };
        await t.Store.UpsertOpportunitiesAsync([hit, miss, hit], Ct);
        var back = await t.Store.GetOpportunitiesByRunAsync("run-1", Ct);
        Assert.Equal(2, back.Count);
        Same.Assert(hit, back[0]);
        Same.Assert(miss, back[1]);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task RelationshipsAreListedByStateAndReviewed(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var subset = new RelationshipRecord
        {
            RelationshipId = "rel-1", Kind = "subset", Tickers = ["A", "B"], EventTickers = ["E"], Source = "rule", Confidence = null,
            Rationale = "strike 3.2 implies strike 3.1", DefinitionJson = """{"if":"A","then":"B"}""",
            EvidenceJson = """{"A":{"rules_primary":"..."}}""", CreatedTime = T0, UpdatedTime = T0,
        };
        var soft = subset with { RelationshipId = "rel-2", Kind = "soft_implication", Source = "llm", Confidence = 0.8125m };
        await t.Store.UpsertRelationshipsAsync([subset, soft], Ct);

        Assert.Equal(2, (await t.Store.GetRelationshipsAsync(RelationshipState.Proposed, Ct)).Count);
        Assert.True(await t.Store.SetRelationshipStateAsync("rel-1", RelationshipState.Approved, "alice", "checked the rules", T0.AddHours(1), Ct));
        Assert.False(await t.Store.SetRelationshipStateAsync("rel-9", RelationshipState.Approved, "alice", null, T0, Ct));

        var approved = Assert.Single(await t.Store.GetRelationshipsAsync(RelationshipState.Approved, Ct));
        Same.Assert(subset with
        {
            State = RelationshipState.Approved, ReviewedBy = "alice", ReviewNote = "checked the rules", UpdatedTime = T0.AddHours(1),
        }, approved);
        Assert.Equal(0.8125m, (await t.Store.GetRelationshipAsync("rel-2", Ct))!.Confidence);
        Assert.Equal(2, (await t.Store.GetRelationshipsAsync(null, Ct)).Count);
    }
}
