using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Strategies.Mispricing;
using KalshiTrader.Strategies.Mispricing.Execution;
using KalshiTrader.Strategies.Tests.Mispricing.Execution.Support;
using KalshiTrader.Strategies.Tests.Support;

namespace KalshiTrader.Strategies.Tests.Mispricing.Execution;

/// <summary>
/// A many-leg (exclusive set, buy every NO) trade against the real matching engine through
/// <see cref="InProcessExchange"/>: the order group is the exchange's, and so is the limit that stops an over-fill.
/// </summary>
public sealed class OrderGroupExecutionTests
{
    private static readonly string[] Set = ["KXWIN-27-A", "KXWIN-27-B", "KXWIN-27-C"];
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static Event Exclusive() => SyntheticMarkets.Event("KXWIN-27", true,
        Set.Select(t => SyntheticMarkets.Custom(t, "KXWIN-27", $"If candidate {t[^1]} wins the 2027 race, then the market resolves to Yes.")).ToArray());

    // YES bids 0.40 / 0.40 / 0.35 (Σ 1.15: buying every NO pays $2 for $1.85 before fees) in lots of 5 contracts, so
    // the engine matches a large order lot by lot; YES asks 0.45 / 0.45 / 0.40.
    private static (ExchangeBackedContext Ctx, MispricingStrategy Strategy, InProcessExchange Exchange) World()
    {
        var e = Exclusive();
        var engine = new MatchingEngine();
        AccountId liquidity, us;
        lock (engine.SyncRoot)
        {
            engine.AddSeries(new Series { Ticker = e.SeriesTicker, Title = "test series" });
            engine.AddEvent(e with { Markets = [] });
            foreach (var m in e.Markets) engine.AddMarket(m with { PriceLevelStructure = "linear_cent", OpenTime = DateTimeOffset.UtcNow.AddDays(-1), CloseTime = DateTimeOffset.UtcNow.AddDays(30) }).Unwrap();
            liquidity = engine.CreateAccount("liquidity", Money.FromCents(10_000_000));
            us = engine.CreateAccount("us", Money.FromCents(100_000));
            foreach (var (t, bid, ask) in new[] { (Set[0], "0.40", "0.45"), (Set[1], "0.40", "0.45"), (Set[2], "0.35", "0.40") })
            {
                for (var lot = 0; lot < 20; lot++) engine.Submit(liquidity, OrderRequest.Buy(t, Outcome.Yes, Price.Parse(bid), Quantity.FromContracts(5))).Unwrap();
                engine.Submit(liquidity, OrderRequest.Buy(t, Outcome.No, Price.Parse(ask).Complement, Quantity.FromContracts(100))).Unwrap();
            }
        }

        var exchange = new InProcessExchange(engine, us);
        var ctx = new ExchangeBackedContext(new FakeStrategyContext([e], Start), exchange);
        return (ctx, new MispricingStrategy(new MispricingSettings { MaxRetries = 1 }, ctx.Inner.Time), exchange);
    }

    private async Task TradeAsync(ExchangeBackedContext ctx, MispricingStrategy s)
    {
        await s.StartAsync(ctx, _ct);
        foreach (var t in Set) await s.OnBookChangedAsync(t, ctx, _ct);
        for (var i = 0; i < 30 && s.TradesInFlight > 0; i++)
        {
            ctx.Inner.Time.Now += TimeSpan.FromSeconds(1);
            await s.OnTimerAsync(ctx, _ct);
        }

        Assert.Equal(0, s.TradesInFlight);
    }

    [Fact]
    public async Task EveryBuyOfAManyLegTradeCarriesTheExchangesOrderGroup()
    {
        var (ctx, s, exchange) = World();
        await TradeAsync(ctx, s);

        var group = Assert.Single(ctx.GroupsAtDelete);
        Assert.Equal(Quantity.FromContracts(3 * 25 + 1), group.ContractsLimit);
        Assert.False(group.IsTriggered);
        IReadOnlyList<Order> orders;
        lock (exchange.Engine.SyncRoot) orders = exchange.Engine.GetOrders(exchange.Account, null, null, null, null);
        Assert.Equal(3, orders.Count);
        Assert.All(orders, o => Assert.Equal(group.Id, o.OrderGroupId));
        Assert.All(Set, t => Assert.Equal(-Quantity.FromContracts(25), ctx.Inner.PositionOf(t)));
        lock (exchange.Engine.SyncRoot) Assert.Empty(exchange.Engine.GetOrderGroups(exchange.Account)); // deleted when the trade ended
    }

    [Fact]
    public async Task TheExchangesGroupLimitStopsAnOverFillAndBlocksFurtherBuys()
    {
        var (ctx, s, exchange) = World();
        ctx.SendTwice = true; // every buy reaches the exchange twice

        await TradeAsync(ctx, s);

        var group = Assert.Single(ctx.GroupsAtDelete);
        Assert.True(group.IsTriggered);
        var inGroup = ctx.Sent.Zip(ctx.Answers).Where(p => p.First.OrderGroupId == group.Id).ToList();
        var bought = inGroup.Where(p => p.Second.IsOk).Sum(p => p.Second.Value!.FillCount.Hundredths);
        // Without the group the doubled basket buys 150 contracts; the exchange stops the order that reaches the limit
        // after the lot that reached it (5 contracts) and refuses every later buy of the group.
        Assert.InRange(bought, group.ContractsLimit.Hundredths, group.ContractsLimit.Hundredths + Quantity.FromContracts(5).Hundredths);
        Assert.Contains(inGroup, p => !p.Second.IsOk && p.Second.Error!.Code == "order_group_triggered");
        // Unwinds stay outside the group, so the trigger never blocks reducing.
        Assert.All(ctx.Sent.Where(r => r.ReduceOnly), r => Assert.Null(r.OrderGroupId));
    }
}
