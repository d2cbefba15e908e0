using System.Text.Json;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Strategies.Mispricing;
using KalshiTrader.Strategies.Mispricing.Execution;
using KalshiTrader.Strategies.Tests.Mispricing.Execution.Support;
using KalshiTrader.Strategies.Tests.Support;

namespace KalshiTrader.Strategies.Tests.Mispricing.Execution;

/// <summary>
/// Partial fills end to end: the mispricing strategy in the real trading engine (paper mode) against the real local
/// exchange over REST and WebSocket. A violation is put up while the engine runs; the exchange's "partial fills" fault
/// (armed through its admin API) or another trader taking the liquidity between our legs makes legs come up short.
/// Each trade must end as the stated policy says — hedged (the missing contracts retried within the edge) or flattened
/// within the loss cap — and the exchange must show exactly that: equal legs or no position, and nothing resting.
/// </summary>
public sealed class PartialFillEndToEndTests
{
    private const string Low = "KXHIGH-27JAN01-T50";
    private const string High = "KXHIGH-27JAN01-T60";
    private static readonly string[] Set = ["KXWIN-27-A", "KXWIN-27-B", "KXWIN-27-C"];
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    private static readonly MispricingSettings Settings = new()
    {
        MaxSize = Quantity.FromContracts(10),
        MaxRetries = 2,
        LegTimeout = TimeSpan.FromSeconds(1),
        FlattenTimeout = TimeSpan.FromSeconds(5),
        LossCap = Money.FromCents(500),
        Cooldown = TimeSpan.FromMinutes(10), // one trade per test: the violation may outlive it
        RevalidateInterval = TimeSpan.Zero,
    };

    private static Event Ladder() => SyntheticMarkets.Event("KXHIGH-27JAN01", false,
        SyntheticMarkets.Threshold(Low, "KXHIGH-27JAN01", StrikeType.Greater, 50),
        SyntheticMarkets.Threshold(High, "KXHIGH-27JAN01", StrikeType.Greater, 60));

    private static Event Exclusive() => SyntheticMarkets.Event("KXWIN-27", true,
        Set.Select(t => SyntheticMarkets.Custom(t, "KXWIN-27", $"If candidate {t[^1]} wins the 2027 race, then the market resolves to Yes.")).ToArray());

    // Fair quotes, then >60 bid 0.55 above >50's ask 0.45 while the engine runs: buy YES >50 and NO >60.
    private static async Task<LocalVenue> LadderVenueAsync()
    {
        var venue = await LocalVenue.StartAsync(Ladder());
        venue.Quote(Low, "0.40", "0.45", 100);
        venue.Quote(High, "0.30", "0.60", 100);
        await venue.StartEngineAsync(new MispricingStrategy(Settings, TimeProvider.System));
        return venue;
    }

    private static void InjectLadderViolation(LocalVenue venue)
    {
        lock (venue.Engine.SyncRoot) venue.Engine.Submit(venue.Liquidity, OrderRequest.Buy(High, Outcome.Yes, Price.Parse("0.55"), Quantity.FromContracts(100))).Unwrap();
    }

    // Fair quotes (Σ YES bid 0.90), then YES bids 0.40 / 0.40 / 0.35 (Σ 1.15): buy NO on every member.
    private static async Task<LocalVenue> BasketVenueAsync()
    {
        var venue = await LocalVenue.StartAsync(Exclusive());
        foreach (var t in Set) venue.Quote(t, "0.30", t == Set[2] ? "0.40" : "0.45", 100);
        await venue.StartEngineAsync(new MispricingStrategy(Settings, TimeProvider.System));
        return venue;
    }

    private static void InjectBasketViolation(LocalVenue venue)
    {
        lock (venue.Engine.SyncRoot)
        {
            foreach (var (t, bid) in new[] { (Set[0], "0.40"), (Set[1], "0.40"), (Set[2], "0.35") })
            {
                venue.Engine.Submit(venue.Liquidity, OrderRequest.Buy(t, Outcome.Yes, Price.Parse(bid), Quantity.FromContracts(100))).Unwrap();
            }
        }
    }

    private static List<JsonElement> Steps(JsonElement detail) => detail.GetProperty("trade").GetProperty("steps").EnumerateArray().ToList();

    private static Quantity Q(JsonElement e, string name) => Quantity.Parse(e.GetProperty(name).GetString()!, name);

    // What the trade cost us net of the $1 every YES+NO pair on one market redeems for (all fills are ours).
    private static Money NetLoss(IReadOnlyList<Fill> fills)
    {
        var loss = fills.Aggregate(Money.Zero, (m, f) => m + f.OutcomePrice.Times(f.Count) + f.Fee);
        foreach (var market in fills.GroupBy(f => f.Ticker))
        {
            var yes = market.Where(f => f.Bought == Outcome.Yes).Sum(f => f.Count.Hundredths);
            var no = market.Where(f => f.Bought == Outcome.No).Sum(f => f.Count.Hundredths);
            loss -= Price.One.Times(Quantity.FromHundredths(Math.Min(yes, no)));
        }

        return loss;
    }

    [Fact]
    public async Task ATwoLegTradeWhoseLegsFillOnlyPartlyRetriesTheSecondLegAndEndsHedged()
    {
        await using var venue = await LadderVenueAsync();
        await venue.ArmPartialFillsAsync(2, _ct); // the first leg and the second leg's first try each fill at most half
        InjectLadderViolation(venue);

        var (evaluation, status, detail) = await venue.TradeOutcomeAsync(_ct);
        await venue.StopEngineAsync();

        Assert.True(status == "filled", evaluation.Decision);
        var steps = Steps(detail);
        Assert.Contains(steps, s => s.GetProperty("action").GetString() == "second leg (filled quantity)" && Q(s, "filled") < Q(s, "count") && Q(s, "filled").IsPositive);
        Assert.Contains(steps, s => s.GetProperty("action").GetString() == "repair" && Q(s, "filled").IsPositive);

        // Hedged at the exchange: as many YES >50 as NO >60 (fewer than planned: the first leg filled half), nothing resting.
        var positions = venue.Positions();
        Assert.Equal(2, positions.Count);
        Assert.True(positions[Low].IsPositive, $"YES >50 {positions[Low]}");
        Assert.Equal(positions[Low], -positions[High]);
        Assert.True(positions[Low] < Settings.MaxSize, $"held {positions[Low]} although the first leg should have filled only half");
        Assert.Empty(venue.RestingOrders());
    }

    [Fact]
    public async Task ATwoLegTradeWhoseSecondLegCannotFillFlattensTheFirstLegWithinTheLossCap()
    {
        await using var venue = await LadderVenueAsync();
        var raced = false;
        venue.Exchange.AfterCreate = (request, answer) =>
        {
            // Someone else takes everything the second leg needed right after our first leg filled.
            if (raced || !answer.IsOk || !answer.Value!.FillCount.IsPositive) return;
            raced = true;
            if (request.Ticker.Value == Low) venue.TakeAllOffered(High, Outcome.No);
            else venue.TakeAllOffered(Low, Outcome.Yes);
        };
        InjectLadderViolation(venue);

        var (evaluation, status, detail) = await venue.TradeOutcomeAsync(_ct);
        await venue.StopEngineAsync();

        Assert.True(raced, "the first leg never filled");
        Assert.True(status == "failed", evaluation.Decision);
        Assert.Contains("every leg flattened within the loss cap", evaluation.Decision);
        Assert.Contains(Steps(detail), s => s.GetProperty("action").GetString() == "unwind (flatten)" && Q(s, "filled").IsPositive);

        Assert.Empty(venue.Positions()); // flat at the exchange
        Assert.Empty(venue.RestingOrders());
        var loss = NetLoss(venue.Fills());
        Assert.True(loss.IsPositive && loss <= Settings.LossCap, $"loss {loss.ToDollarString()} vs cap {Settings.LossCap.ToDollarString()}");
    }

    [Fact]
    public async Task ABasketWithAShortLegIsRepairedToEqualLegs()
    {
        await using var venue = await BasketVenueAsync();
        await venue.ArmPartialFillsAsync(1, _ct); // the first basket leg fills half
        InjectBasketViolation(venue);

        var (evaluation, status, detail) = await venue.TradeOutcomeAsync(_ct);
        await venue.StopEngineAsync();

        Assert.True(status == "filled", evaluation.Decision);
        var steps = Steps(detail);
        Assert.Contains(steps, s => s.GetProperty("action").GetString() == "basket leg" && Q(s, "filled") < Q(s, "count") && Q(s, "filled").IsPositive);
        Assert.Contains(steps, s => s.GetProperty("action").GetString() == "repair" && Q(s, "filled").IsPositive);

        var positions = venue.Positions();
        Assert.Equal(Set.Order(), positions.Keys.Order());
        Assert.All(Set, t => Assert.Equal(-Settings.MaxSize, positions[t])); // NO on every member, all equal
        Assert.Empty(venue.RestingOrders());
    }

    [Fact]
    public async Task ABasketWhoseMissingLegCannotBeBoughtIsUnwoundToFlat()
    {
        await using var venue = await BasketVenueAsync();
        string? gone = null;
        venue.Exchange.AfterCreate = (request, answer) =>
        {
            // After the first basket leg, someone else takes every NO offered on another member.
            if (gone is not null || !answer.IsOk || !answer.Value!.FillCount.IsPositive) return;
            gone = Set.Last(t => t != request.Ticker.Value);
            venue.TakeAllOffered(gone, Outcome.No);
        };
        InjectBasketViolation(venue);

        var (evaluation, status, detail) = await venue.TradeOutcomeAsync(_ct);
        await venue.StopEngineAsync();

        Assert.NotNull(gone);
        Assert.True(status == "failed", evaluation.Decision);
        var steps = Steps(detail);
        // The missing leg was tried again (or skipped once the book showed nothing to buy) and never filled.
        Assert.Contains(steps, s => s.GetProperty("action").GetString() is "repair" or "repair skipped" && s.GetProperty("ticker").GetString() == gone);
        Assert.All(steps.Where(s => s.GetProperty("ticker").GetString() == gone), s => Assert.Equal(Quantity.Zero, Q(s, "filled")));
        Assert.Equal(2, steps.Where(s => s.GetProperty("action").GetString() == "unwind (flatten)" && Q(s, "filled").IsPositive)
            .Select(s => s.GetProperty("ticker").GetString()).Distinct().Count());

        Assert.Empty(venue.Positions());
        Assert.Empty(venue.RestingOrders());
        var loss = NetLoss(venue.Fills());
        Assert.True(loss.IsPositive && loss <= Settings.LossCap, $"loss {loss.ToDollarString()} vs cap {Settings.LossCap.ToDollarString()}");
    }
}
