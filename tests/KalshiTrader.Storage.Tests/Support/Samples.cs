using KalshiTrader.Core.Books;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Storage.Records;

namespace KalshiTrader.Storage.Tests.Support;

/// <summary>Records with every field set, including the awkward values: sub-cent prices, fractional counts, exact decimals.</summary>
public static class Samples
{
    /// <summary>A time with microseconds, the precision both engines keep.</summary>
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 3, 14, 15, 9, 26, TimeSpan.Zero).AddTicks(5_358_970);

    public static Series Series(string ticker = "KXTEST") => new()
    {
        Ticker = ticker,
        Title = "Test series",
        Category = "Economics",
        Tags = ["cpi", "inflation"],
        Frequency = "monthly",
        Fees = new FeeSchedule(FeeType.QuadraticWithMakerFees, 0.5m, T0.AddDays(30)),
        SettlementSources = [new SettlementSource("BLS", "https://www.bls.gov"), new SettlementSource("Other", null)],
        ContractUrl = "https://example.invalid/contract.pdf",
    };

    public static Event Event(string ticker = "KXTEST-26MAR", string series = "KXTEST", params Market[] markets) => new()
    {
        Ticker = ticker,
        SeriesTicker = series,
        Title = "CPI in March",
        SubTitle = "Mar 2026",
        Category = "Economics",
        MutuallyExclusive = true,
        CollateralReturnType = "MECNET",
        StrikeDate = T0.AddDays(10),
        StrikePeriod = "month",
        SettlementSources = [new SettlementSource("BLS", "https://www.bls.gov")],
        FeeTypeOverride = FeeType.Quadratic,
        FeeMultiplierOverride = 0.25m,
        Markets = markets,
    };

    public static Market Market(string ticker = "KXTEST-26MAR-T3.1", string eventTicker = "KXTEST-26MAR") => new()
    {
        Ticker = ticker,
        EventTicker = eventTicker,
        Title = "Above 3.1%?",
        Subtitle = "sub",
        YesSubTitle = "Above 3.1%",
        NoSubTitle = "3.1% or below",
        RulesPrimary = "If CPI YoY is above 3.1% ...",
        RulesSecondary = "Secondary rules",
        Status = MarketStatus.Active,
        Result = MarketResult.None,
        SettlementValue = null,
        SettlementTime = null,
        CanCloseEarly = true,
        EarlyCloseCondition = "if released early",
        SettlementTimerSeconds = 3600,
        CreatedTime = T0,
        UpdatedTime = T0.AddMinutes(1),
        OpenTime = T0.AddHours(1),
        CloseTime = T0.AddDays(9),
        ExpectedExpirationTime = T0.AddDays(10),
        LatestExpirationTime = T0.AddDays(40),
        OccurrenceTime = null,
        FeeWaiverExpirationTime = T0.AddDays(2),
        StrikeType = StrikeType.Greater,
        FloorStrike = 3.1m,
        CapStrike = 123456789.123456789m,
        FunctionalStrike = "x > 3.1",
        CustomStrikeJson = """{"Candidate":"Someone","Rank":1}""",
        PriceLevelStructure = "tapered_deci_cent",
        PriceRanges = TickGrid.TaperedDeciCent.Ranges.ToList(),
        YesBid = Price.FromTicks(1),
        YesAsk = Price.FromTicks(775),
        NoBid = Price.FromTicks(9225),
        NoAsk = Price.FromTicks(9999),
        YesBidSize = Quantity.FromHundredths(413220),
        YesAskSize = Quantity.FromHundredths(1),
        LastPrice = Price.FromTicks(770),
        PreviousPrice = Price.FromTicks(765),
        PreviousYesBid = Price.FromTicks(760),
        PreviousYesAsk = Price.FromTicks(780),
        Volume = Quantity.FromHundredths(123456789),
        Volume24h = Quantity.FromHundredths(5),
        OpenInterest = Quantity.FromHundredths(99),
        NotionalValue = Money.FromCents(100),
        MveCollectionTicker = null,
        ExchangeIndex = 2,
    };

    public static Order Order(string id = "ord-1", string clientOrderId = "coid-1") => new()
    {
        Id = new OrderId(id),
        ClientOrderId = new ClientOrderId(clientOrderId),
        Ticker = "KXTEST-26MAR-T3.1",
        Side = OrderSide.Ask,
        YesPrice = Price.FromTicks(555),
        Status = OrderStatus.Resting,
        InitialCount = Quantity.FromHundredths(1050),
        FillCount = Quantity.FromHundredths(25),
        RemainingCount = Quantity.FromHundredths(1025),
        TakerFillCost = Money.FromMicros(13_875),
        MakerFillCost = Money.FromMicros(0),
        TakerFees = Money.FromMicros(3_700),
        MakerFees = Money.FromMicros(1),
        TimeInForce = TimeInForce.GoodTillCanceled,
        SelfTradePrevention = SelfTradePrevention.Maker,
        OrderGroupId = "grp",
        CancelOrderOnPause = true,
        CreatedTime = T0,
        LastUpdateTime = T0.AddSeconds(1),
        ExpirationTime = T0.AddDays(1),
        LastUpdateReason = "Trade",
        Subaccount = 3,
    };

    public static Fill Fill(string tradeId = "tr-1", string orderId = "ord-1") => new()
    {
        TradeId = new TradeId(tradeId),
        OrderId = new OrderId(orderId),
        ClientOrderId = new ClientOrderId("coid-1"),
        Ticker = "KXTEST-26MAR-T3.1",
        Side = OrderSide.Bid,
        YesPrice = Price.FromTicks(9999),
        Count = Quantity.FromHundredths(1),
        IsTaker = true,
        Fee = Money.FromMicros(100),
        PostPosition = Quantity.FromHundredths(-4132),
        Time = T0.AddSeconds(2),
        Subaccount = 0,
    };

    public static OrderBookDeltaRecord Delta(long seq, string ticker = "KXTEST-26MAR-T3.1", long session = 1) => new(
        session, 7, seq, ticker, seq % 2 == 0 ? Outcome.Yes : Outcome.No,
        Price.FromTicks((int)(seq % 9999) + 1), Quantity.FromHundredths((seq % 2 == 0 ? 1 : -1) * (seq + 1)),
        T0.AddMilliseconds(seq), T0.AddMilliseconds(seq).AddTicks(30), seq % 5 == 0 ? new ClientOrderId("c" + seq) : null);

    public static OrderBookSnapshotRecord BookSnapshot(DateTimeOffset received) => new()
    {
        Ticker = "KXTEST-26MAR-T3.1",
        Session = 1,
        Sid = 7,
        Seq = 1,
        Source = "ws",
        Reason = "initial",
        YesBids = [new PriceLevel(Price.FromTicks(1), Quantity.FromHundredths(1)), new PriceLevel(Price.FromTicks(4200), Quantity.FromHundredths(15000))],
        NoBids = [new PriceLevel(Price.FromTicks(5795), Quantity.FromHundredths(30))],
        ExchangeTime = received.AddMilliseconds(-3),
        ReceivedTime = received,
    };
}
