using System.CommandLine;
using KalshiTrader.Cli.Collect;
using KalshiTrader.Core.Markets;
using KalshiTrader.Recorder;
using KalshiTrader.Storage;
using Spectre.Console;

namespace KalshiTrader.Cli.Commands;

/// <summary><c>db stats | export | import candles</c>: look inside the store and move data in and out.</summary>
internal static class DbCommands
{
    private static readonly Option<string> Db = new("--db")
    {
        Description = "store: sqlite:PATH or a PostgreSQL URL/connection string",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("KALSHI_DB") ?? StoreFactory.DefaultConnectionString,
    };

    public static IEnumerable<Command> Create()
    {
        var db = new Command("db", "Inspect, export and import the store.");
        db.Subcommands.Add(Stats());
        db.Subcommands.Add(Export());
        var import = new Command("import", "Load data into the store.");
        import.Subcommands.Add(ImportCandles());
        db.Subcommands.Add(import);
        return [db];
    }

    private static Command Stats()
    {
        var command = new Command("stats", "Rows per table and the time range each covers.");
        command.Options.Add(Db);
        command.SetAction(async (ParseResult pr, CancellationToken ct) => await GuardAsync("stats", async () =>
        {
            await using var store = await StoreFactory.OpenAsync(pr.GetValue(Db)!, ct);
            var table = new Table().AddColumns("table", "rows", "from (UTC)", "to (UTC)");
            table.Columns[1].RightAligned();
            foreach (var s in await store.GetTableStatsAsync(ct))
            {
                table.AddRow(s.Table, s.Rows.ToString("N0", System.Globalization.CultureInfo.InvariantCulture),
                    s.From?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    s.To?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }

            AnsiConsole.MarkupLine($"[bold]{store.Engine}[/] schema v{await store.GetSchemaVersionAsync(ct)}");
            AnsiConsole.Write(table);
        }));
        return command;
    }

    private static Command Export()
    {
        var tableOption = new Option<string?>("--table") { Description = "a table to export whole" };
        var queryOption = new Option<string?>("--query") { Description = "a single SELECT to export instead" };
        var format = new Option<string>("--format") { Description = "csv or json", DefaultValueFactory = _ => "csv" };
        var output = new Option<string?>("--out") { Description = "file to write (default: stdout)" };
        var limit = new Option<int?>("--limit") { Description = "at most this many rows (with --table)" };
        var command = new Command("export", "Write a table or a query result as CSV or JSON (times in UTC, prices in integer ticks).");
        foreach (var o in new Option[] { Db, tableOption, queryOption, format, output, limit }) command.Options.Add(o);
        command.SetAction(async (ParseResult pr, CancellationToken ct) => await GuardAsync("export", async () =>
        {
            var table = pr.GetValue(tableOption);
            var query = pr.GetValue(queryOption);
            if ((table is null) == (query is null)) throw new ArgumentException("export: give exactly one of --table or --query");
            var fmt = pr.GetValue(format)!.ToLowerInvariant();
            if (fmt is not ("csv" or "json")) throw new ArgumentException($"--format: '{fmt}' is not csv or json");
            await using var store = await StoreFactory.OpenAsync(pr.GetValue(Db)!, ct);
            var result = table is not null ? await store.ReadTableAsync(table, pr.GetValue(limit), ct) : await store.QueryAsync(query!, ct);
            var path = pr.GetValue(output);
            await using var stream = path is null ? Console.OpenStandardOutput() : File.Create(path);
            if (fmt == "json")
            {
                await TableWriter.WriteJsonAsync(stream, result, ct);
            }
            else
            {
                await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
                await TableWriter.WriteCsvAsync(writer, result, ct);
            }

            if (path is not null) Console.Error.WriteLine($"wrote {result.Rows.Count} rows to {path}");
        }));
        return command;
    }

    private static Command ImportCandles()
    {
        var csv = new Option<string>("--csv") { Description = "candles CSV (the format `candles --format csv` writes; see Recorder/CandleCsv.cs)", Required = true };
        var command = new Command("candles", "Import candlesticks from CSV (idempotent: keyed by market, period and end time).");
        command.Options.Add(Db);
        command.Options.Add(csv);
        command.SetAction(async (ParseResult pr, CancellationToken ct) => await GuardAsync("import candles", async () =>
        {
            await using var store = await StoreFactory.OpenAsync(pr.GetValue(Db)!, ct);
            using var reader = new StreamReader(pr.GetValue(csv)!);
            var batch = new List<Candlestick>();
            long total = 0;
            await foreach (var candle in CandleCsv.ReadAsync(reader, ct))
            {
                batch.Add(candle);
                if (batch.Count < 10_000) continue;
                await store.UpsertCandlesticksAsync(batch, ct);
                total += batch.Count;
                batch.Clear();
            }

            await store.UpsertCandlesticksAsync(batch, ct);
            total += batch.Count;
            Console.Error.WriteLine($"imported {total} candles");
        }));
        return command;
    }

    private static async Task<int> GuardAsync(string what, Func<Task> body)
    {
        try
        {
            await body();
            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or InvalidOperationException or System.Data.Common.DbException)
        {
            Console.Error.WriteLine($"db {what} failed: {ex.Message}");
            return 1;
        }
    }
}
