using System.CommandLine;
using KalshiTrader.Cli.Demo;
using KalshiTrader.Kalshi.Http;
using Spectre.Console;

namespace KalshiTrader.Cli.Commands;

/// <summary><c>demo</c>: the whole system on a local exchange in one command, no credentials needed.</summary>
internal static class DemoCommands
{
    public static IEnumerable<Command> Create()
    {
        var duration = new Option<string>("--duration") { Description = "how long to trade, e.g. 90s or 2m (settlement and the report follow)", DefaultValueFactory = _ => "2m" };
        var db = new Option<string>("--db") { Description = "where everything is recorded: sqlite:PATH or a PostgreSQL connection string", DefaultValueFactory = _ => DemoOptions.DefaultDb };
        var port = new Option<int>("--port") { Description = "local exchange port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "seed of every random choice (same seed, same market paths)", DefaultValueFactory = _ => DemoOptions.DefaultSeed };
        var btcCsv = new Option<string?>("--btc-csv") { Description = "1-minute BTC bars (open_time,open,high,low,close,volume) to drive the BTC ladder instead of a seeded walk" };
        var json = new Option<bool>("--json-summary") { Description = "print one final JSON object on stdout (progress goes to stderr)" };
        var command = new Command("demo", "Run the whole system on a local exchange: simulated markets with injected mispricings, the recorder, and the mispricing strategy paper-trading through the real API; settles and reports.");
        foreach (var o in new Option[] { duration, db, port, seed, btcCsv, json }) command.Options.Add(o);
        command.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            if (!DurationText.TryParse(pr.GetValue(duration), out var length, out var error))
            {
                await Console.Error.WriteLineAsync(error);
                return 2;
            }

            var options = new DemoOptions
            {
                Duration = length,
                Db = pr.GetValue(db)!,
                Port = pr.GetValue(port),
                Seed = pr.GetValue(seed),
                BtcCsv = pr.GetValue(btcCsv),
                JsonSummary = pr.GetValue(json),
            };

            // System.CommandLine completes the invocation 2 s after Ctrl-C even if the action is still working; settling
            // and reporting take longer, so a foreground thread keeps the process alive until the report is out.
            var work = RunAsync(options, ct);
            var keeper = new Thread(() => ((IAsyncResult)work).AsyncWaitHandle.WaitOne()) { IsBackground = false, Name = "demo-keepalive" };
            keeper.Start();
            return await work;
        });
        return [command];
    }

    private static async Task<int> RunAsync(DemoOptions options, CancellationToken stopEarly)
    {
        var interactive = !options.JsonSummary && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
        IDemoView view = options.JsonSummary ? new PlainDemoView(Console.Error, options.PlainInterval)
            : interactive ? new LiveDemoView(AnsiConsole.Console, options.ViewInterval)
            : new PlainDemoView(Console.Out, options.PlainInterval);
        try
        {
            var report = await new DemoRunner(options).RunAsync(view, stopEarly);
            if (options.JsonSummary)
            {
                await Console.Out.WriteLineAsync(DemoReportWriter.ToJson(report));
                await Console.Out.FlushAsync(CancellationToken.None);
            }
            else
            {
                DemoReportWriter.WriteTables(AnsiConsole.Console, report);
            }

            return 0;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KalshiApiException or IOException)
        {
            await Console.Error.WriteLineAsync($"demo: {ex.Message}");
            return 1;
        }
    }
}
