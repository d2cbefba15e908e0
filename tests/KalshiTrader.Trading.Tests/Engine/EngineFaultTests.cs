using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Trading.Engine;
using KalshiTrader.Trading.Orders;
using KalshiTrader.Trading.Strategy;
using KalshiTrader.Trading.Tests.Support;

namespace KalshiTrader.Trading.Tests.Engine;

/// <summary>The engine against the real matching engine with a venue's faults; every test ends with the exchange invariants.</summary>
public sealed class EngineFaultTests
{
    private static readonly Quantity Ten = Quantity.FromContracts(10);

    [Fact]
    public async Task ARestingOrderIsTrackedAndTheKillSwitchLeavesNothingResting()
    {
        await using var world = new TestWorld();
        var probe = new ScriptedStrategy("probe", TestWorld.A, TestWorld.B);
        var engine = await world.StartAsync([probe]);

        var resting = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(38), Ten));
        var taken = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.B, Price.FromCents(35), Ten, TimeInForce.ImmediateOrCancel));

        Assert.Equal(OrderResultStatus.Accepted, resting.Status);
        Assert.Equal(Quantity.Zero, resting.FilledCount);
        Assert.Equal(OrderResultStatus.Accepted, taken.Status);
        Assert.Equal(Ten, taken.FilledCount);
        await world.AssertMatchesExchangeAsync(engine, probe);

        var kill = await engine.KillAsync("test kill", TestContext.Current.CancellationToken);

        Assert.True(kill.NoOrderRests, kill.ToString());
        Assert.Empty(world.ExchangeOrders(OrderStatus.Resting));
        Assert.True(probe.Stopped);
        Assert.Equal("killed", (await world.RunOf(engine).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).How);
    }

    [Fact]
    public async Task AServerErrorAfterCreateBlocksTheMarketUntilReconciledAndNeverDuplicates()
    {
        await using var world = new TestWorld();
        var probe = new ScriptedStrategy("probe", TestWorld.A, TestWorld.B);
        var engine = await world.StartAsync([probe], TestWorld.Options() with { BlockedReconcileInterval = TimeSpan.FromHours(1) });
        world.Exchange.FailNextCreate(CreateFault.ServerErrorAfterCreate);

        var first = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(38), Ten));
        var blocked = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(37), Ten));
        var otherMarket = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.B, Price.FromCents(28), Ten));

        Assert.Equal(OrderResultStatus.OutcomeUnknown, first.Status);
        Assert.Equal(OrderResultStatus.RiskDenied, blocked.Status);
        Assert.Equal(RiskRule.MarketBlocked, blocked.Denial!.Rule);
        Assert.Equal(OrderResultStatus.Accepted, otherMarket.Status);
        Assert.Single(world.ExchangeOrders(OrderStatus.Resting), o => o.Ticker == TestWorld.A);

        await engine.PostAsync(new ReconcileCommand("test"), TestContext.Current.CancellationToken);
        var adopted = await probe.RunAsync((ctx, _) => Task.FromResult(ctx.FindOrder(first.ClientOrderId!.Value)));
        Assert.Equal(OrderState.Resting, adopted!.State);
        Assert.NotNull(adopted.OrderId);
        var after = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(36), Ten));
        Assert.Equal(OrderResultStatus.Accepted, after.Status);
        await world.AssertMatchesExchangeAsync(engine, probe);
    }

    [Fact]
    public async Task AServerErrorBeforeCreateIsResolvedAsNeverCreatedAndTheMarketReopens()
    {
        await using var world = new TestWorld();
        var probe = new ScriptedStrategy("probe", TestWorld.A);
        var engine = await world.StartAsync([probe]);
        world.Exchange.FailNextCreate(CreateFault.ServerErrorBeforeCreate);

        var first = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(38), Ten));
        Assert.Equal(OrderResultStatus.OutcomeUnknown, first.Status);

        // The blocked-market reconciliation runs on the timer and proves the order never existed.
        await Eventually(async () => (await probe.RunAsync((ctx, _) => Task.FromResult(ctx.FindOrder(first.ClientOrderId!.Value)!.State))) == OrderState.Rejected);
        var retry = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(38), Ten));
        Assert.Equal(OrderResultStatus.Accepted, retry.Status);
        Assert.Single(world.ExchangeOrders());
        Assert.Contains(probe.OrderUpdates, u => u.ClientOrderId == first.ClientOrderId && u.State == OrderState.Rejected);
        await world.AssertMatchesExchangeAsync(engine, probe);
    }

    [Fact]
    public async Task ATimeoutOnAnImmediateOrderIsReconciledToItsFillsAndPosition()
    {
        await using var world = new TestWorld();
        var probe = new ScriptedStrategy("probe", TestWorld.A);
        var engine = await world.StartAsync([probe]);
        world.Exchange.FailNextCreate(CreateFault.TimeoutAfterCreate);

        var ioc = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(45), Ten, TimeInForce.ImmediateOrCancel));

        Assert.Equal(OrderResultStatus.OutcomeUnknown, ioc.Status);
        await Eventually(async () => (await probe.RunAsync((ctx, _) => Task.FromResult(ctx.FindOrder(ioc.ClientOrderId!.Value)!.State))) == OrderState.Filled);
        Assert.Equal(Ten, world.ExchangePositions().Single().Position);
        await world.AssertMatchesExchangeAsync(engine, probe);
    }

    [Fact]
    public async Task AStormOf429sFailsOrdersCleanlyAndLeavesNoDuplicates()
    {
        await using var world = new TestWorld();
        var probe = new ScriptedStrategy("probe", TestWorld.A, TestWorld.B);
        var engine = await world.StartAsync([probe]);
        world.Exchange.RateLimitNext(40);

        var results = new List<OrderResult>();
        for (var i = 0; i < 10; i++)
        {
            results.Add(await probe.SubmitAsync(OrderIntent.BuyYes(i % 2 == 0 ? TestWorld.A : TestWorld.B, Price.FromCents(20 + i), Ten)));
        }

        Assert.All(results, r => Assert.Equal(OrderResultStatus.Failed, r.Status));
        Assert.All(results, r => Assert.Equal(Core.Exchange.ExchangeErrorKind.RateLimited, r.Error!.Kind));
        world.Exchange.RateLimitNext(0);
        var after = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(30), Ten));
        Assert.Equal(OrderResultStatus.Accepted, after.Status);
        await world.AssertMatchesExchangeAsync(engine, probe);
    }

    [Fact]
    public async Task AFillMissedWhileTheSocketWasDownIsRecoveredOnReconnect()
    {
        await using var world = new TestWorld();
        var probe = new ScriptedStrategy("probe", TestWorld.A);
        var engine = await world.StartAsync([probe]);
        var bid = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(41), Ten));
        Assert.Equal(OrderResultStatus.Accepted, bid.Status);

        world.Feed!.Disconnect();
        await Eventually(async () => (await probe.RunAsync((ctx, _) => Task.FromResult(ctx.GetBook(TestWorld.A).State))) != BookState.Fresh);

        // Someone sells into our bid while we are deaf.
        lock (world.Matching.SyncRoot)
        {
            world.Matching.Submit(world.Liquidity, OrderRequest.Buy(TestWorld.A, Outcome.No, Price.FromCents(59), Ten, TimeInForce.ImmediateOrCancel)).Unwrap();
        }

        var stale = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.B, Price.FromCents(30), Ten));
        Assert.Equal(RiskRule.StaleData, stale.Denial?.Rule);
        Assert.True(world.Feed.DroppedWhileDisconnected > 0);

        world.Feed.Reconnect();
        await Eventually(async () => (await probe.RunAsync((ctx, _) => Task.FromResult(ctx.FindOrder(bid.ClientOrderId!.Value)!.State))) == OrderState.Filled);
        Assert.Contains(probe.Fills, f => f.OrderId == bid.OrderId);
        await world.AssertMatchesExchangeAsync(engine, probe);
    }

    [Fact]
    public async Task ASkippedSequenceNumberInvalidatesTheBookUntilTheSnapshotArrives()
    {
        await using var world = new TestWorld();
        var probe = new ScriptedStrategy("probe", TestWorld.A);
        var engine = await world.StartAsync([probe]);

        world.Feed!.SkipSequence(TestWorld.A);
        await Eventually(async () => (await probe.RunAsync((ctx, _) => Task.FromResult(ctx.GetBook(TestWorld.A).State))) == BookState.Invalid);
        var denied = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(38), Ten));
        Assert.Equal(RiskRule.StaleData, denied.Denial?.Rule);

        await world.Feed.RequestSnapshotAsync(TestWorld.A, TestContext.Current.CancellationToken);
        await Eventually(async () => (await probe.RunAsync((ctx, _) => Task.FromResult(ctx.GetBook(TestWorld.A).State))) == BookState.Fresh);
        var book = await probe.RunAsync((ctx, _) => Task.FromResult(ctx.GetBook(TestWorld.A).Book!.YesAsk!.Value.Price));
        Assert.Equal(Price.FromCents(45), book);
        var accepted = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(38), Ten));
        Assert.Equal(OrderResultStatus.Accepted, accepted.Status);
        await world.AssertMatchesExchangeAsync(engine, probe);
    }

    [Fact]
    public async Task AGracefulStopCancelsOurRestingOrders()
    {
        await using var world = new TestWorld();
        var probe = new ScriptedStrategy("probe", TestWorld.A);
        var engine = await world.StartAsync([probe]);
        await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(38), Ten));
        Assert.Single(world.ExchangeOrders(OrderStatus.Resting));

        var result = await world.StopAsync(engine);

        Assert.Equal("stopped", result.How);
        Assert.Empty(world.ExchangeOrders(OrderStatus.Resting));
    }

    [Fact]
    public async Task DryRunRecordsWouldBeOrdersAndSendsNothing()
    {
        await using var world = new TestWorld();
        var probe = new ScriptedStrategy("probe", TestWorld.A);
        var journal = new InMemoryOrderJournal();
        var options = TestWorld.Options(EngineMode.DryRun);
        await world.StartAsync([probe], options with { Limits = options.Limits with { MaxContractsPerOrder = Quantity.FromContracts(500) } }, journal);

        var result = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(46), Quantity.FromContracts(150), TimeInForce.ImmediateOrCancel));

        Assert.True(OrderResultStatus.DryRun == result.Status, result.ToString());
        Assert.Equal(Quantity.FromContracts(100), result.FilledCount); // what the book at 0.45 would have given
        Assert.Empty(world.ExchangeOrders());
        Assert.Equal(0, world.Exchange.CreateCalls);
        Assert.Contains(journal.OrderEvents, e => e.EventType == "dry_run" && e.Order.ClientOrderId == result.ClientOrderId!.Value.Value);
    }

    internal static async Task Eventually(Func<Task<bool>> condition, int timeoutMs = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail("condition not met in time");
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }
}
