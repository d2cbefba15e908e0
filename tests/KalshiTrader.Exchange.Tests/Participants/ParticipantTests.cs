using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Participants;
using KalshiTrader.Exchange.Tests.Scenarios;

namespace KalshiTrader.Exchange.Tests.Participants;

public sealed class ParticipantTests
{
    [Fact]
    public void MakersKeepEveryBookTwoSidedUncrossedAndOnGridWhileNoiseTrades()
    {
        var run = ScenarioRun.Demo(seed: 6, duration: TimeSpan.FromSeconds(60));
        var steps = 0;
        run.Run(TimeSpan.FromSeconds(60), afterEach: () =>
        {
            steps++;
            foreach (var t in run.Scenario.Markets)
            {
                var book = run.Book(t);
                Assert.False(book.IsCrossed, $"{t} crossed at step {steps}");
                Assert.True(book.BestYesBid is not null && book.YesAsk is not null, $"{t} one-sided at step {steps}");
            }
        });
        Assert.True(run.Host.NoiseTakers.Sum(n => n.Trades) > 10);
        Assert.Equal(Money.Zero, run.Engine.GetLedger().Unaccounted);
    }

    [Fact]
    public void MakerQuotesBracketTheFairValue()
    {
        var run = ScenarioRun.Demo(seed: 2, live: true, noiseTakers: 0);
        run.Run(TimeSpan.FromSeconds(2));
        var maker = run.Host.MarketMakers[0].Account;
        foreach (var t in run.Scenario.Markets)
        {
            var fair = run.Scenario.FairValue(t)!.Value;
            var orders = run.Engine.GetOrders(maker, t, status: OrderStatus.Resting);
            var grid = run.Engine.GetMarket(t)!.TickGrid;
            foreach (var o in orders)
            {
                Assert.True(grid.IsValid(o.YesPrice));
                // A bid is never above fair (except the minimum tick on a near-zero market), an ask never below.
                if (o.Side == OrderSide.Bid) Assert.True((double)o.YesPrice.Dollars <= fair || o.YesPrice == grid.RoundUp(Price.FromTicks(1)), $"{t} bid {o.YesPrice} above fair {fair}");
                else Assert.True((double)o.YesPrice.Dollars >= fair || o.YesPrice == grid.RoundDown(Price.FromTicks(9999)), $"{t} ask {o.YesPrice} below fair {fair}");
            }
        }
    }

    [Fact]
    public void StillParticipantsQuoteOnceAndNeverMove()
    {
        // A scenario without injections: only participants could move its books.
        var run = new ScenarioRun(Exchange.Scenarios.ScenarioRegistry.Create("fed", new Exchange.Scenarios.ScenarioOptions(3)), live: false);
        var before = run.Fingerprint();
        run.Run(TimeSpan.FromSeconds(5));
        Assert.Equal(before, run.Fingerprint());
        Assert.Empty(run.Engine.GetTrades());
    }

    [Fact]
    public async Task TheHostStepsOnItsTimerUntilCancelled()
    {
        var run = ScenarioRun.Demo(seed: 3);
        var host = new Exchange.Scenarios.ScenarioHost(run.Engine, run.Scenario, new ParticipantOptions { Interval = TimeSpan.FromMilliseconds(10), MarketMakers = 0, NoiseTakers = 0 }, TimeProvider.System);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var task = host.RunAsync(cts.Token);
        while (host.Steps < 3) await Task.Delay(5, TestContext.Current.CancellationToken);
        cts.Cancel();
        await task;
        Assert.True(host.Steps >= 3);
    }
}
