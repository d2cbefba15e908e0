using System.CommandLine;
using KalshiTrader.Exchange.Server;

namespace KalshiTrader.Cli.Exchange;

/// <summary>
/// <c>exchange serve --fault-...</c>: the faults of the admin API (<c>POST /local/faults/{kind}</c>) armed from the
/// start, for runs against an unreliable exchange. Each flag maps to one <see cref="FaultPlan"/> field.
/// </summary>
internal sealed class FaultFlags
{
    public Option<int?> HttpStatus { get; } = new("--fault-http-status") { Description = "answer Kalshi-API requests with this status (429, 500 or 503); needs --fault-http-count and/or --fault-http-every" };
    public Option<int> HttpCount { get; } = new("--fault-http-count") { Description = "the first N Kalshi-API requests get --fault-http-status" };
    public Option<int> HttpEvery { get; } = new("--fault-http-every") { Description = "every Nth Kalshi-API request gets --fault-http-status, for the whole run" };
    public Option<int?> DelayMs { get; } = new("--fault-delay-ms") { Description = $"delay Kalshi-API responses by MS milliseconds (1-{FaultPlan.MaxDelayMilliseconds}); needs --fault-delay-count and/or --fault-delay-every" };
    public Option<int> DelayCount { get; } = new("--fault-delay-count") { Description = "the first N Kalshi-API responses are delayed" };
    public Option<int> DelayEvery { get; } = new("--fault-delay-every") { Description = "every Nth Kalshi-API response is delayed, for the whole run" };
    public Option<int> SkipSeqEvery { get; } = new("--fault-skip-seq-every") { Description = "every Nth sequenced WebSocket message skips a seq number (a gap the client must resync)" };
    public Option<int> TornFrames { get; } = new("--fault-torn-frames") { Description = "the first N WebSocket data messages are cut short (unparseable JSON)" };
    public Option<int> PartialFills { get; } = new("--fault-partial-fills") { Description = "the first N crossing orders (participants' included) fill at most half their count" };
    public Option<double?> DropWsEverySeconds { get; } = new("--fault-drop-ws-every") { Description = "drop every WebSocket connection (no close handshake) every SECONDS (at least 0.1)" };

    public IEnumerable<Option> All => [HttpStatus, HttpCount, HttpEvery, DelayMs, DelayCount, DelayEvery, SkipSeqEvery, TornFrames, PartialFills, DropWsEverySeconds];

    /// <summary>The plan the flags describe, or the first problem in terms of the flags.</summary>
    public FaultPlan? Read(ParseResult pr, out string? error)
    {
        error = null;
        var plan = new FaultPlan
        {
            HttpStatus = pr.GetValue(HttpStatus),
            HttpCount = pr.GetValue(HttpCount),
            HttpEvery = pr.GetValue(HttpEvery),
            Delay = pr.GetValue(DelayMs) is { } ms ? TimeSpan.FromMilliseconds(ms) : null,
            DelayCount = pr.GetValue(DelayCount),
            DelayEvery = pr.GetValue(DelayEvery),
            SkipSequenceEvery = pr.GetValue(SkipSeqEvery),
            TornFrames = pr.GetValue(TornFrames),
            PartialFills = pr.GetValue(PartialFills),
            DropWebSocketsEvery = pr.GetValue(DropWsEverySeconds) is { } s ? TimeSpan.FromSeconds(s) : null,
        };

        error = FlagProblem(pr) ?? plan.Validate();
        return error is null ? plan : null;
    }

    /// <summary>Problems best named by flag (the plan's own check names fields in words).</summary>
    private string? FlagProblem(ParseResult pr)
    {
        foreach (var o in new[] { HttpCount, HttpEvery, DelayCount, DelayEvery, SkipSeqEvery, TornFrames, PartialFills })
        {
            if (pr.GetValue(o) < 0) return $"{o.Name} must not be negative; was {pr.GetValue(o)}";
        }

        if (pr.GetValue(HttpStatus) is { } status)
        {
            if (status is not (429 or 500 or 503)) return $"--fault-http-status must be 429, 500 or 503; was {status}";
            if (pr.GetValue(HttpCount) == 0 && pr.GetValue(HttpEvery) == 0) return "--fault-http-status needs --fault-http-count N and/or --fault-http-every N";
        }
        else if (pr.GetValue(HttpCount) > 0 || pr.GetValue(HttpEvery) > 0)
        {
            return "--fault-http-count and --fault-http-every need --fault-http-status 429|500|503";
        }

        if (pr.GetValue(DelayMs) is { } ms)
        {
            if (ms < 1 || ms > FaultPlan.MaxDelayMilliseconds) return $"--fault-delay-ms must be between 1 and {FaultPlan.MaxDelayMilliseconds}; was {ms}";
            if (pr.GetValue(DelayCount) == 0 && pr.GetValue(DelayEvery) == 0) return "--fault-delay-ms needs --fault-delay-count N and/or --fault-delay-every N";
        }
        else if (pr.GetValue(DelayCount) > 0 || pr.GetValue(DelayEvery) > 0)
        {
            return "--fault-delay-count and --fault-delay-every need --fault-delay-ms MS";
        }

        if (pr.GetValue(DropWsEverySeconds) is { } seconds && !(seconds >= 0.1 && seconds <= 86_400))
        {
            return $"--fault-drop-ws-every must be between 0.1 and 86400 seconds; was {seconds}";
        }

        return null;
    }
}
