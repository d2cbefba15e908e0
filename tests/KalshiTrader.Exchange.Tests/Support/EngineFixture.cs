using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;

namespace KalshiTrader.Exchange.Tests.Support;

/// <summary>An engine on a standing clock with one series, one event, one cent-grid market and funded accounts.</summary>
internal sealed class EngineFixture
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 15, 0, 0, TimeSpan.Zero);
    public const string Ticker = "KXTEST-26MAR02-T50";

    public EngineFixture(FeeSchedule? fees = null, int settlementTimerSeconds = 0, Money? funding = null, string priceLevelStructure = "linear_cent")
    {
        Clock = new ExchangeClock(Start);
        Engine = new MatchingEngine(Clock);
        Engine.AddSink(Events);
        Engine.AddSeries(new Series { Ticker = "KXTEST", Fees = fees ?? FeeSchedule.Standard });
        Engine.AddEvent(new Event { Ticker = "KXTEST-26MAR02", SeriesTicker = "KXTEST", Title = "test" });
        AddMarket(Ticker, settlementTimerSeconds, priceLevelStructure);
        var deposit = funding ?? Money.FromCents(100_000);
        Alice = Engine.CreateAccount("alice", deposit);
        Bob = Engine.CreateAccount("bob", deposit);
        Carol = Engine.CreateAccount("carol", deposit);
    }

    public ExchangeClock Clock { get; }
    public MatchingEngine Engine { get; }
    public RecordingSink Events { get; } = new();
    public AccountId Alice { get; }
    public AccountId Bob { get; }
    public AccountId Carol { get; }

    public void AddMarket(string ticker, int settlementTimerSeconds = 0, string priceLevelStructure = "linear_cent") =>
        Engine.AddMarket(new Market
        {
            Ticker = ticker,
            EventTicker = "KXTEST-26MAR02",
            Status = MarketStatus.Active,
            SettlementTimerSeconds = settlementTimerSeconds,
            PriceLevelStructure = priceLevelStructure,
            CloseTime = Start.AddDays(1),
        }).Unwrap();

    /// <summary>Places an order that buys YES (bid) or NO (ask) at the given YES price in cents.</summary>
    public OrderAck Place(AccountId who, OrderSide side, int yesCents, long contracts, TimeInForce tif = TimeInForce.GoodTillCanceled,
        Func<OrderRequest, OrderRequest>? tweak = null, string ticker = Ticker) =>
        TryPlace(who, side, yesCents, contracts, tif, tweak, ticker).Unwrap();

    public ExchangeResult<OrderAck> TryPlace(AccountId who, OrderSide side, int yesCents, long contracts,
        TimeInForce tif = TimeInForce.GoodTillCanceled, Func<OrderRequest, OrderRequest>? tweak = null, string ticker = Ticker)
    {
        var request = new OrderRequest
        {
            Ticker = ticker,
            Side = side,
            YesPrice = Price.FromCents(yesCents),
            Count = Quantity.FromContracts(contracts),
            TimeInForce = tif,
        };
        return Engine.Submit(who, tweak is null ? request : tweak(request));
    }

    public Order Order(AccountId who, OrderAck ack) => Engine.GetOrder(who, ack.OrderId)!;

    public Quantity PositionOf(AccountId who, string ticker = Ticker) =>
        Engine.GetPositions(who).FirstOrDefault(p => p.Ticker == ticker)?.Position ?? Quantity.Zero;

    public Money Cash(AccountId who) => Engine.GetAccount(who)!.Available;

    public Money Reserved(AccountId who) => Engine.GetAccount(who)!.Reserved;

    public void AssertLedgerBalances() => Assert.Equal(Money.Zero, Engine.GetLedger().Unaccounted);
}

/// <summary>Keeps every engine event for assertions.</summary>
internal sealed class RecordingSink : IEngineEventSink
{
    public List<EngineEvent> All { get; } = [];

    public void Publish(EngineEvent e) => All.Add(e.Keep()); // the engine reuses frequent events

    public IEnumerable<T> Of<T>() where T : EngineEvent => All.OfType<T>();

    public void Clear() => All.Clear();
}
