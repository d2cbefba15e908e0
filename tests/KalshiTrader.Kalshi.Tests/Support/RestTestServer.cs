using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KalshiTrader.Kalshi.Tests.Support;

/// <summary>One request as the test server saw it.</summary>
internal sealed record SeenRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var v) ? v : null;
}

/// <summary>What the handler answers.</summary>
internal sealed record ScriptedResponse(int Status, string Body = "")
{
    public TimeSpan Delay { get; init; }
    public static ScriptedResponse Json(string body, int status = 200) => new(status, body);
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 (port 0, read back) answering every request with a test-supplied
/// handler, and recording each request. Used to test the REST client over real loopback HTTP.
/// </summary>
internal sealed class RestTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RestTestServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Base URL including /trade-api/v2.</summary>
    public Uri BaseUrl { get; }

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public static async Task<RestTestServer> StartAsync(Func<SeenRequest, ScriptedResponse> handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        RestTestServer? self = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString());
            var seen = new SeenRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.QueryString.Value ?? "", headers, body);
            self!.Requests.Enqueue(seen);
            var response = handler(seen);
            if (response.Delay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(response.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            context.Response.StatusCode = response.Status;
            if (response.Body.Length > 0)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(response.Body, context.RequestAborted);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new RestTestServer(app, new Uri(address.TrimEnd('/') + "/trade-api/v2"));
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
