using System.Security.Cryptography;
using KalshiTrader.Trading.Engine;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KalshiTrader.Trading.Control;

/// <summary>
/// The engine's local control endpoint: HTTP on 127.0.0.1 (a free port), GET /status and POST /kill, guarded by a
/// random token that only the state file (mode 0600) carries. Started by <c>run</c>; found by <c>kill</c>.
/// </summary>
public sealed class ControlEndpoint : IAsyncDisposable
{
    public const string TokenHeader = "X-Kalshi-Trader-Token";
    private readonly WebApplication _app;
    private readonly EngineStateFolder _folder;
    private readonly int _pid = Environment.ProcessId;

    private ControlEndpoint(WebApplication app, EngineStateFolder folder, string url, string token, string stateFile)
    {
        _app = app;
        _folder = folder;
        Url = url;
        Token = token;
        StateFile = stateFile;
    }

    public string Url { get; }

    public string Token { get; }

    public string StateFile { get; }

    public static async Task<ControlEndpoint> StartAsync(TradingEngine engine, EngineStateFolder folder, CancellationToken cancellationToken)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapGet("/status", (HttpContext http) => Authorized(http, token)
            ? Results.Json(engine.Status, StateJson.Default.EngineStatus)
            : Results.Unauthorized());
        app.MapPost("/kill", async (HttpContext http) =>
        {
            if (!Authorized(http, token)) return Results.Unauthorized();
            var reason = http.Request.Query["reason"].FirstOrDefault() is { Length: > 0 } r ? r : "kalshi-trader kill";
            var report = await engine.KillAsync(reason, http.RequestAborted).ConfigureAwait(false);
            return Results.Json(
                new KillResponse(engine.RunId, report.NoOrderRests, report.RestingAfter, report.Elapsed.TotalMilliseconds, report.Error),
                StateJson.Default.KillResponse);
        });
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var url = app.Urls.First();
        var stateFile = folder.Write(new EngineStateRecord
        {
            Pid = Environment.ProcessId,
            Url = url,
            Token = token,
            RunId = engine.RunId,
            Mode = TradingEngine.ModeName(engine.Mode),
            StartedTime = DateTimeOffset.UtcNow,
        });
        return new ControlEndpoint(app, folder, url, token, stateFile);
    }

    public async ValueTask DisposeAsync()
    {
        _folder.Remove(_pid);
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private static bool Authorized(HttpContext http, string token) =>
        http.Request.Headers.TryGetValue(TokenHeader, out var given) &&
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(given.ToString()), System.Text.Encoding.ASCII.GetBytes(token));
}
