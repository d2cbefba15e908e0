using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Participants;
using KalshiTrader.Exchange.Scenarios;

namespace KalshiTrader.Exchange.Tests.Scenarios;

public sealed class LoadedMarketsScenarioTests
{
    [Fact]
    public async Task ParticipantsQuoteAroundLoadedBooksAndSettlementKeepsExclusiveEventsExclusive()
    {
        var clock = new ExchangeClock(ScenarioRun.Start);
        var engine = new MatchingEngine(clock);
        engine.AddEvent(new Event { Ticker = "KXE-1", SeriesTicker = "KXE", MutuallyExclusive = true });
        var liquidity = engine.CreateAccount("liquidity", Money.FromCents(1_000_000));
        foreach (var (suffix, bid) in new[] { ("A", 30), ("B", 20), ("C", 10) })
        {
            var t = new MarketTicker($"KXE-1-{suffix}");
            engine.AddMarket(new Market { Ticker = t, EventTicker = "KXE-1", Status = MarketStatus.Active, PriceLevelStructure = "linear_cent", CloseTime = ScenarioRun.Start.AddDays(1) }).Unwrap();
            engine.Submit(liquidity, OrderRequest.Buy(t, Outcome.Yes, Price.FromCents(bid), Quantity.FromContracts(5))).Unwrap();
            engine.Submit(liquidity, OrderRequest.Buy(t, Outcome.No, Price.FromCents(100 - bid - 4), Quantity.FromContracts(5))).Unwrap();
        }

        var scenario = new LoadedMarketsScenario(seed: 4);
        scenario.Install(engine);
        Assert.False(scenario.ParticipantsByDefault);
        Assert.Equal(0.32, scenario.FairValue("KXE-1-A")!.Value, 6);
        var host = new ScenarioHost(engine, scenario, new ParticipantOptions { Seed = 4 });
        for (var i = 0; i < 20; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(500));
            host.Step();
            Assert.All(scenario.Markets, t => Assert.False(BookOf(engine, t).IsCrossed));
        }

        var settlement = await scenario.SettleAllAsync(TestContext.Current.CancellationToken);
        Assert.Empty(settlement.Problems);
        Assert.InRange(settlement.Outcomes.Count(o => o.Result == MarketResult.Yes), 0, 1);
        Assert.Equal(Money.Zero, engine.GetLedger().Unaccounted);
    }

    private static Core.Books.OrderBook BookOf(MatchingEngine engine, MarketTicker t)
    {
        var snap = engine.GetBook(t)!;
        var book = new Core.Books.OrderBook(t);
        book.ApplySnapshot(snap.YesBids.ToArray(), snap.NoBids.ToArray());
        return book;
    }
}
