using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Trading.Orders;
using KalshiTrader.Trading.Strategy;
using KalshiTrader.Trading.Tests.Support;
using static KalshiTrader.Trading.Tests.Engine.EngineFaultTests;

namespace KalshiTrader.Trading.Tests.Orders;

/// <summary>The store-backed order journal on a real SQLite file and on the real PostgreSQL server (when configured).</summary>
public sealed class StoreOrderJournalTests
{
    private static readonly Quantity Ten = Quantity.FromContracts(10);
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 14, 30, 0, 123, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task AnOrderIsPendingInTheStoreBeforeTheExchangeSeesItsCreateAndFillsFollowIt(string engine)
    {
        await using var stores = await TestStores.OpenAsync(engine);
        await using var world = new TestWorld();
        await using var journal = new StoreOrderJournal(stores.Store);
        var seenAtCreate = new List<(ClientOrderRecord? Row, IReadOnlyList<OrderEventRecord> Events)>();
        world.Exchange.OnCreate = request => seenAtCreate.Add((
            stores.Store.GetClientOrderAsync(request.ClientOrderId!.Value, CancellationToken.None).GetAwaiter().GetResult(),
            stores.Store.GetOrderEventsByClientOrderIdAsync(request.ClientOrderId!.Value, CancellationToken.None).GetAwaiter().GetResult()));
        var probe = new ScriptedStrategy("probe", TestWorld.A, TestWorld.B);
        var trading = await world.StartAsync([probe], journal: journal);

        var resting = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(38), Ten));
        var taken = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.B, Price.FromCents(35), Ten, TimeInForce.ImmediateOrCancel));

        Assert.Equal(2, seenAtCreate.Count);
        Assert.All(seenAtCreate, seen =>
        {
            Assert.NotNull(seen.Row);
            Assert.Equal("Pending", seen.Row.State);
            Assert.False(seen.Row.IsFinal);
            Assert.Null(seen.Row.OrderId);
            Assert.Equal(["intent"], seen.Events.Select(e => e.EventType));
        });
        Assert.Equal(resting.ClientOrderId, seenAtCreate[0].Row!.ClientOrderId);

        var restingRow = await stores.Store.GetClientOrderAsync(resting.ClientOrderId!.Value, Ct);
        Assert.Equal("Resting", restingRow!.State);
        Assert.Equal(resting.OrderId, restingRow.OrderId);
        var exchangeView = await stores.Store.GetOrderAsync(resting.OrderId!.Value, Ct);
        Assert.Equal(OrderStatus.Resting, exchangeView!.Order.Status);
        Assert.Equal(resting.ClientOrderId, exchangeView.Order.ClientOrderId);
        Assert.Equal("probe", exchangeView.Strategy);

        await Eventually(async () => (await stores.Store.GetFillsByRunAsync(trading.RunId, Ct)).Sum(f => f.Fill.Count.Hundredths) == Ten.Hundredths);
        await Eventually(async () => (await stores.Store.GetClientOrderAsync(taken.ClientOrderId!.Value, Ct))!.State == "Filled");
        // The fill row is stored as the fill arrives; the order manager's "fill" event follows it, so wait for that too.
        await Eventually(async () => (await stores.Store.GetOrderEventsByClientOrderIdAsync(taken.ClientOrderId!.Value, Ct)).Any(e => e.EventType == "fill"));
        var events = await stores.Store.GetOrderEventsByClientOrderIdAsync(taken.ClientOrderId!.Value, Ct);
        Assert.Equal(["intent", "ack"], events.Take(2).Select(e => e.EventType));
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task ARestartAfterACrashBetweenSendAndAckAdoptsTheOrderFromTheStoreWithoutADuplicate(string engine)
    {
        await using var stores = await TestStores.OpenAsync(engine);
        await using var world = new TestWorld();
        var scope = new StoreOrderJournalOptions { Mode = EngineMode.Paper, Strategies = ["probe"] };

        // Run 1 records the intent, the exchange takes the order, the answer is lost; then the process "dies".
        var crashing = new CrashingJournal(new StoreOrderJournal(stores.Store, scope), crashAfter: "unknown");
        var probe1 = new ScriptedStrategy("probe", TestWorld.A);
        world.Exchange.FailNextCreate(CreateFault.TimeoutAfterCreate);
        var run1 = await world.StartAsync([probe1], TestWorld.Options() with { BlockedReconcileInterval = TimeSpan.FromHours(1), CancelOrdersOnStop = false }, crashing);
        var lost = await probe1.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(39), Ten));
        Assert.Equal(OrderResultStatus.OutcomeUnknown, lost.Status);
        Assert.True(crashing.Crashed);
        await world.StopAsync(run1);

        var store = await stores.ReopenAsync();
        Assert.Equal("Unknown", (await store.GetClientOrderAsync(lost.ClientOrderId!.Value, Ct))!.State);

        await using var journal2 = new StoreOrderJournal(store, scope);
        var probe2 = new ScriptedStrategy("probe", TestWorld.A);
        var run2 = await world.StartAsync([probe2], journal: journal2);

        var adopted = Assert.Single(await probe2.RunAsync((ctx, _) => Task.FromResult(ctx.OpenOrders)));
        Assert.Equal(lost.ClientOrderId, adopted.ClientOrderId);
        Assert.Equal(OrderState.Resting, adopted.State);
        Assert.Single(world.ExchangeOrders());
        await world.AssertMatchesExchangeAsync(run2, probe2);
        var row = await store.GetClientOrderAsync(lost.ClientOrderId!.Value, Ct);
        Assert.Equal("Resting", row!.State);
        Assert.Equal(adopted.OrderId, row.OrderId);
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task AnOrderReadBackFromTheStoreEqualsTheOrderWritten(string engine)
    {
        await using var stores = await TestStores.OpenAsync(engine);
        await using var journal = new StoreOrderJournal(stores.Store);
        var written = Journaled("probe-r1-000001", "Resting", orderId: "o-1") with
        {
            Buy = "no",
            TimeInForce = nameof(TimeInForce.GoodTillCanceled),
            PostOnly = true,
            ReduceOnly = true,
            Expiration = T0.AddHours(2),
            OrderGroupId = "g-1",
            PositionSetId = "set-7",
            WorstCaseLossMicros = 1_234_567,
            Tag = "leg b",
            FilledHundredths = 0,
            RemainingHundredths = 1_000,
            Reason = "why not",
        };

        await journal.WriteOrderAsync(written, "ack", Ct);
        await stores.ReopenAsync();
        await using var reloaded = new StoreOrderJournal(stores.Store);
        var snapshot = await reloaded.LoadAsync(Ct);

        Assert.Equal(written, Assert.Single(snapshot.OpenOrders));
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task LoadRecoversOnlyOpenOrdersOfTheModeAndStrategiesAskedForWithTheFillsAlreadyCounted(string engine)
    {
        await using var stores = await TestStores.OpenAsync(engine);
        await using var journal = new StoreOrderJournal(stores.Store);
        var partly = Journaled("probe-r1-000001", "Resting", orderId: "o-1") with { FilledHundredths = 300, FilledFromFillsHundredths = 300, RemainingHundredths = 700 };
        await journal.WriteOrderAsync(partly, "fill", Ct);
        await journal.WriteFillAsync(Fill("t-1", "o-1", 100), Ct);
        await journal.WriteFillAsync(Fill("t-2", "o-1", 200), Ct);
        await journal.WriteOrderAsync(Journaled("probe-r1-000002", "Filled", orderId: "o-2") with { FilledHundredths = 1_000, RemainingHundredths = 0 }, "fill", Ct);
        await journal.WriteFillAsync(Fill("t-3", "o-2", 1_000), Ct);
        await journal.WriteOrderAsync(Journaled("probe-r1-000003", "Unknown") with { Mode = "Live" }, "unknown", Ct);
        await journal.WriteOrderAsync(Journaled("other-r1-000001", "Pending") with { Strategy = "other" }, "intent", Ct);
        await journal.WriteOrderAsync(Journaled("probe-r1-000004", "Pending"), "intent", Ct);

        await using var paper = new StoreOrderJournal(stores.Store, new StoreOrderJournalOptions { Mode = EngineMode.Paper, Strategies = ["probe"] });
        var snapshot = await paper.LoadAsync(Ct);

        Assert.Equal(["probe-r1-000001", "probe-r1-000004"], snapshot.OpenOrders.Select(o => o.ClientOrderId).Order());
        var recovered = snapshot.OpenOrders.Single(o => o.ClientOrderId == "probe-r1-000001");
        Assert.Equal(300, recovered.FilledFromFillsHundredths);
        Assert.Equal(["t-1", "t-2"], snapshot.KnownFillIds.Order());

        var everything = await new StoreOrderJournal(stores.Store).LoadAsync(Ct);
        Assert.Equal(4, everything.OpenOrders.Count);
        var nothing = await new StoreOrderJournal(stores.Store, new StoreOrderJournalOptions { RecoverEarlierRuns = false }).LoadAsync(Ct);
        Assert.Empty(nothing.OpenOrders);
        Assert.Empty(nothing.KnownFillIds);
    }

    [Theory]
    [MemberData(nameof(TestStores.Engines), MemberType = typeof(TestStores))]
    public async Task EvaluationsBecomeOpportunitiesAndRiskDenialsBecomeOrderEvents(string engine)
    {
        await using var stores = await TestStores.OpenAsync(engine);
        var journal = new StoreOrderJournal(stores.Store, new StoreOrderJournalOptions { EvaluationBatch = 2 });
        var evaluation = new StrategyEvaluation
        {
            Kind = "subset",
            Key = "rel-1",
            Markets = [TestWorld.A, TestWorld.B],
            Edge = Money.FromCents(3),
            ExecutableSize = Quantity.FromContracts(4),
            Traded = true,
            Decision = "traded",
        };
        for (var i = 0; i < 3; i++)
        {
            await journal.WriteEventAsync(new JournalEvent
            {
                Time = T0.AddSeconds(i), Kind = "evaluation", RunId = "r1", Strategy = "mispricing", Ticker = TestWorld.A.Value,
                Message = "subset rel-1: traded", DetailJson = "{\"kind\":\"subset\"}", Evaluation = evaluation,
            }, Ct);
        }

        await journal.WriteEventAsync(new JournalEvent
        {
            Time = T0, Kind = "risk_denied", RunId = "r1", Strategy = "mispricing", Ticker = TestWorld.A.Value, Message = "MaxContractsPerOrder: 500 > 100",
        }, Ct);
        await journal.WriteEventAsync(new JournalEvent { Time = T0, Kind = "engine_start", RunId = "r1", Message = "paper with mispricing" }, Ct);

        Assert.Equal(2, (await stores.Store.GetOpportunitiesByRunAsync("r1", Ct)).Count); // one full batch written, one buffered
        await journal.DisposeAsync();
        var opportunities = await stores.Store.GetOpportunitiesByRunAsync("r1", Ct);
        Assert.Equal(3, opportunities.Count);
        Assert.All(opportunities, o =>
        {
            Assert.Equal("subset", o.Kind);
            Assert.Equal([TestWorld.A, TestWorld.B], o.Tickers);
            Assert.Equal(Money.FromCents(3), o.NetEdgePerContract);
            Assert.Equal(Quantity.FromContracts(4), o.ExecutableSize);
            Assert.True(o.Traded);
        });
        var denial = Assert.Single(await stores.Store.GetOrderEventsByRunAsync("r1", Ct));
        Assert.Equal("risk_denied", denial.EventType);
        Assert.Equal("MaxContractsPerOrder: 500 > 100", denial.Reason);
    }

    private static JournaledOrder Journaled(string clientOrderId, string state, string? orderId = null) => new()
    {
        ClientOrderId = clientOrderId,
        Strategy = clientOrderId.Split('-')[0],
        RunId = "r1",
        Mode = "Paper",
        Ticker = TestWorld.A.Value,
        Buy = "yes",
        LimitTicks = 3_900,
        CountHundredths = 1_000,
        TimeInForce = nameof(TimeInForce.GoodTillCanceled),
        State = state,
        OrderId = orderId,
        RemainingHundredths = 1_000,
        CreatedTime = T0,
        UpdatedTime = T0.AddSeconds(1),
    };

    private static JournaledFill Fill(string tradeId, string orderId, long hundredths) => new()
    {
        TradeId = tradeId,
        OrderId = orderId,
        Ticker = TestWorld.A.Value,
        Side = "bid",
        YesPriceTicks = 3_900,
        CountHundredths = hundredths,
        Time = T0.AddSeconds(2),
        RunId = "r1",
    };
}
