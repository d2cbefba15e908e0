using System.Text.Json;
using KalshiTrader.Core.Books;
using KalshiTrader.Core.Markets;
using KalshiTrader.Strategies.Mispricing.Detection;
using KalshiTrader.Strategies.Mispricing.Scan;
using KalshiTrader.Strategies.Tests.Support;
using static KalshiTrader.Strategies.Tests.Support.SyntheticMarkets;

namespace KalshiTrader.Strategies.Tests.Mispricing.Scan;

public sealed class ScanJsonTests
{
    [Fact]
    public void TheScanJsonHasExactlyTheDocumentedShapeWithDollarStrings()
    {
        var books = new OrderBookSet();
        Quote(books, "T60", bid: "0.40", ask: "0.42");
        Quote(books, "T65", bid: "0.50", ask: "0.55");
        Quote(books, "X", bid: "0.30", ask: "0.65");
        Quote(books, "Y", bid: "0.20", ask: "0.45");
        var events = new[]
        {
            Event("KXHIGH-A", false, Threshold("T60", "KXHIGH-A", StrikeType.Greater, 60), Threshold("T65", "KXHIGH-A", StrikeType.Greater, 65)),
            Event("KXPRES-B", true, Custom("X", "KXPRES-B", "If X wins, Yes."), Custom("Y", "KXPRES-B", "If Y wins, Yes.")),
        };
        var time = new ManualTime(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var (evaluate, _) = MispricingScan.Relate(events, null, [], time.Now);

        var report = MispricingScan.Run(events, books, null, evaluate, new DetectionOptions(), time);
        using var doc = JsonDocument.Parse(ScanJson.Write(report.Opportunities, report.Sets));

        var root = doc.RootElement;
        Assert.Equal(["opportunities", "sets"], root.EnumerateObject().Select(p => p.Name));
        var o = Assert.Single(root.GetProperty("opportunities").EnumerateArray());
        Assert.Equal(["type", "riskless", "edge_per_contract", "max_size", "legs"], o.EnumerateObject().Select(p => p.Name));
        Assert.Equal("threshold_ladder", o.GetProperty("type").GetString());
        Assert.True(o.GetProperty("riskless").GetBoolean());
        Assert.Equal("100.00", o.GetProperty("max_size").GetString());
        var legs = o.GetProperty("legs").EnumerateArray().ToList();
        Assert.Equal(["ticker", "buy", "price", "size"], legs[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(("T60", "yes", "0.4200"), (legs[0].GetProperty("ticker").GetString(), legs[0].GetProperty("buy").GetString(), legs[0].GetProperty("price").GetString()));
        Assert.Equal(("T65", "no", "0.5000"), (legs[1].GetProperty("ticker").GetString(), legs[1].GetProperty("buy").GetString(), legs[1].GetProperty("price").GetString()));

        var set = Assert.Single(root.GetProperty("sets").EnumerateArray());
        Assert.Equal(["event_ticker", "exclusive", "exhaustive", "sum_yes_bid", "sum_yes_ask"], set.EnumerateObject().Select(p => p.Name));
        Assert.Equal("KXPRES-B", set.GetProperty("event_ticker").GetString());
        Assert.Equal("0.5000", set.GetProperty("sum_yes_bid").GetString());
        Assert.Equal("1.1000", set.GetProperty("sum_yes_ask").GetString());
    }
}
