using KalshiTrader.Core.Books;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Tests.Books;

public sealed class OrderBookTests
{
    private static PriceLevel L(string price, string size) => new(Price.Parse(price), Quantity.Parse(size));

    private static OrderBook Book(PriceLevel[] yes, PriceLevel[] no)
    {
        var book = new OrderBook(new MarketTicker("KXTEST-1"));
        book.ApplySnapshot(yes, no);
        return book;
    }

    [Fact]
    public void SnapshotSortsLevelsAscendingWithBestBidLast()
    {
        var book = Book([L("0.4200", "10.00"), L("0.0800", "300.00"), L("0.4100", "5.50")], []);

        Assert.Equal(["0.0800", "0.4100", "0.4200"], book.YesBids.ToArray().Select(l => l.Price.ToDollarString()));
        Assert.Equal(L("0.4200", "10.00"), book.BestYesBid);
        Assert.True(book.IsValid);
    }

    [Fact]
    public void SnapshotSkipsZeroSizedLevels()
    {
        var book = Book([L("0.4200", "0.00"), L("0.4100", "1.00")], [L("0.5000", "0.00")]);

        Assert.Single(book.YesBids.ToArray());
        Assert.Empty(book.NoBids.ToArray());
    }

    [Fact]
    public void SnapshotReplacesEverythingHeldBefore()
    {
        var book = Book([L("0.4200", "10.00")], [L("0.5000", "3.00")]);
        book.ApplySnapshot([L("0.3000", "1.00")], []);

        Assert.Equal([L("0.3000", "1.00")], book.YesBids.ToArray());
        Assert.Empty(book.NoBids.ToArray());
    }

    [Fact]
    public void YesAskIsOneMinusBestNoBid()
    {
        var book = Book([L("0.4200", "10.00")], [L("0.5500", "7.25"), L("0.5000", "3.00")]);

        Assert.Equal(L("0.4500", "7.25"), book.YesAsk);
        Assert.Equal(L("0.5800", "10.00"), book.NoAsk);
        Assert.Equal(300, book.SpreadTicks);
        Assert.Equal(0.435m, book.Mid);
    }

    [Fact]
    public void SubCentPricesDeriveExactAsks()
    {
        var book = Book([L("0.0770", "1.00")], [L("0.9120", "2.00")]);

        Assert.Equal("0.0880", book.YesAsk!.Value.Price.ToDollarString());
        Assert.Equal("0.9230", book.NoAsk!.Value.Price.ToDollarString());
    }

    [Fact]
    public void EmptySidesHaveNoAskNoBidNoSpreadAndNoMid()
    {
        var book = Book([], []);

        Assert.Null(book.BestYesBid);
        Assert.Null(book.YesAsk);
        Assert.Null(book.NoAsk);
        Assert.Null(book.SpreadTicks);
        Assert.Null(book.Mid);
        Assert.False(book.IsCrossed);
        Assert.Equal(0, book.AskDepth(Outcome.Yes));
        Assert.Equal(Quantity.Zero, book.WalkBuy(Outcome.Yes, Quantity.FromContracts(5)).Filled);
    }

    [Fact]
    public void OneEmptySideStillDerivesTheOtherAsk()
    {
        var book = Book([L("0.3000", "4.00")], []);

        Assert.Null(book.YesAsk);
        Assert.Equal(L("0.7000", "4.00"), book.NoAsk);
    }

    [Fact]
    public void PositiveDeltaAddsToALevelAndCreatesMissingOnes()
    {
        var book = Book([L("0.4200", "10.00")], []);

        Assert.True(book.ApplyDelta(Outcome.Yes, Price.Parse("0.4200"), Quantity.Parse("2.50")));
        Assert.True(book.ApplyDelta(Outcome.No, Price.Parse("0.5000"), Quantity.Parse("1.00")));

        Assert.Equal(Quantity.Parse("12.50"), book.SizeAt(Outcome.Yes, Price.Parse("0.4200")));
        Assert.Equal(L("0.5000", "1.00"), book.BestNoBid);
    }

    [Fact]
    public void DeltaToZeroRemovesTheLevel()
    {
        var book = Book([L("0.4200", "10.00"), L("0.4100", "1.00")], []);

        Assert.True(book.ApplyDelta(Outcome.Yes, Price.Parse("0.4200"), Quantity.Parse("-10.00")));

        Assert.Equal(L("0.4100", "1.00"), book.BestYesBid);
        Assert.Single(book.YesBids.ToArray());
    }

    [Fact]
    public void DeltaThatWouldGoNegativeInvalidatesTheBook()
    {
        var book = Book([L("0.4200", "10.00")], [L("0.5000", "1.00")]);

        Assert.False(book.ApplyDelta(Outcome.Yes, Price.Parse("0.4200"), Quantity.Parse("-10.01")));

        Assert.False(book.IsValid);
        Assert.Contains("negative", book.InvalidReason);
        Assert.Empty(book.YesBids.ToArray());
        Assert.Empty(book.NoBids.ToArray());
    }

    [Fact]
    public void NegativeDeltaAtAMissingLevelInvalidatesTheBook()
    {
        var book = Book([L("0.4200", "10.00")], []);

        Assert.False(book.ApplyDelta(Outcome.No, Price.Parse("0.3000"), Quantity.Parse("-1.00")));
        Assert.False(book.IsValid);
    }

    [Fact]
    public void SnapshotAfterInvalidationMakesTheBookValidAgain()
    {
        var book = Book([L("0.4200", "10.00")], []);
        book.Invalidate("sequence gap");
        Assert.Equal("sequence gap", book.InvalidReason);

        book.ApplySnapshot([L("0.4000", "1.00")], []);

        Assert.True(book.IsValid);
        Assert.Null(book.InvalidReason);
    }

    [Fact]
    public void VersionMovesOnEveryChange()
    {
        var book = Book([L("0.4200", "10.00")], []);
        var v = book.Version;
        book.ApplyDelta(Outcome.Yes, Price.Parse("0.4200"), Quantity.Parse("1.00"));
        Assert.True(book.Version > v);
    }

    [Fact]
    public void CachedBestTicksFollowEveryKindOfChange()
    {
        var book = new OrderBook(new MarketTicker("KXTEST-1"));
        Assert.Equal((-1, -1), (book.BestYesBidTicks, book.BestNoBidTicks));

        book.ApplySnapshot([L("0.4000", "1.00"), L("0.4200", "2.00")], [L("0.5500", "1.00")]);
        Assert.Equal((4200, 5500), (book.BestYesBidTicks, book.BestNoBidTicks));

        book.ApplyDelta(Outcome.Yes, Price.Parse("0.4300"), Quantity.Parse("1.00")); // a better bid
        Assert.Equal(4300, book.BestYesBidTicks);
        book.ApplyDelta(Outcome.Yes, Price.Parse("0.4300"), Quantity.Parse("-1.00")); // and gone again
        Assert.Equal(4200, book.BestYesBidTicks);
        book.SetLevel(Outcome.No, Price.Parse("0.5500"), Quantity.Zero); // the only NO level removed
        Assert.Equal(-1, book.BestNoBidTicks);
        book.SetLevel(Outcome.No, Price.Parse("0.5012"), Quantity.Parse("3.00"));
        Assert.Equal(5012, book.BestNoBidTicks);
        Assert.Equal(book.BestYesBid!.Value.Price.Ticks, book.BestYesBidTicks);

        Assert.False(book.ApplyDelta(Outcome.Yes, Price.Parse("0.4200"), Quantity.Parse("-5.00"))); // diverged: invalidated
        Assert.Equal((-1, -1), (book.BestYesBidTicks, book.BestNoBidTicks));
    }

    [Fact]
    public void CrossedBookIsDetected()
    {
        // YES bid 0.60 and NO bid 0.45 (YES ask 0.55): a bid above the ask.
        var crossed = Book([L("0.6000", "1.00")], [L("0.4500", "1.00")]);
        var locked = Book([L("0.5500", "1.00")], [L("0.4500", "1.00")]);
        var normal = Book([L("0.5400", "1.00")], [L("0.4500", "1.00")]);

        Assert.True(crossed.IsCrossed);
        Assert.True(locked.IsCrossed);
        Assert.False(normal.IsCrossed);
    }

    [Fact]
    public void WalkBuyYesTakesNoBidsBestFirstAtTheirComplement()
    {
        // NO bids 0.60 x 10 and 0.55 x 5 → YES asks 0.40 x 10 then 0.45 x 5.
        var book = Book([], [L("0.5500", "5.00"), L("0.6000", "10.00")]);

        var walk = book.WalkBuy(Outcome.Yes, Quantity.FromContracts(12));

        Assert.Equal(Quantity.FromContracts(12), walk.Filled);
        Assert.Equal(Money.Parse("4.90"), walk.Cost); // 10 × 0.40 + 2 × 0.45
        Assert.Equal(Price.Parse("0.4500"), walk.WorstPrice);
        Assert.Equal(4.9m / 12, walk.AveragePrice);
    }

    [Fact]
    public void WalkBuyNoTakesYesBidsAndStopsAtTheLimit()
    {
        // YES bids 0.30 x 3 and 0.20 x 8 → NO asks 0.70 x 3 then 0.80 x 8.
        var book = Book([L("0.2000", "8.00"), L("0.3000", "3.00")], []);

        var capped = book.WalkBuy(Outcome.No, Quantity.FromContracts(10), Price.Parse("0.7500"));
        var full = book.WalkBuy(Outcome.No, Quantity.FromContracts(20));

        Assert.Equal(Quantity.FromContracts(3), capped.Filled);
        Assert.Equal(Money.Parse("2.10"), capped.Cost);
        Assert.Equal(Quantity.FromContracts(11), full.Filled);
        Assert.Equal(Money.Parse("8.50"), full.Cost);
        Assert.Equal(Price.Parse("0.8000"), full.WorstPrice);
    }

    [Fact]
    public void WalkBuyHandlesFractionalContracts()
    {
        var book = Book([], [L("0.9230", "0.37")]);

        var walk = book.WalkBuy(Outcome.Yes, Quantity.Parse("1.00"));

        Assert.Equal(Quantity.Parse("0.37"), walk.Filled);
        Assert.Equal(Money.Parse("0.028490"), walk.Cost); // 0.37 × 0.0770
    }

    [Fact]
    public void AskAtListsTheOppositeBidsComplementedBestFirst()
    {
        var book = Book([], [L("0.5500", "5.00"), L("0.6000", "10.00")]);

        Assert.Equal(2, book.AskDepth(Outcome.Yes));
        Assert.Equal(L("0.4000", "10.00"), book.AskAt(Outcome.Yes, 0));
        Assert.Equal(L("0.4500", "5.00"), book.AskAt(Outcome.Yes, 1));
    }

    [Fact]
    public void ManyLevelsStaySortedThroughInsertsAndRemovals()
    {
        var book = Book([], []);
        var rng = new Random(7);
        var expected = new SortedDictionary<int, long>();
        for (var i = 0; i < 5_000; i++)
        {
            var ticks = rng.Next(1, 100) * 100;
            var delta = rng.Next(-3, 6) * 100L;
            var have = expected.GetValueOrDefault(ticks);
            if (have + delta < 0) delta = -have;
            Assert.True(book.ApplyDelta(Outcome.Yes, new Price(ticks), new Quantity(delta)));
            if (have + delta == 0) expected.Remove(ticks);
            else expected[ticks] = have + delta;
        }

        Assert.Equal(expected.Select(kv => (kv.Key, kv.Value)), book.YesBids.ToArray().Select(l => (l.Price.Ticks, l.Size.Hundredths)));
    }
}
