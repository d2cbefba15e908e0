using System.Text.Json;
using KalshiTrader.Core.Markets;
using KalshiTrader.Storage;
using KalshiTrader.Strategies.Mispricing.Llm;
using KalshiTrader.Strategies.Mispricing.Relationships;
using KalshiTrader.Strategies.Tests.Support;
using KalshiTrader.Testing;

namespace KalshiTrader.Strategies.Tests.Mispricing.Llm.Support;

/// <summary>
/// A small universe with links only a reader of the rules can see, and the recorded replies a model gives for it:
/// the Senate event's two markets are a partition; "55 seats" implies Senate control (a subset across events);
/// one batch claims a threshold ladder backwards and breaks the schema once; one names an unknown and a closed
/// ticker; the cross-category reply is not JSON at all.
/// </summary>
internal static class LlmUniverse
{
    public const string Key = "sk-ant-test-key-0123456789abcdef";
    public const string Fast = "claude-haiku-4-5";
    public const string Strong = "claude-sonnet-4-5";
    public static readonly DateTimeOffset Now = new(2026, 11, 2, 12, 0, 0, TimeSpan.Zero);

    public static IReadOnlyList<Event> Events()
    {
        SettlementSource ap = new("AP", "https://apnews.com");
        return
        [
            new Event
            {
                Ticker = "KXSENATE-26", SeriesTicker = "KXSENATE", Category = "Politics", Title = "Senate control after the 2026 election",
                SettlementSources = [ap],
                Markets =
                [
                    SyntheticMarkets.Custom("KXSENATE-26-DEM", "KXSENATE-26", "If Democrats hold a majority of US Senate seats after the 2026 election, as called by AP, then the market resolves to Yes."),
                    SyntheticMarkets.Custom("KXSENATE-26-REP", "KXSENATE-26", "If Republicans hold a majority of US Senate seats after the 2026 election, as called by AP, then the market resolves to Yes."),
                    SyntheticMarkets.Custom("KXSENATE-26-IND", "KXSENATE-26", "If independents hold a majority of US Senate seats after the 2026 election, as called by AP, then the market resolves to Yes.")
                        with { Status = MarketStatus.Closed },
                ],
            },
            new Event
            {
                Ticker = "KXDEMSEATS-26", SeriesTicker = "KXDEMSEATS", Category = "Politics", Title = "Democratic Senate seats after 2026",
                SettlementSources = [ap],
                Markets = [SyntheticMarkets.Custom("KXDEMSEATS-26-T55", "KXDEMSEATS-26", "If Democrats hold at least 55 US Senate seats after the 2026 election, as called by AP, then the market resolves to Yes.")],
            },
            SyntheticMarkets.Event("KXHIGHNY-27JAN01", false,
                SyntheticMarkets.Threshold("KXHIGHNY-27JAN01-T40", "KXHIGHNY-27JAN01", StrikeType.Greater, 40),
                SyntheticMarkets.Threshold("KXHIGHNY-27JAN01-T50", "KXHIGHNY-27JAN01", StrikeType.Greater, 50)) with { Category = "Climate" },
        ];
    }

    public static LlmSettings Settings(string baseUrl, string? key = Key) => new()
    {
        ApiKey = key,
        BaseUrl = baseUrl,
        FastModel = Fast,
        StrongModel = Strong,
        MaxRetries = 0,
        Timeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>The recorded replies: what a fast model proposes per batch, and the strong model confirming everything.</summary>
    public static string Respond(MessagesRequest r)
    {
        if (r.Model == Strong) return RecordedMessages.Confirm(Strong);
        if (r.User.Contains("Scope: event KXSENATE-26 (", StringComparison.Ordinal))
        {
            return Proposals(new { type = "PARTITION", members = new[] { "KXSENATE-26-DEM", "KXSENATE-26-REP" }, direction = "at_most_one", confidence = 0.97, reasoning = "Only one party can hold a majority of 100 seats." });
        }

        if (r.User.Contains("Scope: event KXHIGHNY-27JAN01 (", StringComparison.Ordinal))
        {
            return Proposals(
                new { type = "THRESHOLD", members = new[] { "KXHIGHNY-27JAN01-T50", "KXHIGHNY-27JAN01-T40" }, direction = "weakest_first", confidence = 0.9, reasoning = "Same station and day." },
                new { type = "SUBSET", members = new[] { "KXHIGHNY-27JAN01-T50", "KXHIGHNY-27JAN01-T40" }, direction = "first_implies_second", confidence = 1.7, reasoning = "Above 50 is above 40." });
        }

        if (r.User.Contains("Scope: category Politics", StringComparison.Ordinal))
        {
            return Proposals(
                new { type = "SUBSET", members = new[] { "KXDEMSEATS-26-T55", "KXSENATE-26-DEM" }, direction = "first_implies_second", confidence = 0.96, reasoning = "55 of 100 seats is a majority." },
                new { type = "IMPLICATION", members = new[] { "KXNOPE-26-X", "KXSENATE-26-DEM" }, direction = "first_implies_second", confidence = 0.6, reasoning = "Made up." },
                new { type = "PARTITION", members = new[] { "KXSENATE-26-IND", "KXSENATE-26-REP" }, direction = "at_most_one", confidence = 0.9, reasoning = "One majority." });
        }

        if (r.User.Contains("Scope: across categories", StringComparison.Ordinal))
        {
            return RecordedMessages.Text(Fast, "Sure! Here are the links I found: {\"relationships\": [ {\"type\": \"SUBSET\"");
        }

        return Proposals();
    }

    public static string Proposals(params object[] items) =>
        RecordedMessages.Text(Fast, JsonSerializer.Serialize(new { relationships = items }));

    public static async Task<IKalshiStore> NewStoreAsync() =>
        await StoreFactory.OpenAsync("sqlite:" + Path.Combine(RepoFolder.NewTempFolder("kt-llm"), "store.db"));

    /// <summary>What discover passes as known: the stored links plus this run's structural discovery.</summary>
    public static IReadOnlyList<Relationship> Known(IReadOnlyList<Event> events) => StructuralDiscovery.Discover(events, null, Now);
}
