using System.Globalization;
using System.Text.Json;
using KalshiTrader.Core.Books;
using KalshiTrader.Strategies.Mispricing.Detection;
using KalshiTrader.Strategies.Mispricing.Relationships;
using KalshiTrader.Strategies.Mispricing.Scan;
using KalshiTrader.Strategies.Tests.Support;
using KalshiTrader.Testing;

namespace KalshiTrader.Strategies.Tests.Mispricing.Detection;

/// <summary>The real KXPRESPERSON-28 event: 30 mutually exclusive candidates, not exhaustive (anyone else may win).</summary>
public sealed class PresidentialFixtureTests
{
    private const string Fixture = "fixtures/kalshi/rest_event_kxpresperson-28.json";

    private static (decimal Bid, decimal Ask) RawSums(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        decimal bid = 0, ask = 0;
        foreach (var m in doc.RootElement.GetProperty("markets").EnumerateArray())
        {
            bid += decimal.Parse(m.GetProperty("yes_bid_dollars").GetString()!, CultureInfo.InvariantCulture);
            ask += decimal.Parse(m.GetProperty("yes_ask_dollars").GetString()!, CultureInfo.InvariantCulture);
        }

        return (bid, ask);
    }

    private static (MispricingDetector Detector, Relationship Set) Load(string path)
    {
        var e = FixtureEvents.Load(path);
        var now = new DateTimeOffset(2026, 6, 5, 0, 0, 0, TimeSpan.Zero);
        var relationships = StructuralDiscovery.Discover([e], null, now);
        var books = new OrderBookSet();
        foreach (var m in e.Markets) QuoteBooks.ApplyTopOfBook(books.GetOrAdd(m.Ticker), m);
        var detector = new MispricingDetector(books, new DetectionOptions(), new ManualTime(now));
        detector.UpsertRange(relationships);
        return (detector, Assert.Single(relationships));
    }

    [Fact]
    public void TheEventIsOneExclusiveSetThatIsNotExhaustive()
    {
        var (_, set) = Load(SharedFolder.RequireFile(Fixture));

        Assert.Equal(RelationshipKind.ExclusiveSet, set.Kind);
        Assert.Equal(30, set.Markets.Count);
        Assert.False(set.Exhaustive);
        Assert.Equal("Office of the Presidency", Assert.Single(set.SettlementSources).Name);
        Assert.All(set.Rules, r => Assert.Contains("inaugurated", r.RulesPrimary));
    }

    [Fact]
    public void ItsYesBidAndAskSumsAreReportedExactly()
    {
        var path = SharedFolder.RequireFile(Fixture);
        var (detector, _) = Load(path);
        var (bid, ask) = RawSums(path);

        var sums = Assert.Single(detector.SetSums());

        Assert.Equal(bid, sums.SumYesBid.Dollars);
        Assert.Equal(ask, sums.SumYesAsk.Dollars);
        Assert.Equal("KXPRESPERSON-28", Assert.Single(sums.Events).Value);
        Assert.True(sums.Exclusive);
        Assert.False(sums.Exhaustive);
    }

    [Fact]
    public void NoRisklessTradeIsClaimed()
    {
        var (detector, _) = Load(SharedFolder.RequireFile(Fixture));
        var found = new List<Opportunity>();

        detector.ScanAll(found);

        Assert.DoesNotContain(found, o => o.Riskless);
        Assert.DoesNotContain(found, o => o.Status == OpportunityStatus.Validated);
    }
}
