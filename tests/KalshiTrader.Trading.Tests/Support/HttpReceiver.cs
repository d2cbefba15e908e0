using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KalshiTrader.Trading.Tests.Support;

/// <summary>A webhook receiver on 127.0.0.1 (port 0) that records every POST body and answers with a chosen status.</summary>
internal sealed class HttpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public ConcurrentQueue<string> Bodies { get; } = new();

    public int FailFirst { get; set; }

    public static async Task<HttpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        HttpReceiver? self = null;
        app.MapPost("/hook/{token}", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            if (self!.FailFirst > 0)
            {
                self.FailFirst--;
                return Results.StatusCode(500);
            }

            self.Bodies.Enqueue(body);
            return Results.NoContent();
        });
        await app.StartAsync();
        self = new HttpReceiver(app, app.Urls.First());
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
