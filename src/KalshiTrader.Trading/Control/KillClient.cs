using System.Net.Http.Json;

namespace KalshiTrader.Trading.Control;

/// <summary>What <c>kalshi-trader kill</c> achieved for one engine.</summary>
public sealed record KillOutcome(int Pid, string RunId, bool Reached, KillResponse? Response, string? Error)
{
    /// <summary>The endpoint was unreachable but the engine stopped after the kill file appeared.</summary>
    public bool StoppedByKillFile { get; init; }
}

/// <summary>
/// Reaches every engine running on this machine: POST /kill on each control endpoint from the state folder. When an
/// endpoint cannot be reached (or no engine is listed) it writes the kill file, which every engine checks on its
/// timer, and waits for those engines to stop. The file is written only as a fallback so that it cannot race the
/// endpoint (an engine stopped by the file closes its endpoint under the pending request).
/// </summary>
public static class KillClient
{
    public static async Task<IReadOnlyList<KillOutcome>> KillAllAsync(EngineStateFolder folder, string reason, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var engines = folder.ReadLive();
        if (engines.Count == 0) folder.WriteKillFile(reason);
        using var http = new HttpClient { Timeout = timeout };
        var tasks = engines.Select(async e =>
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, $"{e.Url.TrimEnd('/')}/kill?reason={Uri.EscapeDataString(reason)}");
                request.Headers.Add(ControlEndpoint.TokenHeader, e.Token);
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) return new KillOutcome(e.Pid, e.RunId, false, null, $"control endpoint answered {(int)response.StatusCode}; the kill file is the fallback");
                var body = await response.Content.ReadFromJsonAsync(StateJson.Default.KillResponse, cancellationToken).ConfigureAwait(false);
                return new KillOutcome(e.Pid, e.RunId, true, body, null);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return new KillOutcome(e.Pid, e.RunId, false, null, $"control endpoint unreachable ({ex.GetType().Name}); the kill file is the fallback");
            }
        });
        var outcomes = await Task.WhenAll(tasks).ConfigureAwait(false);
        if (outcomes.All(o => o.Reached)) return outcomes;

        folder.WriteKillFile(reason);
        var deadline = DateTimeOffset.UtcNow + timeout;
        var unreached = outcomes.Where(o => !o.Reached).Select(o => o.Pid).ToHashSet();
        while (DateTimeOffset.UtcNow < deadline && folder.ReadLive().Any(e => unreached.Contains(e.Pid)))
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        var stillRunning = folder.ReadLive().Select(e => e.Pid).ToHashSet();
        return outcomes.Select(o => o.Reached ? o
            : stillRunning.Contains(o.Pid) ? o
            : o with { Error = null, StoppedByKillFile = true }).ToList();
    }
}
