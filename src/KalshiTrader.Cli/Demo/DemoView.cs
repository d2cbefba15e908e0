using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace KalshiTrader.Cli.Demo;

/// <summary>Shows a running demo until stopped.</summary>
internal interface IDemoView
{
    Task RunAsync(Func<DemoSnapshot> snapshot, CancellationToken stop);
}

/// <summary>Shows nothing (tests, and --json-summary when stderr is not wanted).</summary>
internal sealed class NullDemoView : IDemoView
{
    public Task RunAsync(Func<DemoSnapshot> snapshot, CancellationToken stop) => Task.CompletedTask;
}

/// <summary>A Spectre.Console live panel redrawn a few times a second, for a terminal.</summary>
internal sealed class LiveDemoView(IAnsiConsole console, TimeSpan interval) : IDemoView
{
    public async Task RunAsync(Func<DemoSnapshot> snapshot, CancellationToken stop)
    {
        await console.Live(Render(snapshot())).AutoClear(false).StartAsync(async ctx =>
        {
            while (!stop.IsCancellationRequested)
            {
                ctx.UpdateTarget(Render(snapshot()));
                ctx.Refresh();
                try
                {
                    await Task.Delay(interval, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            ctx.UpdateTarget(Render(snapshot()));
            ctx.Refresh();
        }).ConfigureAwait(false);
    }

    internal static IRenderable Render(DemoSnapshot s)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("[bold]phase[/]", Markup.Escape(s.Phase) + (s.EngineState.Length > 0 ? $" [grey](engine {Markup.Escape(s.EngineState)})[/]" : ""));
        grid.AddRow("[bold]time left[/]", $"{Clock(s.Left)} of {Clock(s.Duration)}");
        grid.AddRow("[bold]injections[/]", $"{s.InjectionsPlaced} placed of {s.InjectionsPlanned}");
        var kinds = s.OpportunitiesByKind.Count == 0 ? "none yet" : string.Join(", ", s.OpportunitiesByKind.OrderBy(k => k.Key).Select(k => $"{Markup.Escape(k.Key)} {k.Value}"));
        grid.AddRow("[bold]opportunities[/]", $"{kinds} [grey]({s.OpportunitiesTraded} traded)[/]");
        grid.AddRow("[bold]orders / fills[/]", $"{s.Orders} / {s.Fills}" + (s.RiskDenials > 0 ? $" [grey]({s.RiskDenials} risk denials)[/]" : ""));
        grid.AddRow("[bold]P&L[/]", $"realized {Dollars(s.RealizedPnl)}   marked {Dollars(s.MarkedPnl)}   cash {Dollars(s.CashChange)}");
        grid.AddRow("[bold]recorded[/]", Recorded(s));
        return new Panel(grid).Header("[bold]kalshi-trader demo[/] [grey](local exchange, paper trading)[/]").Border(BoxBorder.Rounded);
    }

    private static string Dollars(string text) => text.StartsWith('-') ? $"[red]{text}[/]" : $"[green]{text}[/]";

    internal static string Clock(TimeSpan t) => t.ToString(t.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);

    internal static string Recorded(DemoSnapshot s)
    {
        string[] keys = ["orderbook_snapshots", "orderbook_deltas", "trades", "tickers", "lifecycle_events"];
        return string.Join(", ", keys.Select(k => $"{k.Replace("orderbook_", "book ", StringComparison.Ordinal)} {s.Recorded.GetValueOrDefault(k).ToString("N0", CultureInfo.InvariantCulture)}"));
    }
}

/// <summary>Plain lines every few seconds (and on each phase change), for logs and pipes.</summary>
internal sealed class PlainDemoView(TextWriter writer, TimeSpan interval) : IDemoView
{
    public async Task RunAsync(Func<DemoSnapshot> snapshot, CancellationToken stop)
    {
        var lastPhase = "";
        var lastLine = TimeSpan.MinValue;
        var tick = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            var s = snapshot();
            if (s.Phase != lastPhase || s.Elapsed - lastLine >= interval || stop.IsCancellationRequested)
            {
                await writer.WriteLineAsync(Line(s)).ConfigureAwait(false);
                await writer.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                lastPhase = s.Phase;
                lastLine = s.Elapsed;
            }

            if (stop.IsCancellationRequested) return;
            try
            {
                await Task.Delay(tick, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // one last line above, then out
            }
        }
    }

    internal static string Line(DemoSnapshot s)
    {
        var kinds = string.Join(" ", s.OpportunitiesByKind.OrderBy(k => k.Key).Select(k => $"{k.Key}={k.Value}"));
        var recorded = string.Join(" ", new[] { "orderbook_deltas", "trades" }.Select(k => $"{k}={s.Recorded.GetValueOrDefault(k)}"));
        return $"[demo {LiveDemoView.Clock(s.Elapsed)}] {s.Phase}; left {LiveDemoView.Clock(s.Left)}; injections {s.InjectionsPlaced}/{s.InjectionsPlanned}; " +
               $"opportunities {(kinds.Length == 0 ? "0" : kinds)} traded={s.OpportunitiesTraded}; orders {s.Orders} fills {s.Fills}; " +
               $"realized {s.RealizedPnl} marked {s.MarkedPnl}; recorded {recorded}";
    }
}
