using System.Text.Json;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Strategies.Tests.Support;

/// <summary>
/// Reads a recorded GET /events/{e} payload into Core records with System.Text.Json, for the fields discovery
/// and detection use. (The rest client's wire types replace this once they land.)
/// </summary>
internal static class FixtureEvents
{
    public static Event Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var e = doc.RootElement.GetProperty("event");
        var markets = (e.TryGetProperty("markets", out var nested) ? nested : doc.RootElement.GetProperty("markets"))
            .EnumerateArray().Select(ParseMarket).ToList();
        return new Event
        {
            Ticker = e.GetProperty("event_ticker").GetString()!,
            SeriesTicker = e.GetProperty("series_ticker").GetString()!,
            Title = e.GetProperty("title").GetString() ?? "",
            Category = e.GetProperty("category").GetString() ?? "",
            MutuallyExclusive = e.GetProperty("mutually_exclusive").GetBoolean(),
            SettlementSources = e.GetProperty("settlement_sources").EnumerateArray()
                .Select(s => new SettlementSource(s.GetProperty("name").GetString()!, s.GetProperty("url").GetString())).ToList(),
            Markets = markets,
        };
    }

    private static Market ParseMarket(JsonElement m) => new()
    {
        Ticker = m.GetProperty("ticker").GetString()!,
        EventTicker = m.GetProperty("event_ticker").GetString()!,
        Status = MarketEnumsWire.ParseStatus(m.GetProperty("status").GetString()!),
        StrikeType = MarketEnumsWire.ParseStrikeType(m.GetProperty("strike_type").GetString()),
        RulesPrimary = m.GetProperty("rules_primary").GetString() ?? "",
        CustomStrikeJson = m.TryGetProperty("custom_strike", out var cs) ? cs.GetRawText() : null,
        CloseTime = m.GetProperty("close_time").GetDateTimeOffset(),
        YesBid = Price.Parse(m.GetProperty("yes_bid_dollars").GetString(), "yes_bid_dollars"),
        YesAsk = Price.Parse(m.GetProperty("yes_ask_dollars").GetString(), "yes_ask_dollars"),
        YesBidSize = Quantity.Parse(m.GetProperty("yes_bid_size_fp").GetString(), "yes_bid_size_fp"),
        YesAskSize = Quantity.Parse(m.GetProperty("yes_ask_size_fp").GetString(), "yes_ask_size_fp"),
    };
}
