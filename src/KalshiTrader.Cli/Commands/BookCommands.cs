using System.CommandLine;
using KalshiTrader.Cli.Common;
using System.Text.Json;
using KalshiTrader.Core.Books;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Kalshi.WebSocket;
using Spectre.Console;

namespace KalshiTrader.Cli.Commands;

/// <summary>
/// <c>book show TICKER</c> (REST snapshot, both sides with derived asks), <c>book watch TICKER...</c> (live over
/// WebSocket until Ctrl-C) and <c>book replay --file CAPTURE.jsonl [--json]</c> (rebuild books from a capture).
/// </summary>
internal static class BookCommands
{
    public static IEnumerable<Command> Create()
    {
        var book = new Command("book", "Order books: show one, watch live, or rebuild from a WebSocket capture.");
        book.Subcommands.Add(Show());
        book.Subcommands.Add(Watch());
        book.Subcommands.Add(Replay());
        return [book];
    }

    private static KalshiConnectionOptions Connection(ParseResult pr) => ConnectionOptions.Resolve(pr);

    private static Command Show()
    {
        var ticker = new Argument<string>("ticker") { Description = "market ticker" };
        var depth = new Option<int>("--depth") { Description = "levels per side (0 = all)", DefaultValueFactory = _ => 0 };
        var json = new Option<bool>("--json") { Description = "print JSON" };
        var cmd = new Command("show", "Show a market's order book from REST: YES and NO bids and the asks they imply.")
        {
            ticker, depth, json,
        };
        ConnectionOptions.AddTo(cmd);
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            using var rest = KalshiRestClient.Create(Connection(pr), warn: w => Console.Error.WriteLine("warning: " + w));
            try
            {
                var levels = await rest.GetOrderBookAsync(new MarketTicker(pr.GetValue(ticker)!), ct, pr.GetValue(depth)).ConfigureAwait(false);
                var ob = levels.ToOrderBook();
                if (pr.GetValue(json)) WriteBookJson(ob);
                else AnsiConsole.Write(BookTable(ob));
                return 0;
            }
            catch (KalshiApiException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        });
        return cmd;
    }

    private static Command Watch()
    {
        var tickers = new Argument<string[]>("tickers") { Description = "market tickers", Arity = ArgumentArity.OneOrMore };
        var levels = new Option<int>("--levels") { Description = "levels shown per side", DefaultValueFactory = _ => 10 };
        var yesPrice = new Option<bool>("--use-yes-price") { Description = "ask Kalshi for NO levels in YES prices (books look the same)" };
        var cmd = new Command("watch", "Watch order books live over WebSocket (Ctrl-C to stop).")
        {
            tickers, levels, yesPrice,
        };
        ConnectionOptions.AddTo(cmd);
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var connection = Connection(pr);
            var markets = pr.GetValue(tickers)!.Select(t => new MarketTicker(t)).ToArray();
            var options = new KalshiWebSocketOptions
            {
                Url = connection.WebSocketUrl,
                Signer = connection.CreateSigner(warn: w => Console.Error.WriteLine("warning: " + w)),
                UseYesPrice = pr.GetValue(yesPrice),
            };
            await using var feed = new KalshiMarketDataFeed(options, withTickerAndTrades: false);
            try
            {
                await feed.SubscribeMarketsAsync(markets, ct).ConfigureAwait(false);
                await feed.StartAsync(ct).ConfigureAwait(false);
            }
            catch (System.Net.WebSockets.WebSocketException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }

            await WatchLoopAsync(feed, markets, pr.GetValue(levels), BookFreshness.DefaultMaxAge(options), ct).ConfigureAwait(false);
            return 0;
        });
        return cmd;
    }

    /// <summary>The single consumer: applies events to the books and redraws at most ten times a second.</summary>
    private static async Task WatchLoopAsync(KalshiMarketDataFeed feed, MarketTicker[] markets, int levels, TimeSpan maxAge, CancellationToken ct)
    {
        var books = new OrderBookSet();
        var status = "connecting";
        await AnsiConsole.Live(Render(books, markets, levels, status, maxAge)).StartAsync(async live =>
        {
            var lastDraw = DateTimeOffset.MinValue;
            try
            {
                while (await feed.Events.WaitToReadAsync(ct).ConfigureAwait(false))
                {
                    while (feed.Events.TryRead(out var e))
                    {
                        books.Apply(e);
                        status = e switch
                        {
                            ConnectionEvent c => c.Connected ? "connected" : "disconnected: " + c.Reason,
                            FeedErrorEvent f => "feed error: " + f.Message,
                            BooksInvalidatedEvent i => "resyncing: " + i.Reason,
                            _ => status,
                        };
                    }

                    var now = DateTimeOffset.UtcNow;
                    if (now - lastDraw < TimeSpan.FromMilliseconds(100)) continue;
                    lastDraw = now;
                    live.UpdateTarget(Render(books, markets, levels, status + $" | {feed.Client.Stats}", maxAge));
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Ctrl-C: leave the last view on screen.
            }
        }).ConfigureAwait(false);
    }

    private static Rows Render(OrderBookSet books, MarketTicker[] markets, int levels, string status, TimeSpan maxAge)
    {
        var items = new List<Spectre.Console.Rendering.IRenderable> { new Markup($"[grey]{Markup.Escape(status)}[/]") };
        foreach (var t in markets)
        {
            if (!books.TryGet(t, out var b))
            {
                items.Add(new Markup($"[yellow]{Markup.Escape(t.Value)}[/]: waiting for a snapshot"));
                continue;
            }

            var tradeable = books.IsTradeable(t, DateTimeOffset.UtcNow, maxAge, out var reason);
            items.Add(BookTable(b, levels, tradeable ? null : reason));
        }

        return new Rows(items);
    }

    private static Table BookTable(OrderBook b, int maxLevels = 0, string? warning = null)
    {
        var title = $"{b.Ticker}  bid {b.BestYesBid?.Price.ToDollarString() ?? "-"}  ask {b.YesAsk?.Price.ToDollarString() ?? "-"}"
                    + (b.SpreadTicks is { } s ? $"  spread {s / 100m:0.##}¢" : "") + (b.IsCrossed ? "  CROSSED" : "")
                    + (warning is null ? "" : "  [" + warning + "]");
        var table = new Table().Title(Markup.Escape(title))
            .AddColumn("YES bid").AddColumn(new TableColumn("size").RightAligned())
            .AddColumn("NO bid").AddColumn(new TableColumn("size").RightAligned())
            .AddColumn("YES ask").AddColumn("NO ask");
        var yes = b.YesBids;
        var no = b.NoBids;
        var rows = Math.Max(yes.Length, no.Length);
        if (maxLevels > 0) rows = Math.Min(rows, maxLevels);
        for (var i = 0; i < rows; i++)
        {
            // Best first; asks come from the opposite side's bids (derived by OrderBook, never here).
            var y = i < yes.Length ? yes[yes.Length - 1 - i] : (PriceLevel?)null;
            var n = i < no.Length ? no[no.Length - 1 - i] : (PriceLevel?)null;
            var yesAsk = i < b.AskDepth(Outcome.Yes) ? b.AskAt(Outcome.Yes, i).Price.ToDollarString() : "";
            var noAsk = i < b.AskDepth(Outcome.No) ? b.AskAt(Outcome.No, i).Price.ToDollarString() : "";
            table.AddRow(y?.Price.ToDollarString() ?? "", y?.Size.ToFpString() ?? "", n?.Price.ToDollarString() ?? "", n?.Size.ToFpString() ?? "", yesAsk, noAsk);
        }

        return table;
    }

    private static void WriteBookJson(OrderBook b)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("market_ticker", b.Ticker.Value);
            WriteLevels(w, "yes_bids", b.YesBids);
            WriteLevels(w, "no_bids", b.NoBids);
            WritePrice(w, "best_yes_bid", b.BestYesBid);
            WritePrice(w, "best_yes_ask", b.YesAsk);
            WritePrice(w, "best_no_bid", b.BestNoBid);
            WritePrice(w, "best_no_ask", b.NoAsk);
            w.WriteEndObject();
        }

        stdout.WriteByte((byte)'\n');
    }

    private static void WriteLevels(Utf8JsonWriter w, string name, ReadOnlySpan<PriceLevel> levels)
    {
        w.WriteStartArray(name);
        foreach (var l in levels)
        {
            w.WriteStartArray();
            w.WriteStringValue(l.Price.ToDollarString());
            w.WriteStringValue(l.Size.ToFpString());
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static void WritePrice(Utf8JsonWriter w, string name, PriceLevel? level)
    {
        if (level is { } l) w.WriteString(name, l.Price.ToDollarString());
        else w.WriteNull(name);
    }

    private static Command Replay()
    {
        var file = new Option<FileInfo>("--file") { Description = "capture: one WebSocket JSON message per line", Required = true };
        var json = new Option<bool>("--json") { Description = "print JSON (shape documented in CaptureReplayResult.WriteJson)" };
        var yesPrice = new Option<bool>("--use-yes-price") { Description = "the capture was recorded with use_yes_price" };
        var cmd = new Command("replay", "Rebuild order books from a recorded WebSocket capture (streamed; blank lines allowed).")
        {
            file, json, yesPrice,
        };
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var path = pr.GetValue(file)!;
            if (!path.Exists)
            {
                Console.Error.WriteLine($"capture file not found: {path.FullName}");
                return 2;
            }

            var result = await new CaptureReplayer(pr.GetValue(yesPrice)).ReplayFileAsync(path.FullName, ct).ConfigureAwait(false);
            if (pr.GetValue(json))
            {
                using var stdout = Console.OpenStandardOutput();
                using (var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })) result.WriteJson(w);
                stdout.WriteByte((byte)'\n');
            }
            else
            {
                PrintReplay(result);
            }

            return 0;
        });
        return cmd;
    }

    private static void PrintReplay(CaptureReplayResult r)
    {
        AnsiConsole.MarkupLine($"lines {r.Lines} (blank {r.BlankLines}), messages {r.Messages}: " +
                               Markup.Escape(string.Join(", ", r.MessagesByType.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"))));
        AnsiConsole.MarkupLine($"errors {r.TotalErrors}: " + Markup.Escape(string.Join(", ",
            new[] { CaptureReplayResult.Kinds.Gap, CaptureReplayResult.Kinds.Malformed, CaptureReplayResult.Kinds.NegativeLevel,
                    CaptureReplayResult.Kinds.DeltaWithoutSnapshot, CaptureReplayResult.Kinds.ServerError }
                .Select(k => $"{k} {r.ErrorCount(k)}"))));
        foreach (var e in r.ErrorDetails.Take(20)) AnsiConsole.MarkupLine($"  [red]line {e.Line}[/] {Markup.Escape(e.Kind)}: {Markup.Escape(e.Message)}");

        foreach (var b in r.Books)
        {
            AnsiConsole.WriteLine();
            AnsiConsole.MarkupLine($"[bold]{Markup.Escape(b.Ticker)}[/]  last seq {b.LastSeq}  best YES bid {b.BestYesBid ?? "-"}  best YES ask {b.BestYesAsk ?? "-"}"
                                   + (b.Valid ? "" : $"  [red]invalid: {Markup.Escape(b.InvalidReason ?? "")}[/]"));
            AnsiConsole.WriteLine("  YES bids: " + Pairs(b.YesBids));
            AnsiConsole.WriteLine("  NO bids:  " + Pairs(b.NoBids));
        }
    }

    private static string Pairs(IReadOnlyList<string[]> levels) =>
        levels.Count == 0 ? "[]" : "[" + string.Join(", ", levels.Select(l => $"[\"{l[0]}\", \"{l[1]}\"]")) + "]";
}
