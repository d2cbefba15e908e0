using KalshiTrader.Core.Books;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Tests.Books;

public sealed class OrderBookSetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly MarketTicker A = new("KXA-1");
    private static readonly MarketTicker B = new("KXB-1");

    private static BookSnapshotEvent Snapshot(MarketTicker t, DateTimeOffset at, long seq = 1) =>
        new(t, [new PriceLevel(Price.Parse("0.4000"), Quantity.Parse("10.00"))], [new PriceLevel(Price.Parse("0.5000"), Quantity.Parse("5.00"))], 1, seq)
        {
            ReceivedTime = at,
        };

    private static BookDeltaEvent Delta(MarketTicker t, string delta, DateTimeOffset at, long seq) =>
        new(t, Outcome.Yes, Price.Parse("0.4000"), Quantity.Parse(delta), 1, seq, at) { ReceivedTime = at };

    [Fact]
    public void SnapshotThenDeltaAppliesAndTracksSequenceAndTimes()
    {
        var set = new OrderBookSet();

        Assert.Equal(BookApplyResult.Applied, set.Apply(Snapshot(A, T0)));
        Assert.Equal(BookApplyResult.Applied, set.Apply(Delta(A, "2.00", T0.AddSeconds(1), 2)));

        Assert.True(set.TryGet(A, out var book));
        Assert.Equal(Quantity.Parse("12.00"), book.SizeAt(Outcome.Yes, Price.Parse("0.4000")));
        Assert.Equal(2, book.Sequence);
        Assert.Equal(T0.AddSeconds(1), book.LastReceiveTime);
        Assert.Equal(T0.AddSeconds(1), book.LastExchangeTime);
    }

    [Fact]
    public void DeltaBeforeAnySnapshotIsIgnored()
    {
        var set = new OrderBookSet();

        Assert.Equal(BookApplyResult.IgnoredAwaitingSnapshot, set.Apply(Delta(A, "1.00", T0, 1)));
        Assert.False(set.IsTradeable(A, T0, TimeSpan.FromSeconds(10), out var reason));
        Assert.Contains("invalid", reason);
    }

    [Fact]
    public void CorruptDeltaInvalidatesOnlyThatBook()
    {
        var set = new OrderBookSet();
        set.Apply(Snapshot(A, T0));
        set.Apply(Snapshot(B, T0));

        Assert.Equal(BookApplyResult.Corrupt, set.Apply(Delta(A, "-99.00", T0, 2)));

        Assert.False(set.IsTradeable(A, T0, TimeSpan.FromSeconds(10), out _));
        Assert.True(set.IsTradeable(B, T0, TimeSpan.FromSeconds(10), out _));
    }

    [Fact]
    public void InvalidationDropsBooksUntilTheNextSnapshot()
    {
        var set = new OrderBookSet();
        set.Apply(Snapshot(A, T0));

        Assert.Equal(BookApplyResult.Invalidated, set.Apply(new BooksInvalidatedEvent([A], "sequence gap")));
        Assert.Equal(BookApplyResult.IgnoredAwaitingSnapshot, set.Apply(Delta(A, "1.00", T0, 3)));
        Assert.False(set.IsTradeable(A, T0, TimeSpan.FromSeconds(10), out var reason));
        Assert.Contains("sequence gap", reason);

        set.Apply(Snapshot(A, T0.AddSeconds(1), 4));
        Assert.True(set.IsTradeable(A, T0.AddSeconds(1), TimeSpan.FromSeconds(10), out _));
    }

    [Fact]
    public void ABookWithNoUpdateForLongerThanTheMaxAgeIsStale()
    {
        var set = new OrderBookSet();
        set.Apply(Snapshot(A, T0));
        var maxAge = TimeSpan.FromSeconds(30);

        Assert.True(set.IsTradeable(A, T0.AddSeconds(30), maxAge, out _));
        Assert.False(set.IsTradeable(A, T0.AddSeconds(31), maxAge, out var reason));
        Assert.Contains("stale", reason);
    }

    [Fact]
    public void TouchKeepsValidBooksFreshButNeverRevivesInvalidOnes()
    {
        var set = new OrderBookSet();
        set.Apply(Snapshot(A, T0));
        set.Apply(Snapshot(B, T0));
        set.Apply(new BooksInvalidatedEvent([B], "reconnect"));

        set.Touch([A, B], T0.AddMinutes(5));

        Assert.True(set.IsTradeable(A, T0.AddMinutes(5), TimeSpan.FromSeconds(10), out _));
        Assert.False(set.IsTradeable(B, T0.AddMinutes(5), TimeSpan.FromSeconds(10), out _));
    }

    [Fact]
    public void UnknownMarketIsNotTradeable()
    {
        var set = new OrderBookSet();
        Assert.False(set.IsTradeable(A, T0, TimeSpan.FromSeconds(10), out var reason));
        Assert.Contains("no book", reason);
    }

    [Fact]
    public void NonBookEventsAreLeftAlone()
    {
        var set = new OrderBookSet();
        Assert.Equal(BookApplyResult.NotABookEvent, set.Apply(new ConnectionEvent(true, "connected")));
        Assert.Equal(0, set.Count);
    }
}
