using KalshiTrader.Core.Books;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Trading.Catalog;
using KalshiTrader.Trading.Logging;
using KalshiTrader.Trading.Orders;
using KalshiTrader.Trading.Portfolio;
using KalshiTrader.Trading.Strategy;
using KalshiTrader.Trading.Tests.Support;
using static KalshiTrader.Trading.Tests.Portfolio.PositionBookTests;

namespace KalshiTrader.Trading.Tests.Portfolio;

/// <summary>Cash, positions, P&amp;L, exposure and reserved collateral, with real order manager, books and catalog.</summary>
public sealed class PortfolioStateTests
{
    private static readonly MarketTicker A = "KXT-E-A";
    private static readonly MarketTicker B = "KXT-E-B";
    private static readonly MarketTicker C = "KXT-F-C";
    private static readonly EventTicker E = "KXT-E";
    private static readonly EventTicker F = "KXT-F";
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 14, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ManualClock _clock = new(T0);
    private readonly OrderBookSet _books = new();
    private readonly OrderManager _orders;
    private readonly PortfolioState _portfolio;

    public PortfolioStateTests()
    {
        _orders = new OrderManager(new ScriptedExchange(), new InMemoryOrderJournal(), new ClientOrderIdFactory("run1"), EngineMode.Paper, _clock, NullEngineLog.Instance);
        _portfolio = new PortfolioState(new MarketCatalog(Catalog()), _orders, _books, _clock, TimeZoneInfo.Utc);
        _portfolio.Reconcile([], new Balance(Money.FromCents(100_000), Money.FromCents(100_000), T0));
    }

    [Fact]
    public void FillsMoveCashPositionFeesAndRealizedPnlAndANettedPairReleasesItsDollar()
    {
        _portfolio.ApplyFill(Buy(Outcome.Yes, 10, cents: 40, feeCents: 17));
        Assert.Equal(Money.FromCents(100_000 - 417), _portfolio.Cash);
        Assert.Equal(Quantity.FromContracts(10), _portfolio.PositionOf(A));

        var realized = _portfolio.ApplyFill(Buy(Outcome.No, 10, cents: 55, feeCents: 17));

        Assert.Equal(Money.FromCents(33), realized); // 10 × 0.45 − 4.00 − 0.17
        Assert.Equal(Money.FromCents(100_000 - 417 + 450 - 17), _portfolio.Cash);
        Assert.Equal(Quantity.Zero, _portfolio.PositionOf(A));
        Assert.Equal(Money.FromCents(34), _portfolio.FeesPaid);
        Assert.Equal(Money.FromCents(16), _portfolio.RealizedPnlToday);
        Assert.Empty(_portfolio.Positions);
    }

    [Fact]
    public void UnrealizedPnlMarksEachPositionAtTheBestBidOfItsSideAndAtCostWithoutABook()
    {
        _portfolio.ApplyFill(Buy(Outcome.Yes, 10, cents: 40));
        _portfolio.ApplyFill(Buy(Outcome.No, 4, cents: 50, ticker: B));
        Assert.Equal(Money.Zero, _portfolio.UnrealizedPnl); // no books yet: held at cost

        Book(A, yesBid: 45, noBid: 50);
        Book(B, yesBid: 52, noBid: 46);

        // A: 10 × 0.45 − 4.00 = +0.50; B: 4 × 0.46 − 2.00 = −0.16.
        Assert.Equal(Money.FromCents(34), _portfolio.UnrealizedPnl);
        Assert.Equal(_portfolio.RealizedPnlToday + Money.FromCents(34), _portfolio.DailyPnl);
    }

    [Fact]
    public async Task ExposureAndGrossAreCountedPerEventWithOpenBuys()
    {
        _portfolio.ApplyFill(Buy(Outcome.Yes, 10, cents: 40));
        _portfolio.ApplyFill(Buy(Outcome.No, 5, cents: 60, ticker: C));
        await _orders.SubmitAsync("probe", OrderIntent.BuyYes(B, Price.FromCents(30), Quantity.FromContracts(10)), Quantity.Zero, Ct);

        Assert.Equal(Money.FromCents(400 + 300), _portfolio.ExposureOf(E));
        Assert.Equal(Quantity.FromContracts(20), _portfolio.EventGross(E));
        Assert.Equal(Money.FromCents(300), _portfolio.ExposureOf(F));
        Assert.Equal(Quantity.FromContracts(5), _portfolio.EventGross(F));
        Assert.Equal(Money.FromCents(400), _portfolio.CostOf(A));
    }

    [Fact]
    public async Task OrdersPlacedSinceTheLastBalanceAreReservedUntilTheNextReconciliationShowsThem()
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        var price = Price.FromCents(30);
        var count = Quantity.FromContracts(10);
        await _orders.SubmitAsync("probe", OrderIntent.BuyYes(B, price, count), Quantity.Zero, Ct);
        var reserved = price.Times(count) + FeeModel.ConservativeOrderFee(price, count, FeeSchedule.Standard);

        Assert.Equal(Money.FromCents(100_000) - reserved, _portfolio.AvailableCash);

        // The exchange reserved it too: the next balance shows it, and the engine must not take it off twice.
        _clock.Advance(TimeSpan.FromSeconds(1));
        _portfolio.Reconcile([], new Balance(Money.FromCents(100_000) - price.Times(count), Money.FromCents(100_000), _clock.GetUtcNow()));
        Assert.Equal(Money.FromCents(100_000) - price.Times(count), _portfolio.AvailableCash);
    }

    [Fact]
    public async Task AnOrderWithAnUnknownOutcomeStaysReservedAcrossReconciliations()
    {
        var exchange = new ScriptedExchange();
        exchange.FailNextCreate(new ExchangeError(ExchangeErrorKind.Timeout, "timed out", OutcomeUnknown: true));
        var orders = new OrderManager(exchange, new InMemoryOrderJournal(), new ClientOrderIdFactory("run2"), EngineMode.Paper, _clock, NullEngineLog.Instance);
        var portfolio = new PortfolioState(new MarketCatalog(Catalog()), orders, _books, _clock, TimeZoneInfo.Utc);
        await orders.SubmitAsync("probe", OrderIntent.BuyYes(A, Price.FromCents(30), Quantity.FromContracts(10)), Quantity.Zero, Ct);
        _clock.Advance(TimeSpan.FromSeconds(5));

        portfolio.Reconcile([], new Balance(Money.FromCents(100_000), Money.FromCents(100_000), _clock.GetUtcNow()));

        Assert.True(portfolio.AvailableCash < portfolio.Cash);
        Assert.True(portfolio.IsMarketBlocked(A, out _));
    }

    [Fact]
    public void ReconciliationTakesTheExchangesPositionsAndPausesMismatchedMarketsUntilALaterPassAgrees()
    {
        _portfolio.ApplyFill(Buy(Outcome.Yes, 10, cents: 40));
        var exchange = new MarketPosition { Ticker = A, Position = Quantity.FromContracts(7), MarketExposure = Money.FromCents(280) };

        var mismatches = _portfolio.Reconcile([exchange], new Balance(Money.FromCents(99_720), Money.FromCents(100_000), T0));

        var m = Assert.Single(mismatches);
        Assert.Equal((A, Quantity.FromContracts(10), Quantity.FromContracts(7)), (m.Ticker, m.Engine, m.Exchange));
        Assert.Equal(Quantity.FromContracts(7), _portfolio.PositionOf(A));
        Assert.Equal(Money.FromCents(99_720), _portfolio.Cash);
        Assert.True(_portfolio.IsMarketBlocked(A, out _));
        Assert.False(_portfolio.IsMarketBlocked(B, out _));

        Assert.Empty(_portfolio.Reconcile([exchange], new Balance(Money.FromCents(99_720), Money.FromCents(100_000), T0)));
        Assert.False(_portfolio.IsMarketBlocked(A, out _));
    }

    [Fact]
    public void RealizedPnlStartsAgainOnANewTradingDay()
    {
        _portfolio.ApplyFill(Buy(Outcome.Yes, 10, cents: 40, feeCents: 17));
        Assert.Equal(Money.FromCents(-17), _portfolio.RealizedPnlToday);

        _clock.Advance(TimeSpan.FromHours(10)); // past midnight UTC

        Assert.Equal(Money.Zero, _portfolio.RealizedPnlToday);
        Assert.Equal(Money.FromCents(17), _portfolio.FeesPaid);
    }

    private void Book(MarketTicker ticker, int yesBid, int noBid)
    {
        _books.GetOrAdd(ticker);
        var result = _books.Apply(new BookSnapshotEvent(ticker,
            [new PriceLevel(Price.FromCents(yesBid), Quantity.FromContracts(100))],
            [new PriceLevel(Price.FromCents(noBid), Quantity.FromContracts(100))], 1, 1) { ReceivedTime = _clock.GetUtcNow() });
        Assert.Equal(BookApplyResult.Applied, result);
    }

    private static CatalogSnapshot Catalog()
    {
        static Market M(MarketTicker t, EventTicker e) => new()
        {
            Ticker = t, EventTicker = e, Status = MarketStatus.Active, PriceLevelStructure = "linear_cent",
            CloseTime = T0.AddDays(1), OpenTime = T0.AddDays(-1),
        };

        return new CatalogSnapshot(
            [new Series { Ticker = "KXT", Title = "test series" }],
            [
                new Event { Ticker = E, SeriesTicker = "KXT", Title = "e", Markets = [M(A, E), M(B, E)] },
                new Event { Ticker = F, SeriesTicker = "KXT", Title = "f", Markets = [M(C, F)] },
            ],
            []);
    }
}
