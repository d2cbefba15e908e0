using System.CommandLine;
using KalshiTrader.Cli.Common;
using KalshiTrader.Cli.Mispricing;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Records;
using KalshiTrader.Strategies.Mispricing.Detection;
using KalshiTrader.Strategies.Mispricing.Persistence;
using KalshiTrader.Strategies.Mispricing.Relationships;
using KalshiTrader.Strategies.Mispricing.Scan;

namespace KalshiTrader.Cli.Commands;

/// <summary>
/// <c>scan [--json]</c>: one pass over the chosen exchange's open universe (events with nested markets and their
/// order books), printing every opportunity with its legs and numbers and every exclusive set's Σ YES bid / ask.
/// Every evaluated opportunity and every discovered relationship is written to the store (unless --no-store).
/// </summary>
internal static class ScanCommands
{
    public static IEnumerable<Command> Create()
    {
        var json = new Option<bool>("--json") { Description = "print the scan as JSON" };
        var all = new Option<bool>("--all") { Description = "also print crossings that earn nothing after fees" };
        var quotesOnly = new Option<bool>("--quotes-only") { Description = "use each market's top-of-book quote instead of fetching full books" };
        var noStore = new Option<bool>("--no-store") { Description = "do not write relationships and opportunities to the store" };
        var minEdge = new Option<string>("--min-edge") { Description = "minimum edge per contract after fees, dollars", DefaultValueFactory = _ => "0.005" };
        var feeSafety = new Option<decimal>("--fee-safety") { Description = "gross edge must be at least this multiple of fees", DefaultValueFactory = _ => 2m };
        var minSize = new Option<string>("--min-size") { Description = "minimum executable contracts", DefaultValueFactory = _ => "1" };
        var maxSize = new Option<string>("--max-size") { Description = "hard cap on contracts per opportunity", DefaultValueFactory = _ => "10000" };
        var cmd = new Command("scan", "Scan the open universe for cross-market mispricings on executable prices after fees.")
        {
            json, all, quotesOnly, noStore, minEdge, feeSafety, minSize, maxSize,
            MispricingUniverse.Series, MispricingUniverse.Events, MispricingUniverse.Db,
        };
        ConnectionOptions.AddTo(cmd);
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            DetectionOptions options;
            try
            {
                options = new DetectionOptions
                {
                    MinEdgePerContract = Money.Parse(pr.GetValue(minEdge), "--min-edge"),
                    FeeSafetyMultiple = pr.GetValue(feeSafety),
                    MinSize = Quantity.Parse(pr.GetValue(minSize), "--min-size"),
                    MaxSize = Quantity.Parse(pr.GetValue(maxSize), "--max-size"),
                };
            }
            catch (FormatException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }

            using var rest = MispricingUniverse.Rest(pr);
            try
            {
                var events = await MispricingUniverse.LoadEventsAsync(rest, pr, ct).ConfigureAwait(false);
                var series = await MispricingUniverse.LoadSeriesAsync(rest, ct).ConfigureAwait(false);
                var books = await MispricingUniverse.LoadBooksAsync(rest, events, pr.GetValue(quotesOnly), ct).ConfigureAwait(false);
                var now = TimeProvider.System.GetUtcNow();

                await using var store = pr.GetValue(noStore) ? null : await StoreFactory.OpenAsync(pr.GetValue(MispricingUniverse.Db)!, ct).ConfigureAwait(false);
                var stored = store is null ? [] : await MispricingUniverse.LoadStoredAsync(store, ct).ConfigureAwait(false);
                var (evaluate, writes) = MispricingScan.Relate(events, series, stored, now);
                var report = MispricingScan.Run(events, books, series, evaluate, options, TimeProvider.System);

                if (store is not null)
                {
                    var runId = $"scan-{now:yyyyMMddTHHmmssfffZ}";
                    await store.UpsertRunAsync(new RunRecord { RunId = runId, Mode = "scan", Strategy = OpportunityRecords.StrategyName, StartedTime = now, EndedTime = report.Time }, ct).ConfigureAwait(false);
                    await store.UpsertRelationshipsAsync(writes.Select(r => RelationshipRecords.ToRecord(r)).ToList(), ct).ConfigureAwait(false);
                    await store.UpsertOpportunitiesAsync(report.Opportunities.Select(o => OpportunityRecords.ToRecord(o, runId)).ToList(), ct).ConfigureAwait(false);
                }

                var shown = pr.GetValue(all) ? report.Opportunities : report.Opportunities.Where(o => o.Size.IsPositive && o.EdgePerContract.IsPositive).ToList();
                if (pr.GetValue(json)) Console.WriteLine(ScanJson.Write(shown, report.Sets));
                else PrintText(events.Count, report, shown);
                return 0;
            }
            catch (KalshiApiException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 1;
            }
        });
        return [cmd];
    }

    private static void PrintText(int events, ScanReport report, IReadOnlyList<Opportunity> shown)
    {
        var markets = report.Relationships.SelectMany(r => r.Markets).Distinct().Count();
        Console.WriteLine($"{events} events, {report.Relationships.Count} live relationships over {markets} markets; {report.Opportunities.Count} crossings, {shown.Count} shown");
        foreach (var o in shown)
        {
            Console.WriteLine();
            Console.WriteLine($"{o.Type}  {(o.Riskless ? "RISKLESS" : "not riskless")}  {o.Status.ToString().ToLowerInvariant()}  edge {o.EdgePerContract.ToDollarString()}/contract  size {o.Size.ToFpString()}  " +
                              $"total {o.TotalEdge.ToDollarString()}  fees {o.TotalFees.ToDollarString()}  payout {o.PayoutPerContract.ToDollarString()}  score {o.Score:0.####}");
            Console.WriteLine($"  relationship {o.RelationshipId}");
            foreach (var l in o.Legs)
            {
                Console.WriteLine($"  buy {(l.Buy == Outcome.Yes ? "YES" : "NO ")} {l.Ticker,-36} from {l.TopPrice.ToDollarString()} up to {l.LimitPrice.ToDollarString()}  cost {l.Cost.ToDollarString()}  fee {l.Fee.ToDollarString()}");
            }

            if (o.Note is not null) Console.WriteLine($"  note: {o.Note}");
        }

        Console.WriteLine();
        Console.WriteLine("exclusive sets (Σ YES bid / Σ YES ask; no bid counts $0, no ask $1):");
        foreach (var s in report.Sets.OrderBy(s => s.Events.Count > 0 ? s.Events[0].Value : "", StringComparer.Ordinal))
        {
            Console.WriteLine($"  {(s.Events.Count > 0 ? s.Events[0].Value : s.RelationshipId),-36} {s.Markets,3} markets  exhaustive={(s.Exhaustive ? "yes" : "no "),-3}  " +
                              $"Σbid {s.SumYesBid.ToDollarString()}  Σask {s.SumYesAsk.ToDollarString()}" +
                              (s.MissingBids + s.MissingAsks > 0 ? $"  ({s.MissingBids} without bid, {s.MissingAsks} without ask)" : "") +
                              (s.BooksValid ? "" : "  [some books invalid]"));
        }
    }
}
