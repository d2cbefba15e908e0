using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Trading.Portfolio;

namespace KalshiTrader.Trading.Tests.Portfolio;

/// <summary>One market's position netted the way Kalshi nets YES against NO: a pair redeems for $1.</summary>
public sealed class PositionBookTests
{
    private static readonly MarketTicker A = "KXT-E-A";

    [Fact]
    public void BuyingTheOtherSideOfAHeldPositionRedeemsEachPairForADollar()
    {
        var book = new PositionBook(A);
        book.Apply(Buy(Outcome.Yes, 10, cents: 40));

        var (cash, realized) = book.Apply(Buy(Outcome.No, 10, cents: 55, feeCents: 2));

        // Paid $5.50 for 10 NO, got $10.00 back for 10 pairs: +$4.50, less the fee; the pairs cost $4.00 + $5.50.
        Assert.Equal(Money.FromCents(448), cash);
        Assert.Equal(Money.FromCents(48), realized);
        Assert.Equal(Quantity.Zero, book.Position);
        Assert.Equal(Money.Zero, book.Cost);
    }

    [Fact]
    public void ClosingMoreThanIsHeldOpensTheOtherSideAtItsOwnPrice()
    {
        var book = new PositionBook(A);
        book.Apply(Buy(Outcome.Yes, 5, cents: 40));

        var (cash, realized) = book.Apply(Buy(Outcome.No, 8, cents: 55));

        Assert.Equal(Money.FromCents(25), realized); // 5 × (1 − 0.55) − 5 × 0.40
        Assert.Equal(Quantity.FromContracts(-3), book.Position);
        Assert.Equal(Money.FromCents(165), book.Cost);
        Assert.Equal(Money.FromCents(60), cash); // +2.25 redeemed, −1.65 for the 3 NO kept
    }

    [Fact]
    public void APartialCloseTakesItsShareOfTheAverageCost()
    {
        var book = new PositionBook(A);
        book.Apply(Buy(Outcome.Yes, 6, cents: 38));
        book.Apply(Buy(Outcome.Yes, 4, cents: 43));

        var (_, realized) = book.Apply(Buy(Outcome.No, 4, cents: 50));

        Assert.Equal(Money.FromCents(40), realized); // 4 × 0.50 − 4/10 × 4.00
        Assert.Equal(Quantity.FromContracts(6), book.Position);
        Assert.Equal(Money.FromCents(240), book.Cost);
    }

    [Fact]
    public void FeesAreChargedToCashAndRealizedOnOpeningToo()
    {
        var book = new PositionBook(A);

        var (cash, realized) = book.Apply(Buy(Outcome.Yes, 10, cents: 40, feeCents: 17));

        Assert.Equal(Money.FromCents(-417), cash);
        Assert.Equal(Money.FromCents(-17), realized);
        Assert.Equal(Money.FromCents(400), book.Cost);
        Assert.Equal(Money.FromCents(17), book.Fees);
    }

    [Fact]
    public void APositionIsMarkedAtTheBestBidOfTheSideHeldOrNotAtAllWithoutOne()
    {
        var book = new PositionBook(A);
        book.Apply(Buy(Outcome.No, 6, cents: 55));

        Assert.Equal(Money.FromCents(6 * 52), book.MarkValue(Price.FromCents(52)));
        Assert.Null(book.MarkValue(null));
        Assert.Equal(Money.Zero, new PositionBook(A).MarkValue(null));
    }

    internal static Fill Buy(Outcome outcome, long contracts, int cents, int feeCents = 0, MarketTicker? ticker = null, string? tradeId = null) => new()
    {
        TradeId = new TradeId(tradeId ?? Guid.NewGuid().ToString("N")),
        OrderId = new OrderId("o-1"),
        Ticker = ticker ?? A,
        Side = outcome.ToBuy(),
        YesPrice = outcome == Outcome.Yes ? Price.FromCents(cents) : Price.FromCents(cents).Complement,
        Count = Quantity.FromContracts(contracts),
        Fee = Money.FromCents(feeCents),
    };
}
