using System.Text;
using System.Text.Json;
using KalshiTrader.Kalshi.WebSocket;
using KalshiTrader.Testing;
using Kinds = KalshiTrader.Kalshi.WebSocket.CaptureReplayResult.Kinds;

namespace KalshiTrader.Kalshi.Tests.WebSocket;

public sealed class CaptureReplayerTests
{
    private static string Snap(long seq, string market, string yes, string no) =>
        $$$"""{"type":"orderbook_snapshot","sid":1,"seq":{{{seq}}},"msg":{"market_ticker":"{{{market}}}","market_id":"m","yes_dollars_fp":[{{{yes}}}],"no_dollars_fp":[{{{no}}}]}}""";

    private static string Delta(long seq, string market, string side, string price, string delta) =>
        $$$"""{"type":"orderbook_delta","sid":1,"seq":{{{seq}}},"msg":{"market_ticker":"{{{market}}}","market_id":"m","price_dollars":"{{{price}}}","delta_fp":"{{{delta}}}","side":"{{{side}}}","ts_ms":1770897981000}}""";

    private static readonly string[] BeforeGap =
    [
        """{"type":"subscribed","id":1,"msg":{"channel":"orderbook_delta","sid":1}}""",
        "",
        Snap(1, "KXA", """["0.0100","5.00"],["0.4200","10.00"]""", """["0.5500","3.00"]"""),
        Snap(2, "KXB", """["0.3000","1.00"]""", """["0.6000","2.00"]"""),
        Delta(3, "KXA", "yes", "0.4200", "-2.50"),
        """{"type":"ticker","sid":2,"msg":{"market_ticker":"KXA","price_dollars":"0.4200","yes_bid_dollars":"0.4200","yes_ask_dollars":"0.4400","ts":1770897976}}""",
        Delta(4, "KXA", "no", "0.5600", "4.00"),
        "   ",
        """{"type":"ticker","sid":2,"msg":{garbage""",
        Delta(5, "KXB", "yes", "0.3000", "0.50"),
    ];

    private static readonly string[] AfterGap =
    [
        Delta(7, "KXB", "yes", "0.3100", "1.00"), // seq 6 missing
        Snap(8, "KXA", """["0.4300","1.00"]""", """["0.5500","3.00"]"""),
        Delta(9, "KXB", "yes", "0.3000", "1.00"),
        """{"type":"trade","sid":3,"seq":1,"msg":{"trade_id":"t","market_ticker":"KXA","yes_price_dollars":"0.4300","no_price_dollars":"0.5700","count_fp":"1.00","taker_outcome_side":"yes","ts":1770897990}}""",
    ];

    private static async Task<CaptureReplayResult> ReplayAsync(IEnumerable<string> lines, string newline = "\n")
    {
        var bytes = Encoding.UTF8.GetBytes(string.Join(newline, lines));
        return await new CaptureReplayer().ReplayAsync(new MemoryStream(bytes), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RebuildsEachMarketsBookWithAscendingLevelsAndTopOfBook()
    {
        var r = await ReplayAsync(BeforeGap);
        var a = r.Books.Single(b => b.Ticker == "KXA");
        var b = r.Books.Single(b => b.Ticker == "KXB");

        Assert.Equal(["KXA", "KXB"], r.Books.Select(x => x.Ticker));
        Assert.Equal([["0.0100", "5.00"], ["0.4200", "7.50"]], a.YesBids);
        Assert.Equal([["0.5500", "3.00"], ["0.5600", "4.00"]], a.NoBids);
        Assert.Equal("0.4200", a.BestYesBid);
        Assert.Equal("0.4400", a.BestYesAsk);
        Assert.Equal(4, a.LastSeq);
        Assert.True(a.Valid);
        Assert.Equal([["0.3000", "1.50"]], b.YesBids);
        Assert.Equal("0.4000", b.BestYesAsk);
        Assert.Equal(5, b.LastSeq);
    }

    [Fact]
    public async Task CountsLinesMessagesTypesAndMalformedLines()
    {
        var r = await ReplayAsync(BeforeGap);

        Assert.Equal(10, r.Lines);
        Assert.Equal(2, r.BlankLines);
        Assert.Equal(8, r.Messages);
        Assert.Equal(2, r.MessagesByType["orderbook_snapshot"]);
        Assert.Equal(3, r.MessagesByType["orderbook_delta"]);
        Assert.Equal(1, r.MessagesByType["subscribed"]);
        Assert.Equal(1, r.MessagesByType["ticker"]);
        Assert.Equal(1, r.ErrorCount(Kinds.Malformed));
        Assert.Equal(0, r.ErrorCount(Kinds.Gap));
        var malformed = r.ErrorDetails.Single();
        Assert.Equal(9, malformed.Line);
        Assert.Equal(Kinds.Malformed, malformed.Kind);
    }

    [Fact]
    public async Task AGapDropsTheSubscriptionsBooksUntilANewSnapshot()
    {
        var r = await ReplayAsync(BeforeGap.Concat(AfterGap));
        var a = r.Books.Single(b => b.Ticker == "KXA");
        var b = r.Books.Single(b => b.Ticker == "KXB");

        Assert.Equal(1, r.ErrorCount(Kinds.Gap));
        Assert.Contains(r.ErrorDetails, e => e.Kind == Kinds.Gap && e.Line == 11 && e.Message.Contains("expected seq 6, got 7", StringComparison.Ordinal));
        Assert.Equal(2, r.ErrorCount(Kinds.DeltaWithoutSnapshot));
        Assert.True(a.Valid);
        Assert.Equal([["0.4300", "1.00"]], a.YesBids);
        Assert.Equal("0.4500", a.BestYesAsk);
        Assert.Equal(8, a.LastSeq);
        Assert.False(b.Valid);
        Assert.Contains("sequence gap", b.InvalidReason, StringComparison.Ordinal);
        Assert.Empty(b.YesBids);
        Assert.Null(b.BestYesBid);
        Assert.Equal(1, r.MessagesByType["trade"]);
        Assert.Equal(4, r.TotalErrors);
    }

    [Fact]
    public async Task ABrokenBookLineLosesItsSequenceNumberSoTheNextLineIsAGap()
    {
        var r = await ReplayAsync(
        [
            Snap(1, "KXA", """["0.4200","1.00"]""", ""),
            """{"type":"orderbook_delta","sid":1,"seq":2,"msg":{garbage""",
            Delta(3, "KXA", "yes", "0.4200", "1.00"),
        ]);

        Assert.Equal(1, r.ErrorCount(Kinds.Malformed));
        Assert.Equal(1, r.ErrorCount(Kinds.Gap));
        Assert.False(r.Books.Single().Valid);
    }

    [Fact]
    public async Task WindowsLineEndingsAndAMissingFinalNewlineAreFine()
    {
        var crlf = await ReplayAsync(BeforeGap, "\r\n");
        var lf = await ReplayAsync(BeforeGap);

        Assert.Equal(lf.Messages, crlf.Messages);
        Assert.Equal(lf.Books.Single(b => b.Ticker == "KXA").YesBids, crlf.Books.Single(b => b.Ticker == "KXA").YesBids);
    }

    [Fact]
    public async Task NegativeLevelDeltaIsReportedAndDropsThatBook()
    {
        var r = await ReplayAsync([Snap(1, "KXA", """["0.4200","1.00"]""", ""), Delta(2, "KXA", "yes", "0.4200", "-2.00")]);

        Assert.Equal(1, r.ErrorCount(Kinds.NegativeLevel));
        Assert.False(r.Books.Single().Valid);
    }

    [Fact]
    public async Task StreamsAFileLargerThanItsBufferWithTheSameResult()
    {
        var folder = RepoFolder.NewTempFolder();
        var path = Path.Combine(folder, "capture.jsonl");
        await using (var w = new StreamWriter(path))
        {
            await w.WriteLineAsync(Snap(1, "KXA", """["0.4200","1.00"]""", """["0.5000","1.00"]"""));
            for (var i = 0; i < 40_000; i++)
            {
                // +1.00 then −1.00 at alternating prices: the book ends where it started, after ~6 MB of input.
                var price = (i / 2 % 2 == 0) ? "0.4100" : "0.4000";
                await w.WriteLineAsync(Delta(i + 2, "KXA", "yes", price, i % 2 == 0 ? "1.00" : "-1.00"));
            }
        }

        var r = await new CaptureReplayer().ReplayFileAsync(path, TestContext.Current.CancellationToken);
        Directory.Delete(folder, recursive: true);

        Assert.Equal(40_001, r.Messages);
        Assert.Equal(0, r.TotalErrors);
        var a = r.Books.Single();
        Assert.Equal([["0.4200", "1.00"]], a.YesBids);
        Assert.Equal(40_001, a.LastSeq);
    }

    [Fact]
    public async Task JsonOutputHasTheDocumentedShape()
    {
        var r = await ReplayAsync(BeforeGap.Concat(AfterGap));
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream)) r.WriteJson(w);
        var root = JsonDocument.Parse(stream.ToArray()).RootElement;

        Assert.Equal(r.Messages, root.GetProperty("messages").GetInt64());
        Assert.Equal(1, root.GetProperty("errors").GetProperty("gap").GetInt64());
        Assert.Equal(1, root.GetProperty("errors").GetProperty("malformed").GetInt64());
        Assert.Equal(r.TotalErrors, root.GetProperty("errors").GetProperty("total").GetInt64());
        var a = root.GetProperty("markets")[0];
        Assert.Equal("KXA", a.GetProperty("market_ticker").GetString());
        Assert.Equal(8, a.GetProperty("last_seq").GetInt64());
        Assert.Equal("0.4300", a.GetProperty("yes_bids")[0][0].GetString());
        Assert.Equal("1.00", a.GetProperty("yes_bids")[0][1].GetString());
        Assert.Equal("0.4500", a.GetProperty("best_yes_ask").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("markets")[1].GetProperty("best_yes_bid").ValueKind);
    }
}
