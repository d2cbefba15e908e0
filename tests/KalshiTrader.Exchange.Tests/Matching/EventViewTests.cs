using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Tests.Support;

namespace KalshiTrader.Exchange.Tests.Matching;

/// <summary>
/// The engine reuses its frequent events and answers creates with a value: what a sink reads during Publish, what it
/// keeps, and what <see cref="MatchingEngine.Place"/> answers must all equal what the engine's queries say.
/// </summary>
public sealed class EventViewTests
{
    [Fact]
    public void FrequentEventsAreReusedViewsButKeptCopiesAreNot()
    {
        var f = new EngineFixture();
        var seen = new ViewSink();
        f.Engine.AddSink(seen);

        f.Place(f.Bob, OrderSide.Ask, 45, 2);
        f.Place(f.Carol, OrderSide.Ask, 46, 2);

        var orderEvents = seen.Live.OfType<OrderChangedEvent>().ToList();
        Assert.Equal(2, orderEvents.Count);
        Assert.Same(orderEvents[0], orderEvents[1]); // one view, published twice
        Assert.NotSame(f.Events.Of<OrderChangedEvent>().First(), f.Events.Of<OrderChangedEvent>().Last());
    }

    [Fact]
    public void AKeptOrderEventStillShowsItsMomentAfterTheOrderChanges()
    {
        var f = new EngineFixture();
        var resting = f.Place(f.Bob, OrderSide.Ask, 45, 3);
        var created = f.Events.Of<OrderChangedEvent>().Single();

        f.Place(f.Alice, OrderSide.Bid, 45, 1, TimeInForce.ImmediateOrCancel);
        f.Engine.Cancel(f.Bob, resting.OrderId).Unwrap();

        Assert.Equal(Quantity.FromContracts(3), created.Order.RemainingCount);
        Assert.Equal(OrderStatus.Resting, created.Order.Status);
        var bobs = f.Events.Of<OrderChangedEvent>().Where(e => e.Account == f.Bob).Select(e => e.Order).ToList();
        Assert.Equal([3, 2, 0], bobs.Select(o => (int)o.RemainingCount.Contracts));
        Assert.Equal(OrderStatus.Canceled, bobs[^1].Status);
        Assert.Equal(f.Engine.GetOrder(f.Bob, resting.OrderId), bobs[^1]);
    }

    [Fact]
    public void KeptFillsTradesBooksPositionsAndTickersMatchTheEnginesRecords()
    {
        var f = new EngineFixture();
        f.Place(f.Bob, OrderSide.Ask, 45, 2);
        var taker = f.Place(f.Alice, OrderSide.Bid, 45, 2, TimeInForce.ImmediateOrCancel);

        Assert.Equal(f.Engine.GetFills(f.Alice).Single(), f.Events.Of<FillExecutedEvent>().Single(e => e.Account == f.Alice).Fill);
        Assert.Equal(f.Engine.GetFills(f.Bob).Single(), f.Events.Of<FillExecutedEvent>().Single(e => e.Account == f.Bob).Fill);
        Assert.Equal(taker.OrderId, f.Events.Of<FillExecutedEvent>().Single(e => e.Account == f.Alice).Fill.OrderId);
        Assert.Equal(Price.FromCents(45), f.Events.Of<TradeExecutedEvent>().Single().Trade.YesPrice);
        Assert.Equal([200, -200], f.Events.Of<BookChangedEvent>().Select(b => b.Delta.Hundredths));
        Assert.Equal(f.Engine.GetPositions(f.Alice).Single(), f.Events.Of<PositionChangedEvent>().Last(e => e.Account == f.Alice).Position);
        Assert.Equal(Quantity.FromContracts(2), f.Events.Of<TickerChangedEvent>().Last().Update.Volume);
    }

    [Fact]
    public void KeptBookTradeFillAndTickerEventsStillShowTheirMomentAfterTheOrderObjectIsReused()
    {
        var f = new EngineFixture();
        f.Place(f.Bob, OrderSide.Ask, 45, 2, tweak: r => r with { ClientOrderId = new ClientOrderId("bob-1") });
        f.Place(f.Alice, OrderSide.Bid, 45, 2, TimeInForce.ImmediateOrCancel);
        var rested = f.Events.Of<BookChangedEvent>().First();
        var trade = f.Events.Of<TradeExecutedEvent>().Single();
        var bobFill = f.Events.Of<FillExecutedEvent>().Single(e => e.Account == f.Bob);
        var ticker = f.Events.Of<TickerChangedEvent>().Last();

        // Bob's finished order goes back to the pool: Carol's next order reuses it, and trades at another price.
        f.Place(f.Carol, OrderSide.Bid, 52, 1, tweak: r => r with { ClientOrderId = new ClientOrderId("carol-1") });
        f.Place(f.Alice, OrderSide.Ask, 52, 1, TimeInForce.ImmediateOrCancel);

        Assert.Equal(f.Bob, rested.Owner);
        Assert.Equal(new ClientOrderId("bob-1"), rested.ClientOrderId);
        Assert.Equal(Outcome.No, rested.Side);
        Assert.Equal(Price.FromCents(55), rested.Price);
        Assert.Equal(200, rested.Delta.Hundredths);
        Assert.Equal(Price.FromCents(45), trade.Trade.YesPrice);
        Assert.Equal(f.Engine.GetFills(f.Bob).Single(), bobFill.Fill);
        Assert.Equal(new ClientOrderId("bob-1"), bobFill.Fill.ClientOrderId);
        Assert.Equal(Quantity.FromContracts(2), ticker.Update.Volume);
        Assert.Equal(Price.FromCents(52), f.Events.Of<TradeExecutedEvent>().Last().Trade.YesPrice);
    }

    [Fact]
    public void PlaceAnswersWhatSubmitWouldAndItsAckMatchesTheOrder()
    {
        var f = new EngineFixture(funding: Money.FromCents(100_000));
        f.Place(f.Bob, OrderSide.Ask, 45, 2);
        var placed = f.Engine.Place(f.Alice, new OrderRequest
        {
            Ticker = EngineFixture.Ticker, Side = OrderSide.Bid, YesPrice = Price.FromCents(46), Count = Quantity.FromContracts(5),
            ClientOrderId = new ClientOrderId("alice-1"),
        });

        Assert.True(placed.IsOk);
        var ack = placed.Value.ToAck();
        var order = f.Engine.GetOrder(f.Alice, placed.Value.OrderId)!;
        Assert.Equal(order.Id, ack.OrderId);
        Assert.Equal(new ClientOrderId("alice-1"), ack.ClientOrderId);
        Assert.Equal(Quantity.FromContracts(2), ack.FillCount);
        Assert.Equal(Quantity.FromContracts(3), ack.RemainingCount);
        Assert.Equal(0.45m, ack.AverageFillPrice);
        Assert.Equal(order.LastUpdateTime, ack.Time);

        var refused = f.Engine.Place(f.Alice, new OrderRequest
        {
            Ticker = EngineFixture.Ticker, Side = OrderSide.Bid, YesPrice = Price.FromCents(40), Count = Quantity.FromContracts(1),
            ClientOrderId = new ClientOrderId("alice-1"),
        });
        Assert.False(refused.IsOk);
        Assert.Equal(f.TryPlace(f.Alice, OrderSide.Bid, 40, 1, tweak: r => r with { ClientOrderId = new ClientOrderId("alice-1") }).Error!.Code, refused.Error!.Code);
    }

    [Fact]
    public void ACancelEchoesTheCallersIdAndAnUpperCaseIdComesBackCanonical()
    {
        var f = new EngineFixture();
        var a = f.Place(f.Alice, OrderSide.Bid, 40, 1);
        OrderAck b = a;
        while (!b.OrderId.Value[24..].Any(char.IsAsciiLetterLower)) b = f.Place(f.Alice, OrderSide.Bid, 41, 1); // seq 10 ends in "a"
        var shouted = b.OrderId.Value[..24] + b.OrderId.Value[24..].ToUpperInvariant();

        var echoed = f.Engine.Cancel(f.Alice, a.OrderId).Unwrap();
        var upper = f.Engine.Cancel(f.Alice, new OrderId(shouted)).Unwrap();

        Assert.Same(a.OrderId.Value, echoed.OrderId.Value);
        Assert.Equal(b.OrderId, upper.OrderId);
    }

    private sealed class ViewSink : IEngineEventSink
    {
        public List<EngineEvent> Live { get; } = [];

        public void Publish(EngineEvent e) => Live.Add(e);
    }
}
