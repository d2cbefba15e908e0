using System.Globalization;
using System.Text;
using System.Text.Json;
using KalshiTrader.Exchange.Scenarios.Injections;
using Spectre.Console;

namespace KalshiTrader.Cli.Demo;

/// <summary>The final report as tables for people, or as one JSON object for scripts (prices and P&amp;L as exact dollar strings).</summary>
internal static class DemoReportWriter
{
    public static void WriteTables(IAnsiConsole console, DemoReport r)
    {
        console.WriteLine();
        console.MarkupLine($"[bold]Demo finished[/]: traded {LiveDemoView.Clock(r.Traded)} of {LiveDemoView.Clock(r.Planned)}" +
                           $"{(r.StoppedEarly ? " [yellow](stopped early)[/]" : "")}, seed {r.Seed}, run {Markup.Escape(r.RunId)}");

        var strategies = new Table().Title("strategies (P&L after fees, at settlement)").AddColumns("strategy", "evaluations", "orders", "fills", "contracts", "fees", "realized P&L");
        foreach (var c in new[] { 1, 2, 3, 4, 5, 6 }) strategies.Columns[c].RightAligned();
        foreach (var s in r.Strategies)
        {
            strategies.AddRow(Markup.Escape(s.Name), N(s.Evaluations), N(s.Orders), N(s.Fills), s.Contracts.ToFpString(), s.Fees.ToDollarString(), Pnl(s.RealizedPnl.ToDollarString()));
        }

        if (r.Strategies.Count == 0) strategies.AddRow("[grey](no strategy ran)[/]", "", "", "", "", "", "");
        console.Write(strategies);

        var opportunities = new Table().Title("injected mispricings (P&L after fees of the fills attributed to them, at settlement)")
            .AddColumns("type", "injected", "detected", "on its update", "traded", "realized P&L");
        foreach (var c in new[] { 1, 2, 3, 4, 5 }) opportunities.Columns[c].RightAligned();
        foreach (var o in r.Opportunities)
        {
            opportunities.AddRow(o.Type, N(o.Injected), Mark(o.Detected, o.Injected), Mark(o.DetectedOnItsUpdate, o.Injected), Mark(o.Traded, o.Injected),
                Pnl(o.RealizedPnl.ToDollarString()));
        }

        console.Write(opportunities);

        var tempting = new Table().Title("tempting non-arbitrages (must never be traded as riskless)").AddColumns("type", "markets", "traded as riskless");
        foreach (var o in r.NonArbitrages)
        {
            tempting.AddRow(o.Injection.Kind.ToWire(), Markup.Escape(Markets(o.Injection)), o.TradedAsRiskless ? "[red]YES[/]" : "[green]no[/]");
        }

        if (r.NonArbitrages.Count == 0) tempting.AddRow("[grey](none placed)[/]", "", "");
        console.Write(tempting);

        var b = r.BeforeSettlement;
        var a = r.AfterSettlement;
        console.MarkupLine($"[bold]exchange books[/]: {(r.BooksBalanced ? "[green]balanced[/]" : "[red]NOT balanced[/]")} — before settlement " +
                           $"{b.YesOutstanding.ToFpString()} YES = {b.NoOutstanding.ToFpString()} NO outstanding over {b.Markets} markets; after settlement " +
                           $"collateral {a.Ledger.Collateral.ToDollarString()}, settlement paid {a.Ledger.SettlementPaid.ToDollarString()}, unaccounted cash {a.Ledger.Unaccounted.ToDollarString()}");
        foreach (var p in b.Problems.Concat(a.Problems)) console.MarkupLine($"  [red]{Markup.Escape(p)}[/]");

        var rec = r.Reconciliation;
        console.MarkupLine($"[bold]account[/]: {rec.StartingBalance.ToDollarString()} → {rec.FinalBalance.ToDollarString()} ({Pnl(rec.AccountPnl.ToDollarString())}); " +
                           $"{rec.Settlements} settlements, {rec.OpenPositions} open positions, {rec.RestingOrders} resting orders; " +
                           $"reconciled with the exchange: {(rec.Matches ? "[green]yes[/]" : "[red]no[/]")}");
        foreach (var p in rec.Problems) console.MarkupLine($"  [red]{Markup.Escape(p)}[/]");
        console.MarkupLine($"[bold]recorded[/] into {Markup.Escape(r.Db)}: {Markup.Escape(string.Join(", ", r.Recorded.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value:N0}")))}");
        foreach (var n in r.Notes) console.MarkupLine($"[grey]note: {Markup.Escape(n)}[/]");
        console.MarkupLine($"[grey]look inside: kalshi-trader db stats --db {Markup.Escape(r.Db)}[/]");
    }

    public static string ToJson(DemoReport r)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            json.WriteStartArray("strategies");
            foreach (var s in r.Strategies)
            {
                json.WriteStartObject();
                json.WriteString("name", s.Name);
                json.WriteNumber("evaluations", s.Evaluations);
                json.WriteNumber("orders", s.Orders);
                json.WriteNumber("fills", s.Fills);
                json.WriteString("contracts_fp", s.Contracts.ToFpString());
                json.WriteString("fees_dollars", s.Fees.ToDollarString());
                json.WriteString("realized_pnl_dollars", s.RealizedPnl.ToDollarString());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("opportunities");
            foreach (var o in r.Opportunities)
            {
                json.WriteStartObject(o.Type);
                json.WriteNumber("injected", o.Injected);
                json.WriteNumber("detected", o.Detected);
                json.WriteNumber("traded", o.Traded);
                json.WriteNumber("detected_on_its_update", o.DetectedOnItsUpdate);
                json.WriteString("realized_pnl_dollars", o.RealizedPnl.ToDollarString());
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteStartArray("injections");
            foreach (var o in r.Injections)
            {
                json.WriteStartObject();
                json.WriteNumber("id", o.Injection.Id);
                json.WriteString("type", o.Injection.Kind.ToWire());
                json.WriteBoolean("arbitrage", o.Injection.IsArbitrage);
                json.WriteBoolean("verified", o.Injection.Verified);
                json.WriteBoolean("detected", o.Detected);
                json.WriteBoolean("detected_on_its_update", o.DetectedOnItsUpdate);
                json.WriteBoolean("traded", o.Traded);
                json.WriteNumber("fills", o.Fills.Count);
                json.WriteString("realized_pnl_dollars", r.PnlOf(o).ToDollarString());
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("non_arbitrages");
            json.WriteNumber("injected", r.NonArbitrages.Count);
            json.WriteNumber("traded_as_riskless", r.NonArbitragesTradedAsRiskless);
            json.WriteEndObject();
            json.WriteBoolean("books_balanced", r.BooksBalanced);
            json.WriteBoolean("reconciled", r.Reconciliation.Matches);
            json.WriteString("account_pnl_dollars", r.Reconciliation.AccountPnl.ToDollarString());
            json.WriteString("db", r.Db);
            json.WriteString("run_id", r.RunId);
            json.WriteNumber("seed", r.Seed);
            json.WriteNumber("duration_seconds", Math.Round(r.Planned.TotalSeconds, 3));
            json.WriteBoolean("stopped_early", r.StoppedEarly);
            json.WriteStartArray("notes");
            foreach (var n in r.Notes) json.WriteStringValue(n);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Markets(InjectionRecord i) => i.Markets.Count <= 3 ? string.Join(", ", i.Markets) : $"{i.Markets[0]} … ({i.Markets.Count} markets)";

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Mark(int n, int of) => n == of ? $"[green]{n}[/]" : $"[yellow]{n}[/]";

    private static string Pnl(string text) => text.StartsWith('-') ? $"[red]{text}[/]" : $"[green]{text}[/]";
}
