using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Trading.Strategy;
using KalshiTrader.Trading.Tests.Support;
using static KalshiTrader.Trading.Tests.Engine.EngineFaultTests;

namespace KalshiTrader.Trading.Tests.Engine;

/// <summary>
/// The engine in paper mode against the local exchange over real REST and WebSocket on 127.0.0.1, with the
/// exchange's own fault injection. Each test ends with the exchange invariants and, where it kills, nothing resting.
/// </summary>
public sealed class LocalExchangeTests
{
    private static readonly Quantity Ten = Quantity.FromContracts(10);

    [Fact]
    public async Task OrdersFillsAndTheKillSwitchWorkOverRestAndWebSocket()
    {
        await using var world = await TestWorld.StartLocalAsync();
        var probe = new ScriptedStrategy("probe", TestWorld.A, TestWorld.B);
        var engine = await world.StartAsync([probe]);
        await Eventually(async () => (await probe.RunAsync((ctx, _) => Task.FromResult(ctx.GetBook(TestWorld.B).IsFresh))));

        var resting = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(38), Ten));
        var taken = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.B, Price.FromCents(35), Ten, TimeInForce.ImmediateOrCancel));

        Assert.Equal(OrderResultStatus.Accepted, resting.Status);
        Assert.Equal(Ten, taken.FilledCount);
        await Eventually(() => Task.FromResult(probe.Fills.Any(f => f.OrderId == taken.OrderId)));
        await world.AssertMatchesExchangeAsync(engine, probe);

        var kill = await engine.KillAsync("test", TestContext.Current.CancellationToken);
        Assert.True(kill.NoOrderRests, kill.ToString());
        Assert.Empty(world.ExchangeOrders(OrderStatus.Resting));
        TestContext.Current.SendDiagnosticMessage($"kill over REST took {kill.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task A500OnOrderCreateLeavesExactlyOneOrder()
    {
        await using var world = await TestWorld.StartLocalAsync();
        var probe = new ScriptedStrategy("probe", TestWorld.A);
        var engine = await world.StartAsync([probe]);
        await Eventually(async () => (await probe.RunAsync((ctx, _) => Task.FromResult(ctx.GetBook(TestWorld.A).IsFresh))));

        world.Host!.Faults.FailNext(500);
        var result = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(38), Ten));

        Assert.NotEqual(OrderResultStatus.RiskDenied, result.Status);
        await Eventually(async () => (await probe.RunAsync((ctx, _) => Task.FromResult(ctx.OpenOrders.All(o => o.State != OrderState.Unknown)))));
        Assert.True(world.ExchangeOrders().Count <= 1);
        await world.AssertMatchesExchangeAsync(engine, probe);
        await engine.KillAsync("test", TestContext.Current.CancellationToken);
        Assert.Empty(world.ExchangeOrders(OrderStatus.Resting));
    }

    [Fact]
    public async Task AStormOf429sLeavesNoDuplicateAndTheBooksInStep()
    {
        await using var world = await TestWorld.StartLocalAsync();
        var probe = new ScriptedStrategy("probe", TestWorld.A, TestWorld.B);
        var engine = await world.StartAsync([probe]);
        await Eventually(async () => (await probe.RunAsync((ctx, _) => Task.FromResult(ctx.GetBook(TestWorld.B).IsFresh))));

        world.Host!.Faults.FailNext(429, 12);
        var results = new List<OrderResult>();
        for (var i = 0; i < 6; i++) results.Add(await probe.SubmitAsync(OrderIntent.BuyYes(i % 2 == 0 ? TestWorld.A : TestWorld.B, Price.FromCents(20 + i), Ten)));

        Assert.DoesNotContain(results, r => r.Status == OrderResultStatus.RiskDenied);
        await world.AssertMatchesExchangeAsync(engine, probe);
        await engine.KillAsync("test", TestContext.Current.CancellationToken);
        Assert.Empty(world.ExchangeOrders(OrderStatus.Resting));
    }

    [Fact]
    public async Task AWebSocketDropDuringATradeIsReconciledOnReconnect()
    {
        await using var world = await TestWorld.StartLocalAsync();
        var probe = new ScriptedStrategy("probe", TestWorld.A);
        var engine = await world.StartAsync([probe]);
        await Eventually(async () => (await probe.RunAsync((ctx, _) => Task.FromResult(ctx.GetBook(TestWorld.A).IsFresh))));
        var bid = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(41), Ten));

        world.Host!.Faults.DropWebSockets();
        lock (world.Matching.SyncRoot)
        {
            world.Matching.Submit(world.Liquidity, OrderRequest.Buy(TestWorld.A, Outcome.No, Price.FromCents(59), Ten, TimeInForce.ImmediateOrCancel)).Unwrap();
        }

        await Eventually(async () => (await probe.RunAsync((ctx, _) => Task.FromResult(ctx.FindOrder(bid.ClientOrderId!.Value)!.State))) == OrderState.Filled, 20_000);
        await Eventually(async () => (await probe.RunAsync((ctx, _) => Task.FromResult(ctx.GetBook(TestWorld.A).IsFresh))), 20_000);
        await world.AssertMatchesExchangeAsync(engine, probe);
        Assert.Equal(Ten, world.ExchangePositions().Single().Position);
    }

    [Fact]
    public async Task ASkippedSequenceNumberResyncsTheBookToTheExchanges()
    {
        await using var world = await TestWorld.StartLocalAsync();
        var probe = new ScriptedStrategy("probe", TestWorld.A);
        var engine = await world.StartAsync([probe]);
        await Eventually(async () => (await probe.RunAsync((ctx, _) => Task.FromResult(ctx.GetBook(TestWorld.A).IsFresh))));

        world.Host!.Faults.SkipSequenceNumbers(1);
        world.Quote(TestWorld.A, yesBid: 4200, yesAsk: 4400, size: 7);

        // After the gap the client re-snapshots: our book must equal the exchange's, level for level.
        await Eventually(async () =>
        {
            var ours = await probe.RunAsync((ctx, _) =>
            {
                var read = ctx.GetBook(TestWorld.A);
                return Task.FromResult(read.IsFresh ? (read.Book!.BestYesBid, read.Book.YesAsk) : default);
            });
            return ours.BestYesBid?.Price == Price.FromCents(42) && ours.YesAsk?.Price == Price.FromCents(44);
        }, 20_000);
        var accepted = await probe.SubmitAsync(OrderIntent.BuyYes(TestWorld.A, Price.FromCents(30), Ten));
        Assert.Equal(OrderResultStatus.Accepted, accepted.Status);
        await world.AssertMatchesExchangeAsync(engine, probe);
    }
}
