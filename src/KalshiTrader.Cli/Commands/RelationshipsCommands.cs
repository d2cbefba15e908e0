using System.CommandLine;
using KalshiTrader.Cli.Common;
using KalshiTrader.Cli.Mispricing;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Records;
using KalshiTrader.Strategies.Mispricing.Llm;
using KalshiTrader.Strategies.Mispricing.Persistence;
using KalshiTrader.Strategies.Mispricing.Relationships;
using KalshiTrader.Strategies.Mispricing.Scan;

namespace KalshiTrader.Cli.Commands;

/// <summary>
/// <c>relationships discover | list | show | approve | reject</c>: the links the mispricing strategy trades on,
/// with the reason for each. Nothing a model proposed trades until approved here.
/// </summary>
internal static class RelationshipsCommands
{
    public static IEnumerable<Command> Create()
    {
        var root = new Command("relationships", "Market relationships: discover structurally, list, inspect, approve or reject.");
        root.Subcommands.Add(Discover());
        root.Subcommands.Add(List());
        root.Subcommands.Add(Show());
        root.Subcommands.Add(Decide("approve", RelationshipState.Approved));
        root.Subcommands.Add(Decide("reject", RelationshipState.Rejected));
        return [root];
    }

    private static Command Discover()
    {
        var cmd = new Command("discover", "Discover structural relationships over the open universe and reconcile them with the store (closed links retire); " +
                                          "with --llm, also ask a language model (proposals are stored as proposed and never trade until approved).")
        {
            MispricingUniverse.Series, MispricingUniverse.Events, MispricingUniverse.Db,
        };
        ConnectionOptions.AddTo(cmd);
        foreach (var option in LlmDiscoveryOptions.All) cmd.Options.Add(option);
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            // Settings first: a bad option or config fails before anything is fetched.
            LlmSettings? llm = null;
            if (pr.GetValue(LlmDiscoveryOptions.Llm) && (llm = LlmDiscoveryOptions.Resolve(pr, Console.Error)) is null) return 2;
            using var rest = MispricingUniverse.Rest(pr);
            try
            {
                var events = await MispricingUniverse.LoadEventsAsync(rest, pr, ct).ConfigureAwait(false);
                var series = await MispricingUniverse.LoadSeriesAsync(rest, ct).ConfigureAwait(false);
                await using var store = await StoreFactory.OpenAsync(pr.GetValue(MispricingUniverse.Db)!, ct).ConfigureAwait(false);
                var stored = await MispricingUniverse.LoadStoredAsync(store, ct).ConfigureAwait(false);
                var (evaluate, writes) = MispricingScan.Relate(events, series, stored, TimeProvider.System.GetUtcNow());
                await store.UpsertRelationshipsAsync(writes.Select(r => RelationshipRecords.ToRecord(r)).ToList(), ct).ConfigureAwait(false);
                var storedIds = stored.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
                Console.WriteLine($"{events.Count} events: {evaluate.Count} live relationships; " +
                                  $"{writes.Count(w => !storedIds.Contains(w.Id))} new, {writes.Count(w => w.Approval == ApprovalState.Retired)} retired");
                foreach (var g in evaluate.GroupBy(r => (r.Kind, r.Approval)).OrderBy(g => g.Key.Kind))
                {
                    Console.WriteLine($"  {RelationshipWire.ToWire(g.Key.Kind),-18} {RelationshipWire.ToWire(g.Key.Approval),-9} {g.Count()}");
                }

                if (llm is null) return 0;
                using var discovery = LlmDiscovery.Create(llm, store, TimeProvider.System, out var unavailable);
                if (discovery is null)
                {
                    Console.Error.WriteLine(unavailable);
                    return 2;
                }

                var known = evaluate.Concat(stored).Concat(writes).ToList();
                var report = await discovery.RunAsync(events, series, known, ct).ConfigureAwait(false);
                LlmDiscoveryOptions.Print(report, Console.Out);
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

    private static Command List()
    {
        var state = new Option<string?>("--state") { Description = "proposed | approved | rejected | retired" };
        var kind = new Option<string?>("--kind") { Description = "subset | threshold_ladder | deadline_ladder | exclusive_set | bucket_ladder | soft_implication" };
        var cmd = new Command("list", "List stored relationships.") { state, kind, MispricingUniverse.Db };
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            RelationshipState? filter = null;
            if (pr.GetValue(state) is { } s)
            {
                try
                {
                    filter = RelationshipRecords.ToState(RelationshipWire.ParseApproval(s));
                }
                catch (FormatException ex)
                {
                    Console.Error.WriteLine("--state: " + ex.Message);
                    return 2;
                }
            }

            await using var store = await StoreFactory.OpenAsync(pr.GetValue(MispricingUniverse.Db)!, ct).ConfigureAwait(false);
            var records = await store.GetRelationshipsAsync(filter, ct).ConfigureAwait(false);
            foreach (var r in records.Where(r => pr.GetValue(kind) is not { } k || r.Kind == k))
            {
                Console.WriteLine($"{RelationshipWire.ToWire(RelationshipRecords.FromState(r.State)),-9} {r.Kind,-18} {r.Source,-4} conf {r.Confidence ?? 1m:0.##}  {r.Tickers.Count} markets  {r.RelationshipId}");
            }

            return 0;
        });
        return cmd;
    }

    private static Command Show()
    {
        var id = new Argument<string>("id") { Description = "relationship id" };
        var cmd = new Command("show", "Show one relationship: constraint, reasoning, members' rules and settlement sources.") { id, MispricingUniverse.Db };
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            await using var store = await StoreFactory.OpenAsync(pr.GetValue(MispricingUniverse.Db)!, ct).ConfigureAwait(false);
            var record = await store.GetRelationshipAsync(pr.GetValue(id)!, ct).ConfigureAwait(false);
            if (record is null)
            {
                Console.Error.WriteLine($"no relationship with id '{pr.GetValue(id)}'");
                return 1;
            }

            var r = RelationshipRecords.FromRecord(record);
            Console.WriteLine($"id:          {r.Id}");
            Console.WriteLine($"kind:        {RelationshipWire.ToWire(r.Kind)}{(r.Kind == RelationshipKind.ExclusiveSet ? (r.Exhaustive ? " (exhaustive)" : " (not exhaustive)") : "")}");
            Console.WriteLine($"state:       {RelationshipWire.ToWire(r.Approval)}{(record.ReviewedBy is null ? "" : " by " + record.ReviewedBy)}{(r.StateReason is null ? "" : " — " + r.StateReason)}");
            Console.WriteLine($"source:      {RelationshipWire.ToWire(r.Source)}  confidence {r.Confidence}");
            Console.WriteLine($"constraint:  {r.Constraint}");
            Console.WriteLine($"reasoning:   {r.Reasoning}");
            Console.WriteLine($"validated:   {r.LastValidatedAt:u} (created {r.CreatedAt:u})");
            Console.WriteLine($"events:      {string.Join(", ", r.Events)}");
            Console.WriteLine($"sources:     {string.Join("; ", r.SettlementSources.Select(s => s.Url is null ? s.Name : $"{s.Name} <{s.Url}>"))}");
            Console.WriteLine("members:");
            foreach (var m in r.Markets)
            {
                var rules = r.Rules.FirstOrDefault(x => x.Ticker == m);
                Console.WriteLine($"  {m}{(rules?.SettlesAt is { } t ? $"  (settles {t:u})" : "")}");
                if (rules is not null) Console.WriteLine($"    {rules.RulesPrimary}");
            }

            return 0;
        });
        return cmd;
    }

    private static Command Decide(string verb, RelationshipState state)
    {
        var id = new Argument<string>("id") { Description = "relationship id" };
        var by = new Option<string>("--by") { Description = "who decides", DefaultValueFactory = _ => Environment.UserName };
        var note = new Option<string?>("--note") { Description = "why" };
        var cmd = new Command(verb, $"{char.ToUpperInvariant(verb[0])}{verb[1..]} a relationship (only approved relationships trade).") { id, by, note, MispricingUniverse.Db };
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            await using var store = await StoreFactory.OpenAsync(pr.GetValue(MispricingUniverse.Db)!, ct).ConfigureAwait(false);
            var ok = await store.SetRelationshipStateAsync(pr.GetValue(id)!, state, pr.GetValue(by), pr.GetValue(note), TimeProvider.System.GetUtcNow(), ct).ConfigureAwait(false);
            if (!ok)
            {
                Console.Error.WriteLine($"no relationship with id '{pr.GetValue(id)}'");
                return 1;
            }

            Console.WriteLine($"{pr.GetValue(id)}: {(state == RelationshipState.Approved ? "approved" : "rejected")}");
            return 0;
        });
        return cmd;
    }
}
