using System.CommandLine;
using KalshiTrader.Cli.Run;
using KalshiTrader.Trading.Control;

namespace KalshiTrader.Cli.Commands;

/// <summary><c>run</c> (the trading engine) and <c>kill</c> (its kill switch, from any shell on this machine).</summary>
internal static class RunCommands
{
    public static IEnumerable<Command> Create() => [CreateRun(), CreateKill()];

    private static Command CreateRun()
    {
        var config = new Option<string?>("--config") { Description = "config.yaml path (default: ./config.yaml when present, else defaults + environment)" };
        var mode = new Option<string?>("--mode") { Description = "dry-run (default: nothing is sent) | paper (local exchange) | live (Kalshi; needs --live and trading.dry_run: false)" };
        var live = new Option<bool>("--live") { Description = "confirms live trading (together with trading.dry_run: false in the config)" };
        var strategy = new Option<string[]>("--strategy") { Description = "strategy to run (repeatable; default: trading.strategies)", AllowMultipleArgumentsPerToken = true };
        var stateDir = new Option<string?>("--state-dir") { Description = "where the control-endpoint state file goes (default: KALSHI_TRADER_HOME/run or ~/.kalshi-trader/run)" };
        var cmd = new Command("run", "Run the trading engine: strategies, risk, orders, reconciliation. Ctrl-C/SIGTERM stop gracefully.");
        cmd.Options.Add(config);
        cmd.Options.Add(mode);
        cmd.Options.Add(live);
        cmd.Options.Add(strategy);
        cmd.Options.Add(stateDir);
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var request = new RunRequest(pr.GetValue(config), pr.GetValue(mode), pr.GetValue(live), pr.GetValue(strategy) ?? [], pr.GetValue(stateDir));
            return await RunHost.RunAsync(request, Console.Out, Console.Error, ct).ConfigureAwait(false);
        });
        return cmd;
    }

    private static Command CreateKill()
    {
        var reason = new Option<string>("--reason") { Description = "recorded in the journal, logs and alerts", DefaultValueFactory = _ => "kalshi-trader kill" };
        var stateDir = new Option<string?>("--state-dir") { Description = "the engines' state folder (default: KALSHI_TRADER_HOME/run or ~/.kalshi-trader/run)" };
        var cmd = new Command("kill", "Kill switch: every engine on this machine cancels all resting orders, refuses new ones and stops.");
        cmd.Options.Add(reason);
        cmd.Options.Add(stateDir);
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            var folder = EngineStateFolder.Default(pr.GetValue(stateDir));
            var outcomes = await KillClient.KillAllAsync(folder, pr.GetValue(reason)!, TimeSpan.FromSeconds(10), ct).ConfigureAwait(false);
            if (outcomes.Count == 0)
            {
                Console.Error.WriteLine($"no running engine found in {folder.Path}; wrote the kill file {folder.KillFilePath} so an engine that cannot be seen still stops");
                return 1;
            }

            var exit = 0;
            foreach (var o in outcomes)
            {
                if (o.Response is { } r)
                {
                    Console.WriteLine($"engine {o.RunId} (pid {o.Pid}): killed in {r.ElapsedMs:F0} ms; resting orders after: {r.RestingAfter}{(r.Error is null ? "" : "; " + r.Error)}");
                    if (!r.NoOrderRests) exit = 3;
                }
                else if (o.StoppedByKillFile)
                {
                    Console.WriteLine($"engine {o.RunId} (pid {o.Pid}): endpoint unreachable, stopped by the kill file (see its log for the kill report)");
                }
                else
                {
                    Console.Error.WriteLine($"engine {o.RunId} (pid {o.Pid}): {o.Error}");
                    exit = 3;
                }
            }

            return exit;
        });
        return cmd;
    }
}
