using System.Text.Json;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing;
using KalshiTrader.Strategies.Mispricing.Execution;
using KalshiTrader.Strategies.Tests.Mispricing.Execution.Support;
using KalshiTrader.Strategies.Tests.Support;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Strategies.Tests.Mispricing.Execution;

/// <summary>The strategy end to end against a fake engine whose IOC matcher takes liquidity from the books.</summary>
public sealed class MispricingStrategyTests
{
    private const string Low = "KXHIGH-27JAN01-T50";
    private const string High = "KXHIGH-27JAN01-T60";
    private static readonly string[] Set = ["KXWIN-27-A", "KXWIN-27-B", "KXWIN-27-C"];
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static Event Ladder() => SyntheticMarkets.Event("KXHIGH-27JAN01", false,
        SyntheticMarkets.Threshold(Low, "KXHIGH-27JAN01", StrikeType.Greater, 50),
        SyntheticMarkets.Threshold(High, "KXHIGH-27JAN01", StrikeType.Greater, 60));

    private static Event Exclusive() => SyntheticMarkets.Event("KXWIN-27", true,
        Set.Select(t => SyntheticMarkets.Custom(t, "KXWIN-27", $"If candidate {t[^1]} wins the 2027 race, then the market resolves to Yes.")).ToArray());

    private async Task<(MispricingStrategy Strategy, FakeStrategyContext Ctx)> StartAsync(Event e, MispricingSettings? settings = null)
    {
        var ctx = new FakeStrategyContext([e], Start);
        var strategy = new MispricingStrategy(settings ?? new MispricingSettings(), ctx.Time);
        await strategy.StartAsync(ctx, _ct);
        return (strategy, ctx);
    }

    private async Task QuoteAsync(MispricingStrategy s, FakeStrategyContext ctx, string ticker, string bid, string ask, long depth = 100, long? bidDepth = null)
    {
        SyntheticMarkets.SetBook(ctx.Books, ticker, [(bid, bidDepth ?? depth)], [(ask, depth)]);
        await s.OnBookChangedAsync(ticker, ctx, _ct);
    }

    private async Task TickUntilDoneAsync(MispricingStrategy s, FakeStrategyContext ctx)
    {
        for (var i = 0; i < 30 && s.TradesInFlight > 0; i++)
        {
            ctx.Time.Now += TimeSpan.FromSeconds(1);
            await s.OnTimerAsync(ctx, _ct);
        }

        Assert.Equal(0, s.TradesInFlight);
    }

    private static JsonElement Detail(StrategyEvaluation e) => JsonDocument.Parse(e.DetailJson!).RootElement;

    private static string Status(StrategyEvaluation e) => Detail(e).GetProperty("status").GetString()!;

    private static Quantity Contracts(long n) => Quantity.FromContracts(n);

    [Fact]
    public async Task ASubsetViolationIsTradedInBothLegsAndEndsHedged()
    {
        var (s, ctx) = await StartAsync(Ladder());
        Assert.Contains(Low, ctx.Followed);
        Assert.Contains(High, ctx.Followed);

        // YES(>60) implies YES(>50), yet >60 bids 0.55 while >50 asks 0.45: buy YES >50 and NO >60.
        await QuoteAsync(s, ctx, Low, "0.40", "0.45");
        await QuoteAsync(s, ctx, High, "0.55", "0.60");

        Assert.Equal(2, ctx.Submitted.Count);
        Assert.All(ctx.Submitted, o => Assert.Equal(TimeInForce.ImmediateOrCancel, o.TimeInForce));
        Assert.Equal(Contracts(25), ctx.PositionOf(Low));
        Assert.Equal(-Contracts(25), ctx.PositionOf(High));
        Assert.Equal(0, s.TradesInFlight);

        var statuses = ctx.Evaluations.Select(Status).ToList();
        Assert.Equal(["validated", "executing", "filled"], statuses);
        var final = Detail(ctx.Evaluations[^1]);
        Assert.True(final.GetProperty("riskless").GetBoolean());
        Assert.Equal("threshold_ladder", final.GetProperty("relationship_kind").GetString());
        Assert.Equal([Low, High], final.GetProperty("tickers").EnumerateArray().Select(x => x.GetString()!).Order().ToArray());
        Assert.Equal(2, final.GetProperty("trade").GetProperty("steps").GetArrayLength());
        Assert.True(ctx.Evaluations[^1].Traded);
    }

    [Fact]
    public async Task AfterATradeTheRelationshipIsNotReenteredUntilEveryTradedLegsBookHasUpdated()
    {
        var (s, ctx) = await StartAsync(Ladder());
        await QuoteAsync(s, ctx, Low, "0.40", "0.45");
        await QuoteAsync(s, ctx, High, "0.55", "0.60");
        Assert.Equal(2, ctx.Submitted.Count);

        // Past the cooldown, a re-check on books that have not moved since our fills must not trade again: the feed
        // may simply not have shown what we took yet.
        ctx.Time.Now += new MispricingSettings().Cooldown + TimeSpan.FromSeconds(1);
        await s.OnBookChangedAsync(Low, ctx, _ct);
        Assert.Equal(2, ctx.Submitted.Count);
        Assert.Contains("waiting for a book update", ctx.Evaluations[^1].Decision);

        // One leg updated is not enough; once both have, the violation (still there) is traded again.
        await QuoteAsync(s, ctx, High, "0.55", "0.60");
        Assert.Equal(2, ctx.Submitted.Count);
        await QuoteAsync(s, ctx, Low, "0.40", "0.45");
        Assert.Equal(4, ctx.Submitted.Count);
    }

    [Fact]
    public async Task TheLessLiquidLegGoesFirstAndTheSecondLegIsSizedToItsFill()
    {
        var (s, ctx) = await StartAsync(Ladder());
        ctx.FillCaps[High] = new Queue<Quantity>([Contracts(4)]);
        await QuoteAsync(s, ctx, Low, "0.40", "0.45");
        await QuoteAsync(s, ctx, High, "0.55", "0.60", bidDepth: 10);

        Assert.Equal(2, ctx.Submitted.Count);
        Assert.Equal(High, ctx.Submitted[0].Ticker.Value);
        Assert.Equal(Outcome.No, ctx.Submitted[0].Buy);
        Assert.Equal(Contracts(10), ctx.Submitted[0].Count);
        Assert.Equal(Low, ctx.Submitted[1].Ticker.Value);
        Assert.Equal(Contracts(4), ctx.Submitted[1].Count);
        Assert.Equal(Contracts(4), ctx.PositionOf(Low));
        Assert.Equal(-Contracts(4), ctx.PositionOf(High));
        Assert.Equal("filled", Status(ctx.Evaluations[^1]));
    }

    [Fact]
    public async Task ASecondLegThatMissesIsRetriedWithinTheEdgeAndCompletes()
    {
        var (s, ctx) = await StartAsync(Ladder());
        ctx.FillCaps[Low] = new Queue<Quantity>([Quantity.Zero]);
        await QuoteAsync(s, ctx, Low, "0.40", "0.45");
        await QuoteAsync(s, ctx, High, "0.55", "0.60", bidDepth: 50); // thinner: goes first
        Assert.Equal(1, s.TradesInFlight);

        await TickUntilDoneAsync(s, ctx);
        Assert.Equal(3, ctx.Submitted.Count);
        Assert.All(ctx.Submitted.Where(o => o.Ticker.Value == Low), o => Assert.True(o.LimitPrice <= Price.Parse("0.49")));
        Assert.Equal(Contracts(25), ctx.PositionOf(Low));
        Assert.Equal(-Contracts(25), ctx.PositionOf(High));
        Assert.Equal("filled", Status(ctx.Evaluations[^1]));
    }

    [Fact]
    public async Task ASecondLegThatCannotFillIsFlattenedWithinTheLossCap()
    {
        var settings = new MispricingSettings { MaxRetries = 1, LossCap = Money.FromCents(300) };
        var (s, ctx) = await StartAsync(Ladder(), settings);
        ctx.FillCaps[Low] = new Queue<Quantity>(Enumerable.Repeat(Quantity.Zero, 20));
        await QuoteAsync(s, ctx, Low, "0.40", "0.45");
        await QuoteAsync(s, ctx, High, "0.55", "0.60", bidDepth: 50);
        await TickUntilDoneAsync(s, ctx);

        Assert.Equal(Quantity.Zero, ctx.PositionOf(Low));
        Assert.Equal(Quantity.Zero, ctx.PositionOf(High));
        var exit = ctx.Submitted[^1];
        Assert.Equal(High, exit.Ticker.Value);
        Assert.Equal(Outcome.Yes, exit.Buy);
        Assert.True(exit.ReduceOnly);
        var final = Detail(ctx.Evaluations[^1]);
        Assert.Equal("failed", final.GetProperty("status").GetString());
        // Loss = what went out (both buys and fees) minus the $1 each sold-back pair returns, within the cap.
        var spent = Money.Parse(final.GetProperty("trade").GetProperty("spent").GetString()!);
        Assert.True(spent - Money.FromDollars(25) <= settings.LossCap, $"spent {spent}");
    }

    [Fact]
    public async Task AFlattenThatWouldBreakTheLossCapIsNotSentAndTheResidualIsReportedAsFailed()
    {
        // Selling 25 NO back at a 0.60 YES ask loses about $2.11 with fees: over the default $2.00 cap.
        var (s, ctx) = await StartAsync(Ladder(), new MispricingSettings { MaxRetries = 1 });
        ctx.FillCaps[Low] = new Queue<Quantity>(Enumerable.Repeat(Quantity.Zero, 20));
        await QuoteAsync(s, ctx, Low, "0.40", "0.45");
        await QuoteAsync(s, ctx, High, "0.55", "0.60", bidDepth: 50);
        await TickUntilDoneAsync(s, ctx);

        Assert.DoesNotContain(ctx.Submitted, o => o.ReduceOnly);
        Assert.Equal(-Contracts(25), ctx.PositionOf(High));
        var final = Detail(ctx.Evaluations[^1]);
        Assert.Equal("failed", final.GetProperty("status").GetString());
        Assert.Contains("left to settle", final.GetProperty("trade").GetProperty("outcome").GetString());
        Assert.Contains(ctx.LogLines, l => l.StartsWith("warn", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnExclusiveSetBuyAllNoIsSentAsAnIocBasketAndTheImbalanceIsRepaired()
    {
        var (s, ctx) = await StartAsync(Exclusive());
        ctx.FillCaps[Set[1]] = new Queue<Quantity>([Contracts(10)]);
        await QuoteAsync(s, ctx, Set[0], "0.40", "0.45");
        await QuoteAsync(s, ctx, Set[1], "0.40", "0.45");
        await QuoteAsync(s, ctx, Set[2], "0.35", "0.40");
        await TickUntilDoneAsync(s, ctx);

        Assert.Equal(4, ctx.Submitted.Count);
        Assert.All(ctx.Submitted, o => Assert.Equal(Outcome.No, o.Buy));
        Assert.Equal(Set[1], ctx.Submitted[3].Ticker.Value);
        Assert.Equal(Contracts(15), ctx.Submitted[3].Count);
        Assert.All(Set, t => Assert.Equal(-Contracts(25), ctx.PositionOf(t)));
        var final = Detail(ctx.Evaluations[^1]);
        Assert.Equal("filled", final.GetProperty("status").GetString());
        Assert.Equal("exclusive_set", final.GetProperty("relationship_kind").GetString());
        Assert.True(final.GetProperty("riskless").GetBoolean());

        // One order group for the basket, sized to every leg's target plus a contract; every buy carries it; deleted at the end.
        var (group, limit) = Assert.Single(ctx.Groups);
        Assert.Equal(Contracts(3 * 25 + 1), limit);
        Assert.All(ctx.Submitted, o => Assert.Equal(group, o.OrderGroupId));
        Assert.Equal([group], ctx.DeletedGroups);
    }

    [Fact]
    public async Task ABasketIsNotSentWithoutAnOrderGroupToCapIt()
    {
        var (s, ctx) = await StartAsync(Exclusive());
        ctx.RefuseGroups = true;
        await QuoteAsync(s, ctx, Set[0], "0.40", "0.45");
        await QuoteAsync(s, ctx, Set[1], "0.40", "0.45");
        await QuoteAsync(s, ctx, Set[2], "0.35", "0.40");
        await TickUntilDoneAsync(s, ctx);

        Assert.Empty(ctx.Submitted);
        var final = Detail(ctx.Evaluations[^1]);
        Assert.Equal("failed", final.GetProperty("status").GetString());
        Assert.Contains("order group", final.GetProperty("trade").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task UnwindsOfABasketDoNotJoinItsOrderGroup()
    {
        var (s, ctx) = await StartAsync(Exclusive(), new MispricingSettings { MaxRetries = 0, LossCap = Money.FromCents(500) });
        ctx.FillCaps[Set[1]] = new Queue<Quantity>([Contracts(10), .. Enumerable.Repeat(Quantity.Zero, 20)]);
        await QuoteAsync(s, ctx, Set[0], "0.40", "0.45");
        await QuoteAsync(s, ctx, Set[1], "0.40", "0.45");
        await QuoteAsync(s, ctx, Set[2], "0.35", "0.40");
        await TickUntilDoneAsync(s, ctx);

        var (group, _) = Assert.Single(ctx.Groups);
        Assert.All(ctx.Submitted.Where(o => o.ReduceOnly), o => Assert.Null(o.OrderGroupId));
        Assert.All(ctx.Submitted.Where(o => !o.ReduceOnly), o => Assert.Equal(group, o.OrderGroupId));
    }

    [Fact]
    public async Task ABasketThatCannotBeRepairedUnwindsTheSurplus()
    {
        var (s, ctx) = await StartAsync(Exclusive(), new MispricingSettings { MaxRetries = 0, LossCap = Money.FromCents(500) });
        ctx.FillCaps[Set[1]] = new Queue<Quantity>([Contracts(10), .. Enumerable.Repeat(Quantity.Zero, 20)]);
        await QuoteAsync(s, ctx, Set[0], "0.40", "0.45");
        await QuoteAsync(s, ctx, Set[1], "0.40", "0.45");
        await QuoteAsync(s, ctx, Set[2], "0.35", "0.40");
        await TickUntilDoneAsync(s, ctx);

        Assert.All(Set, t => Assert.Equal(-Contracts(10), ctx.PositionOf(t)));
        Assert.Equal(2, ctx.Submitted.Count(o => o.ReduceOnly && o.Buy == Outcome.Yes));
        var final = Detail(ctx.Evaluations[^1]);
        Assert.Equal("filled", final.GetProperty("status").GetString());
        Assert.Contains("unwound", final.GetProperty("trade").GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task ANonExhaustiveBuyAllYesIsRecordedButNeverTraded()
    {
        var (s, ctx) = await StartAsync(Exclusive());
        // Σ YES asks 0.90 < 1, but nothing says one of the three must win: a bet, not an arbitrage.
        foreach (var t in Set) await QuoteAsync(s, ctx, t, "0.20", "0.30");
        await TickUntilDoneAsync(s, ctx);

        Assert.Empty(ctx.Submitted);
        var seen = ctx.Evaluations.Where(e => e.Kind == "exclusive_buy_all_yes").ToList();
        Assert.NotEmpty(seen);
        Assert.All(seen, e =>
        {
            Assert.False(e.Traded);
            Assert.False(Detail(e).GetProperty("riskless").GetBoolean());
        });
    }

    [Fact]
    public async Task AStaleBookIsNeverTradedOn()
    {
        var (s, ctx) = await StartAsync(Ladder());
        await QuoteAsync(s, ctx, High, "0.55", "0.60");
        ctx.States[High] = BookState.Stale; // went quiet without a callback
        await QuoteAsync(s, ctx, Low, "0.40", "0.45");
        Assert.Empty(ctx.Submitted);
        Assert.Contains(ctx.Evaluations, e => !e.Traded && e.Decision!.Contains("stale", StringComparison.Ordinal));

        // The changed book itself stale: nothing is detected on it at all.
        ctx.States[Low] = BookState.Stale;
        ctx.States.Remove(High);
        await QuoteAsync(s, ctx, Low, "0.40", "0.44");
        Assert.Empty(ctx.Submitted);
    }

    [Fact]
    public async Task EveryEvaluationCarriesStatusRisklessKindAndTickers()
    {
        var (s, ctx) = await StartAsync(Exclusive());
        foreach (var t in Set) await QuoteAsync(s, ctx, t, "0.20", "0.30");
        await QuoteAsync(s, ctx, Set[0], "0.45", "0.50");
        await QuoteAsync(s, ctx, Set[1], "0.45", "0.50");
        await QuoteAsync(s, ctx, Set[2], "0.30", "0.35");
        await TickUntilDoneAsync(s, ctx);

        Assert.NotEmpty(ctx.Evaluations);
        foreach (var e in ctx.Evaluations)
        {
            var d = Detail(e);
            Assert.Contains(d.GetProperty("status").GetString(), new[] { "detected", "validated", "executing", "filled", "expired", "failed" });
            Assert.True(d.GetProperty("riskless").ValueKind is JsonValueKind.True or JsonValueKind.False);
            Assert.Equal("exclusive_set", d.GetProperty("relationship_kind").GetString());
            Assert.Equal(e.Markets.Select(m => m.Value), d.GetProperty("tickers").EnumerateArray().Select(x => x.GetString()!));
        }
    }
}
