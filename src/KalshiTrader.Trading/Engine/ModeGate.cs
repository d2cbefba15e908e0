using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Engine;

/// <summary>
/// Decides the run mode from the command line and the config. Dry-run is the default; paper sends to the local
/// exchange only; live needs BOTH <c>--live</c> and <c>trading.dry_run: false</c>, and the refusal says exactly which is missing.
/// </summary>
public static class ModeGate
{
    public static bool TryResolve(string? modeArgument, bool liveFlag, bool configDryRun, out EngineMode mode, out string? error)
    {
        error = null;
        mode = EngineMode.DryRun;
        var requested = (modeArgument ?? (liveFlag ? "live" : "dry-run")).Trim().ToLowerInvariant();
        switch (requested)
        {
            case "dry-run" or "dryrun" or "dry_run":
                if (liveFlag)
                {
                    error = "--live was given with --mode dry-run; drop --live for a dry run, or use --mode live --live with trading.dry_run: false for live trading";
                    return false;
                }

                return true;
            case "paper":
                if (liveFlag)
                {
                    error = "--live was given with --mode paper; paper trading goes to the local exchange and needs no --live";
                    return false;
                }

                mode = EngineMode.Paper;
                return true;
            case "live":
                var missing = new List<string>();
                if (!liveFlag) missing.Add("the --live flag on the command line");
                if (configDryRun) missing.Add("trading.dry_run: false in the config file (it is true, the default)");
                if (missing.Count > 0)
                {
                    error = "refusing to trade live: live mode needs BOTH --live on the command line AND trading.dry_run: false in config.yaml; missing: "
                            + string.Join(" and ", missing) + ". Example: kalshi-trader run --config config.yaml --mode live --live";
                    return false;
                }

                mode = EngineMode.Live;
                return true;
            default:
                error = $"--mode must be dry-run, paper or live, was '{modeArgument}'";
                return false;
        }
    }

    /// <summary>Paper mode must not reach a real exchange: the REST URL has to be on this machine.</summary>
    public static string? CheckPaperTarget(Uri restUrl) =>
        restUrl.IsLoopback
            ? null
            : $"paper mode sends orders to the local exchange only, but the REST URL is {restUrl.GetLeftPart(UriPartial.Authority)}; " +
              "start one with `kalshi-trader exchange serve` and set KALSHI_ENV=local (or kalshi.rest_url), or use --mode live for Kalshi demo/prod";
}
