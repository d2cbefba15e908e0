using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Strategies.Mispricing;
using KalshiTrader.Strategies.Mispricing.Execution;
using KalshiTrader.Strategies.Tests.Mispricing.Execution.Support;
using KalshiTrader.Strategies.Tests.Support;

namespace KalshiTrader.Strategies.Tests.Mispricing.Execution;

/// <summary>
/// "Detected within one update", end to end on the local exchange and without timing anything: a violation put up by
/// one order while the engine runs must first be evaluated (as tradeable) on the very book delta that order caused —
/// the evaluation's trigger names that market and carries that delta's exchange timestamp — not on a later update or
/// a timer; then it is traded in paper mode.
/// </summary>
public sealed class DetectionOnUpdateEndToEndTests
{
    private const string Low = "KXHIGH-27JAN01-T50";
    private const string High = "KXHIGH-27JAN01-T60";
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AViolationIsEvaluatedOnTheBookDeltaThatRevealedItAndTraded()
    {
        await using var venue = await LocalVenue.StartAsync(SyntheticMarkets.Event("KXHIGH-27JAN01", false,
            SyntheticMarkets.Threshold(Low, "KXHIGH-27JAN01", StrikeType.Greater, 50),
            SyntheticMarkets.Threshold(High, "KXHIGH-27JAN01", StrikeType.Greater, 60)));
        venue.Quote(Low, "0.40", "0.45", 100);
        venue.Quote(High, "0.30", "0.60", 100);
        await venue.StartEngineAsync(new MispricingStrategy(new MispricingSettings { Cooldown = TimeSpan.FromMinutes(10) }, TimeProvider.System));
        Assert.Empty(venue.Evaluations()); // fair books: nothing to evaluate yet

        // One resting YES bid on >60 at 0.55, above >50's ask 0.45: a single delta reveals the violation.
        DateTimeOffset placed;
        lock (venue.Engine.SyncRoot)
        {
            var ack = venue.Engine.Submit(venue.Liquidity, OrderRequest.Buy(High, Outcome.Yes, Price.Parse("0.55"), Quantity.FromContracts(100))).Unwrap();
            placed = venue.Engine.GetOrder(venue.Liquidity, ack.OrderId)!.CreatedTime!.Value;
        }

        var (outcome, status, _) = await venue.TradeOutcomeAsync(_ct);
        await venue.StopEngineAsync();
        Assert.True(status == "filled", outcome.Decision);

        var first = venue.Evaluations().First(e => e.Status == "validated");
        var trigger = first.Detail.GetProperty("trigger");
        Assert.Equal(High, trigger.GetProperty("ticker").GetString());
        Assert.True(trigger.TryGetProperty("exchange_time", out var time), $"trigger {trigger} has no exchange time: it was not a delta");
        // The WebSocket carries exchange time in whole milliseconds.
        Assert.Equal(placed.ToUnixTimeMilliseconds(), time.GetDateTimeOffset().ToUnixTimeMilliseconds());
        // Nothing about this relationship was evaluated before that update.
        Assert.Same(first.Evaluation, venue.Evaluations()[0].Evaluation);
    }
}
