using System.CommandLine;
using KalshiTrader.Cli.Common;
using KalshiTrader.Cli.Collect;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Kalshi.WebSocket;
using KalshiTrader.Recorder;
using KalshiTrader.Storage;

namespace KalshiTrader.Cli.Commands;

/// <summary>
/// <c>collect catalog | candles | books | trades | live</c>: record what Kalshi publishes into the store. Every mode
/// is resumable (checkpoints and idempotent upserts); Ctrl+C stops gracefully and flushes.
/// </summary>
internal static class CollectCommands
{
    private static readonly Option<string> Db = new("--db")
    {
        Description = "store: sqlite:PATH or a PostgreSQL URL/connection string",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("KALSHI_DB") ?? StoreFactory.DefaultConnectionString,
    };

    private static readonly Option<string[]> Tickers = new("--tickers") { Description = "market tickers (comma or space separated)", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string[]> Events = new("--events") { Description = "event tickers", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string[]> Series = new("--series") { Description = "series tickers", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<string[]> Status = new("--status") { Description = "status filters: unopened, open, closed, settled (default open)", AllowMultipleArgumentsPerToken = true };
    private static readonly Option<bool> Multivariate = new("--include-multivariate") { Description = "include multivariate (combo) events and markets" };
    private static readonly Option<TimeSpan?> Duration = new("--duration") { Description = "stop after this long (e.g. 00:10:00); default: until stopped" };
    private static readonly Option<string[]> Periods = new("--periods") { Description = "candle periods in minutes: 1, 60, 1440", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => ["1", "60", "1440"] };
    private static readonly Option<DateTimeOffset?> From = new("--from") { Description = "start of the backfill window (default: each market's open time, or the checkpoint)" };
    private static readonly Option<DateTimeOffset?> To = new("--to") { Description = "end of the backfill window (default: now)" };
    private static readonly Option<TimeSpan?> Interval = new("--interval") { Description = "books: poll again at this interval until stopped" };

    public static IEnumerable<Command> Create()
    {
        var collect = new Command("collect", "Record Kalshi market data into the store (resumable; Ctrl+C flushes and stops).");
        collect.Subcommands.Add(Mode("catalog", "series, events and markets (parents first) plus a price snapshot per market", CatalogAsync));
        collect.Subcommands.Add(Mode("candles", "1m/60m/1d candlesticks through the batch endpoint, backfilled from checkpoints", CandlesAsync, Periods, From, To));
        collect.Subcommands.Add(Mode("books", "REST order-book snapshots (once, or every --interval)", BooksAsync, Interval, Duration));
        collect.Subcommands.Add(Mode("trades", "public trades since each market's checkpoint", TradesAsync, From, To));
        collect.Subcommands.Add(Mode("live", "WebSocket recording: book snapshots and deltas (gaps recorded and re-snapshotted), trades, tickers, lifecycle", LiveAsync, Duration));
        return [collect];
    }

    private delegate Task<CollectCounts> ModeAction(ParseResult pr, Context context, CancellationToken ct);

    private sealed record Context(IKalshiStore Store, KalshiRestClient Client, KalshiConnectionOptions Connection, CollectScope Scope, TimeProvider Time, StderrProgress Progress);

    private static Command Mode(string name, string description, ModeAction action, params Option[] extra)
    {
        var command = new Command(name, description);
        foreach (var o in new Option[] { Db, Tickers, Events, Series, Status, Multivariate }.Concat(extra)) command.Options.Add(o);
        ConnectionOptions.AddTo(command);
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var time = TimeProvider.System;
            try
            {
                var connection = ConnectionOptions.Resolve(pr);
                await using var store = await StoreFactory.OpenAsync(pr.GetValue(Db)!, ct);
                using var client = KalshiRestClient.Create(connection, new KalshiRestClientOptions { Log = m => StderrProgress.Line($"[grey]{Spectre.Console.Markup.Escape(m)}[/]") }, time);
                var scope = new CollectScope
                {
                    Tickers = Split(pr.GetValue(Tickers)).Select(t => new MarketTicker(t)).ToList(),
                    Events = Split(pr.GetValue(Events)).Select(t => new EventTicker(t)).ToList(),
                    Series = Split(pr.GetValue(Series)).Select(t => new SeriesTicker(t)).ToList(),
                    Statuses = Split(pr.GetValue(Status)),
                    IncludeMultivariate = pr.GetValue(Multivariate),
                };
                var counts = await action(pr, new Context(store, client, connection, scope, time, new StderrProgress(time)), ct);
                StderrProgress.Line($"[green]{name} done[/]: {Spectre.Console.Markup.Escape(counts.ToString())}" +
                    (counts.Quarantined > 0 ? $" [yellow]({counts.Quarantined} malformed messages quarantined)[/]" : ""));
                return 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                StderrProgress.Line($"[yellow]{name} stopped[/]; run it again to continue from the checkpoints");
                return 130;
            }
            catch (Exception ex) when (ex is KalshiApiException or FormatException or ArgumentException or InvalidOperationException or System.Data.Common.DbException)
            {
                StderrProgress.Line($"[red]collect {name} failed:[/] {Spectre.Console.Markup.Escape(ex.Message)}");
                return 1;
            }
        });
        return command;
    }

    private static List<string> Split(string[]? values) =>
        (values ?? []).SelectMany(v => v.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();

    private static Task<CollectCounts> CatalogAsync(ParseResult pr, Context c, CancellationToken ct) =>
        new CatalogCollector(c.Client, c.Store, c.Time).RunAsync(c.Scope, c.Progress, ct);

    private static async Task<CollectCounts> CandlesAsync(ParseResult pr, Context c, CancellationToken ct)
    {
        var markets = await MarketsAsync(c, ct);
        var periods = Split(pr.GetValue(Periods)).Select(p => p switch
        {
            "1m" => 1,
            "60m" or "1h" => 60,
            "1d" => 1440,
            _ => int.TryParse(p, out var n) ? n : throw new ArgumentException($"--periods: '{p}' is not 1, 60 or 1440"),
        }).ToList();
        return await new CandleCollector(c.Client, c.Store, c.Time).RunAsync(markets, periods, pr.GetValue(From), pr.GetValue(To), c.Progress, ct);
    }

    private static async Task<CollectCounts> BooksAsync(ParseResult pr, Context c, CancellationToken ct)
    {
        var markets = await c.Scope.ResolveMarketsAsync(c.Client, ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (pr.GetValue(Duration) is { } d) stop.CancelAfter(d);
        return await new BookCollector(c.Client, c.Store, c.Time).RunAsync(markets, pr.GetValue(Interval), c.Progress, stop.Token);
    }

    private static async Task<CollectCounts> TradesAsync(ParseResult pr, Context c, CancellationToken ct)
    {
        var markets = await MarketsAsync(c, ct);
        return await new TradeCollector(c.Client, c.Store, c.Time).RunAsync(markets, pr.GetValue(From), pr.GetValue(To), c.Progress, ct);
    }

    private static async Task<CollectCounts> LiveAsync(ParseResult pr, Context c, CancellationToken ct)
    {
        var markets = await c.Scope.ResolveMarketsAsync(c.Client, ct);
        if (markets.Count == 0) throw new ArgumentException("no markets in scope: name --tickers, --events or --series, or check --status");
        StderrProgress.Line($"recording {markets.Count} market(s) live into {c.Store.Engine}");
        var options = new KalshiWebSocketOptions
        {
            Url = c.Connection.WebSocketUrl,
            Signer = c.Connection.CreateSigner(c.Time),
            MaxRawChars = 1 << 20, // quarantine keeps the whole malformed frame, not a preview
            Log = m => StderrProgress.Line($"[grey]{Spectre.Console.Markup.Escape(m)}[/]"),
        };
        await using var feed = new KalshiMarketDataFeed(options);
        var recorder = new LiveRecorder(feed, c.Store, c.Time);
        await recorder.RunAsync(async token =>
        {
            await feed.SubscribeMarketsAsync(markets.Select(m => m.Ticker).ToList(), token);
            await feed.SubscribeLifecycleAsync(token);
        }, pr.GetValue(Duration), c.Progress, ct);
        return recorder.Counts;
    }

    // Candles and trades work from the catalog in the store; without one, ask the exchange.
    private static async Task<IReadOnlyList<Core.Markets.Market>> MarketsAsync(Context c, CancellationToken ct)
    {
        var stored = await c.Scope.ResolveStoredMarketsAsync(c.Store, ct);
        return stored.Count > 0 ? stored : await c.Scope.ResolveMarketsAsync(c.Client, ct);
    }
}
