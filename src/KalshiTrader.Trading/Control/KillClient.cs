using System.Net.Http.Json;

namespace KalshiTrader.Trading.Control;

/// <summary>What <c>kalshi-trader kill</c> achieved for one engine.</summary>
public sealed record KillOutcome(int Pid, string RunId, bool Reached, KillResponse? Response, string? Error);

/// <summary>
/// Reaches every engine running on this machine: POST /kill on each control endpoint from the state folder, and
/// always also writes the kill file, so an engine whose endpoint cannot be reached still stops on its next tick.
/// </summary>
public static class KillClient
{
    public static async Task<IReadOnlyList<KillOutcome>> KillAllAsync(EngineStateFolder folder, string reason, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var engines = folder.ReadLive();
        folder.WriteKillFile(reason);
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
        return await Task.WhenAll(tasks).ConfigureAwait(false);
    }
}
