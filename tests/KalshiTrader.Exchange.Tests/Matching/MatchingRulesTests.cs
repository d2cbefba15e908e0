using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Tests.Support;

namespace KalshiTrader.Exchange.Tests.Matching;

public sealed class MatchingRulesTests
{
    [Fact]
    public void AskCrossesYesBidAndFillsAtTheRestingPrice()
    {
        var f = new EngineFixture();
        var bid = f.Place(f.Alice, OrderSide.Bid, 40, 10);
        var ask = f.Place(f.Bob, OrderSide.Ask, 35, 4); // buys NO at 0.65, would pay up to 0.65; gets 0.60

        Assert.Equal(Quantity.FromContracts(4), ask.FillCount);
        Assert.Equal(0.40m, f.Engine.GetFills(f.Bob).Single().YesPrice.Dollars);
        Assert.Equal(OrderStatus.Resting, f.Order(f.Alice, bid).Status);
        Assert.Equal(Quantity.FromContracts(6), f.Order(f.Alice, bid).RemainingCount);
        Assert.Equal(Quantity.FromContracts(4), f.PositionOf(f.Alice));
        Assert.Equal(Quantity.FromContracts(-4), f.PositionOf(f.Bob));
        f.AssertLedgerBalances();
    }

    [Fact]
    public void BidCrossesNoBidsAtOneMinusTheirPrice()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Ask, 55, 5); // a NO bid at 0.45
        var book = f.Engine.GetBook(EngineFixture.Ticker)!;
        Assert.Equal(0.45m, book.NoBids.Single().Price.Dollars);

        Assert.True(f.Place(f.Bob, OrderSide.Bid, 54, 5).FillCount.IsZero);
        var crossing = f.Place(f.Carol, OrderSide.Bid, 60, 5);

        Assert.Equal(Quantity.FromContracts(5), crossing.FillCount);
        Assert.Equal(0.55m, f.Engine.GetTrades(EngineFixture.Ticker).Single().YesPrice.Dollars);
        Assert.Equal(Outcome.Yes, f.Engine.GetTrades(EngineFixture.Ticker).Single().TakerOutcome);
    }

    [Fact]
    public void EarlierOrderAtTheSamePriceFillsFirst()
    {
        var f = new EngineFixture();
        var first = f.Place(f.Alice, OrderSide.Bid, 40, 3);
        var second = f.Place(f.Bob, OrderSide.Bid, 40, 3);
        f.Place(f.Carol, OrderSide.Ask, 40, 4);

        Assert.Equal(OrderStatus.Executed, f.Order(f.Alice, first).Status);
        Assert.Equal(Quantity.FromContracts(1), f.Order(f.Bob, second).FillCount);
    }

    [Fact]
    public void BetterPriceFillsBeforeEarlierWorsePrice()
    {
        var f = new EngineFixture();
        var worse = f.Place(f.Alice, OrderSide.Bid, 39, 3);
        var better = f.Place(f.Bob, OrderSide.Bid, 41, 3);
        var taker = f.Place(f.Carol, OrderSide.Ask, 39, 4);

        Assert.Equal(Quantity.FromContracts(3), f.Order(f.Bob, better).FillCount);
        Assert.Equal(Quantity.FromContracts(1), f.Order(f.Alice, worse).FillCount);
        Assert.Equal(Quantity.FromContracts(4), taker.FillCount);
    }

    [Fact]
    public void BookNeverRestsCrossed()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Bid, 45, 5);
        f.Place(f.Bob, OrderSide.Ask, 44, 2);
        var market = f.Engine.GetMarket(EngineFixture.Ticker)!;
        Assert.True(market.YesBid < market.YesAsk || market.YesAsk is null);
    }

    [Fact]
    public void PriceOffTheTickGridIsRejected()
    {
        var f = new EngineFixture();
        var result = f.Engine.Submit(f.Alice, new Core.Trading.OrderRequest
        {
            Ticker = EngineFixture.Ticker, Side = OrderSide.Bid, YesPrice = Price.FromTicks(4050), Count = Quantity.FromContracts(1),
        });

        Assert.False(result.IsOk);
        Assert.Equal("invalid_price", result.Error!.Code);
        Assert.Contains("tick grid", result.Error.Message);
    }

    [Fact]
    public void DeciCentGridAcceptsTenthsOfACent()
    {
        var f = new EngineFixture(priceLevelStructure: "deci_cent");
        var ok = f.Engine.Submit(f.Alice, new Core.Trading.OrderRequest
        {
            Ticker = EngineFixture.Ticker, Side = OrderSide.Bid, YesPrice = Price.FromTicks(550), Count = Quantity.FromContracts(1),
        });
        Assert.True(ok.IsOk);
    }

    [Fact]
    public void FractionalCountsTradeInHundredths()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Bid, 50, 1);
        var ack = f.Engine.Submit(f.Bob, new Core.Trading.OrderRequest
        {
            Ticker = EngineFixture.Ticker, Side = OrderSide.Ask, YesPrice = Price.FromCents(50), Count = Quantity.FromHundredths(25),
        }).Unwrap();
        Assert.Equal(Quantity.FromHundredths(25), ack.FillCount);
        Assert.Equal(Quantity.FromHundredths(25), f.PositionOf(f.Alice));
    }

    [Fact]
    public void QueuePositionCountsContractsAheadAtTheSamePrice()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Bid, 40, 3);
        f.Place(f.Bob, OrderSide.Bid, 41, 7);
        var mine = f.Place(f.Carol, OrderSide.Bid, 40, 2);
        Assert.Equal(Quantity.FromContracts(3), f.Engine.GetQueuePosition(f.Carol, mine.OrderId));
    }

    [Fact]
    public void BookDeltasNameTheOwningClientOrderId()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Ask, 60, 2, tweak: r => r with { ClientOrderId = new ClientOrderId("mine-1") });
        var delta = f.Events.Of<BookChangedEvent>().Single();
        Assert.Equal(Outcome.No, delta.Side);
        Assert.Equal(0.40m, delta.Price.Dollars);
        Assert.Equal(Quantity.FromContracts(2), delta.Delta);
        Assert.Equal("mine-1", delta.ClientOrderId!.Value.Value);
        Assert.Equal(f.Alice, delta.Owner);
    }

    [Fact]
    public void EveryFillAppearsOncePerSideAndOnceOnTheTradeFeed()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Bid, 40, 2);
        f.Place(f.Bob, OrderSide.Bid, 41, 2);
        f.Place(f.Carol, OrderSide.Ask, 40, 4);

        var trades = f.Events.Of<TradeExecutedEvent>().ToList();
        var fills = f.Events.Of<FillExecutedEvent>().ToList();
        Assert.Equal(2, trades.Count);
        Assert.Equal(4, fills.Count);
        foreach (var t in trades)
        {
            Assert.Single(fills, x => x.Fill.TradeId == t.Trade.TradeId && x.Fill.IsTaker);
            Assert.Single(fills, x => x.Fill.TradeId == t.Trade.TradeId && !x.Fill.IsTaker);
        }
    }

    [Fact]
    public void TickerIsPublishedWhenTheTopOfBookMoves()
    {
        var f = new EngineFixture();
        f.Place(f.Alice, OrderSide.Bid, 40, 2);
        var ticker = f.Events.Of<TickerChangedEvent>().Last().Update;
        Assert.Equal(0.40m, ticker.YesBid!.Value.Dollars);
        Assert.Null(ticker.YesAsk);
    }
}
