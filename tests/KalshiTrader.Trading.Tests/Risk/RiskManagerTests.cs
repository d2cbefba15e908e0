using KalshiTrader.Core.Books;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Trading.Risk;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Tests.Risk;

/// <summary>Each rule on its own: a baseline order passes, and changing one input trips exactly the rule it belongs to.</summary>
public sealed class RiskManagerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 15, 0, 0, TimeSpan.Zero);
    private static readonly MarketTicker Ticker = "KXT-E-A";

    private static readonly RiskLimits Limits = new()
    {
        MaxContractsPerOrder = Quantity.FromContracts(100),
        MaxPositionPerMarket = Quantity.FromContracts(200),
        MaxPositionPerEvent = Quantity.FromContracts(300),
        MaxOpenOrders = 5,
        MaxOpenPositionSets = 3,
        MaxNotionalPerOrder = Money.FromCents(5_000),
        MaxRiskPerTrade = 0.02m,
        DailyLossLimit = Money.FromCents(10_000),
        NoEntryBeforeClose = TimeSpan.FromMinutes(10),
        PriceSanityTicks = 300,
        WritesPerSecond = 1000,
        WriteBurst = 1000,
    };

    private static RiskManager Manager(RiskLimits? limits = null) =>
        new(limits ?? Limits, new WriteRateLimiter(TimeProvider.System, (limits ?? Limits).WritesPerSecond, (limits ?? Limits).WriteBurst));

    private static OrderBook Book()
    {
        var book = new OrderBook(Ticker);
        book.ApplySnapshot([new PriceLevel(Price.FromCents(40), Quantity.FromContracts(100))], [new PriceLevel(Price.FromCents(55), Quantity.FromContracts(100))]);
        return book; // YES 0.40 bid / 0.45 ask
    }

    private static RiskCheckInput Baseline(OrderIntent? intent = null) => new()
    {
        Intent = intent ?? OrderIntent.BuyYes(Ticker, Price.FromCents(45), Quantity.FromContracts(10)),
        Now = Now,
        Market = new Market { Ticker = Ticker, EventTicker = "KXT-E", Status = MarketStatus.Active, CloseTime = Now.AddDays(1), PriceLevelStructure = "linear_cent" },
        Book = new BookRead(Book(), BookState.Fresh, TimeSpan.Zero, null),
        AvailableCash = Money.FromCents(100_000),
        RiskBase = Money.FromCents(100_000), // 2% = $20
    };

    private static RiskRule? RuleOf(RiskCheckInput input, RiskLimits? limits = null) => Manager(limits).Check(input)?.Rule;

    [Fact]
    public void TheBaselineOrderPasses() => Assert.Null(Manager().Check(Baseline()));

    [Fact]
    public void TheKillSwitchDeniesEverythingIncludingExits() =>
        Assert.Equal(RiskRule.KillSwitch, RuleOf(Baseline(OrderIntent.BuyNo(Ticker, Price.FromCents(60), Quantity.FromContracts(1)) with { ReduceOnly = true }) with { KillSwitchTripped = true }));

    [Fact]
    public void TooManyContractsInOneOrderIsDenied() =>
        Assert.Equal(RiskRule.MaxContractsPerOrder, RuleOf(Baseline(OrderIntent.BuyYes(Ticker, Price.FromCents(10), Quantity.FromContracts(101)))));

    [Fact]
    public void ExactlyTheMaximumContractsPasses() =>
        Assert.Null(RuleOf(Baseline(OrderIntent.BuyYes(Ticker, Price.FromCents(10), Quantity.FromContracts(100))) with { RiskBase = Money.FromCents(1_000_000) }));

    [Fact]
    public void TooMuchNotionalInOneOrderIsDenied() =>
        // 100 contracts at $0.45 = $45 > $40.
        Assert.Equal(RiskRule.MaxNotionalPerOrder, RuleOf(
            Baseline(OrderIntent.BuyYes(Ticker, Price.FromCents(45), Quantity.FromContracts(100))) with { RiskBase = Money.FromCents(10_000_000) },
            Limits with { MaxNotionalPerOrder = Money.FromCents(4_000) }));

    [Fact]
    public void APositionBeyondTheMarketLimitIsDeniedCountingOpenOrders() =>
        Assert.Equal(RiskRule.MaxPositionPerMarket, RuleOf(Baseline() with { Position = Quantity.FromContracts(150), OpenSameOutcome = Quantity.FromContracts(45) }));

    [Fact]
    public void BuyingTheOtherSideOfABigPositionReducesItAndPasses() =>
        Assert.Null(RuleOf(Baseline(OrderIntent.BuyNo(Ticker, Price.FromCents(60), Quantity.FromContracts(10))) with { Position = Quantity.FromContracts(250), EventGross = Quantity.FromContracts(299) }));

    [Fact]
    public void APositionBeyondTheEventLimitIsDenied() =>
        Assert.Equal(RiskRule.MaxPositionPerEvent, RuleOf(Baseline() with { EventGross = Quantity.FromContracts(295) }));

    [Fact]
    public void TooManyOpenOrdersIsDenied() => Assert.Equal(RiskRule.MaxOpenOrders, RuleOf(Baseline() with { OpenOrders = 5 }));

    [Fact]
    public void ANewPositionSetBeyondTheLimitIsDeniedButALaterLegOfAnOpenSetPasses()
    {
        Assert.Equal(RiskRule.MaxOpenPositionSets, RuleOf(Baseline() with { OpenPositionSets = 3 }));
        Assert.Null(RuleOf(Baseline() with { OpenPositionSets = 3, SetAlreadyOpen = true }));
    }

    [Fact]
    public void AWorstCaseLossAboveTwoPercentOfTheBalanceIsDenied() =>
        // 45 contracts at $0.45 = $20.25 plus fee > 2% of $1000.
        Assert.Equal(RiskRule.MaxRiskPerTrade, RuleOf(Baseline(OrderIntent.BuyYes(Ticker, Price.FromCents(45), Quantity.FromContracts(45)))));

    [Fact]
    public void ADeclaredHedgedWorstCaseIsUsedInsteadOfTheNotional() =>
        Assert.Null(RuleOf(Baseline(OrderIntent.BuyYes(Ticker, Price.FromCents(45), Quantity.FromContracts(45)) with { WorstCaseLoss = Money.FromCents(500), PositionSetId = "opp-1" })));

    [Fact]
    public void ALaterLegOfASetWithADeclaredWorstCaseIsCovered() =>
        Assert.Null(RuleOf(Baseline(OrderIntent.BuyYes(Ticker, Price.FromCents(45), Quantity.FromContracts(45)) with { PositionSetId = "opp-1" })
            with { SetAlreadyOpen = true, SetDeclaredWorstCase = Money.FromCents(500) }));

    [Fact]
    public void TheDailyLossLimitDenies() => Assert.Equal(RiskRule.DailyLossLimit, RuleOf(Baseline() with { DailyPnl = Money.FromCents(-10_000) }));

    [Fact]
    public void ALossJustInsideTheDailyLimitPasses() => Assert.Null(RuleOf(Baseline() with { DailyPnl = Money.FromCents(-9_999) }));

    [Fact]
    public void NoNewEntriesNearTheCloseButExitsAreAllowed()
    {
        var closing = Baseline().Market! with { CloseTime = Now.AddMinutes(9) };
        Assert.Equal(RiskRule.NearClose, RuleOf(Baseline() with { Market = closing }));
        var exit = Baseline(OrderIntent.BuyNo(Ticker, Price.FromCents(60), Quantity.FromContracts(10)) with { ReduceOnly = true }) with { Market = closing, Position = Quantity.FromContracts(10) };
        Assert.Null(RuleOf(exit));
    }

    [Theory]
    [InlineData(BookState.Stale)]
    [InlineData(BookState.Invalid)]
    [InlineData(BookState.Missing)]
    public void ABookThatIsNotFreshDenies(BookState state) =>
        Assert.Equal(RiskRule.StaleData, RuleOf(Baseline() with { Book = new BookRead(Book(), state, TimeSpan.FromMinutes(1), "old") }));

    [Fact]
    public void ALimitFarThroughTheBookIsDenied() =>
        // Best YES ask is 0.45; 0.49 is 400 ticks through, the limit is 300.
        Assert.Equal(RiskRule.PriceSanity, RuleOf(Baseline(OrderIntent.BuyYes(Ticker, Price.FromCents(49), Quantity.FromContracts(10)))));

    [Fact]
    public void ALimitJustThroughTheBookWithinTheToleranceIsAllowed() =>
        Assert.Null(RuleOf(Baseline(OrderIntent.BuyYes(Ticker, Price.FromCents(48), Quantity.FromContracts(10)))));

    [Fact]
    public void ABlockedMarketDenies() => Assert.Equal(RiskRule.MarketBlocked, RuleOf(Baseline() with { MarketBlockedReason = "unknown outcome" }));

    [Fact]
    public void AMarketThatIsNotActiveDenies() =>
        Assert.Equal(RiskRule.MarketNotTradeable, RuleOf(Baseline() with { Market = Baseline().Market! with { Status = MarketStatus.Inactive } }));

    [Fact]
    public void APriceOffTheTickGridIsInvalid() =>
        Assert.Equal(RiskRule.InvalidOrder, RuleOf(Baseline(OrderIntent.BuyYes(Ticker, Price.FromTicks(4455), Quantity.FromContracts(10)))));

    [Fact]
    public void NotEnoughCashIsDenied() => Assert.Equal(RiskRule.InsufficientBalance, RuleOf(Baseline() with { AvailableCash = Money.FromCents(400) }));

    [Fact]
    public void WritingFasterThanTheBudgetIsDeniedWithoutConsumingTheRest()
    {
        var limits = Limits with { WritesPerSecond = 0.001, WriteBurst = 2 };
        var manager = Manager(limits);
        Assert.Null(manager.Check(Baseline()));
        Assert.Null(manager.Check(Baseline()));
        Assert.Equal(RiskRule.WriteRate, manager.Check(Baseline())?.Rule);
    }

    [Fact]
    public void ADenialNamesTheNumbersThatBrokeTheRule()
    {
        var denial = Manager().Check(Baseline(OrderIntent.BuyYes(Ticker, Price.FromCents(10), Quantity.FromContracts(101))));
        Assert.Contains("101.00", denial!.Message);
        Assert.Contains("100.00", denial.Message);
    }
}
