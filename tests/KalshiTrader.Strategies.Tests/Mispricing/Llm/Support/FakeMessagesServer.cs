using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KalshiTrader.Strategies.Tests.Mispricing.Llm.Support;

/// <summary>One POST /v1/messages as the server saw it.</summary>
internal sealed record MessagesRequest(string Model, string System, string User, long MaxTokens);

/// <summary>
/// Anthropic's Messages API on 127.0.0.1 (port 0): POST /v1/messages checks the x-api-key and anthropic-version
/// headers like the real service (401 / 400 with the real error shape), then answers with the recorded response the
/// test's responder returns for the request (see <see cref="RecordedMessages"/>). Every accepted request is kept.
/// </summary>
internal sealed class FakeMessagesServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeMessagesServer(WebApplication app, string url)
    {
        _app = app;
        BaseUrl = url;
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<MessagesRequest> Requests { get; } = new();

    /// <summary>Requests refused for a missing or wrong key or version (never answered with a recorded response).</summary>
    public int Refused => _refused;

    private int _refused;

    public static async Task<FakeMessagesServer> StartAsync(string apiKey, Func<MessagesRequest, string> respond)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeMessagesServer? self = null;
        app.MapPost("/v1/messages", async (HttpContext http) =>
        {
            if (http.Request.Headers["x-api-key"].ToString() != apiKey)
            {
                Interlocked.Increment(ref self!._refused);
                return Error(401, "authentication_error", "invalid x-api-key");
            }

            if (string.IsNullOrWhiteSpace(http.Request.Headers["anthropic-version"].ToString()))
            {
                Interlocked.Increment(ref self!._refused);
                return Error(400, "invalid_request_error", "anthropic-version: header is required");
            }

            using var doc = await JsonDocument.ParseAsync(http.Request.Body);
            var root = doc.RootElement;
            var user = root.GetProperty("messages")[0].GetProperty("content");
            var request = new MessagesRequest(
                root.GetProperty("model").GetString()!,
                root.TryGetProperty("system", out var s) ? s.GetString() ?? "" : "",
                user.ValueKind == JsonValueKind.String ? user.GetString()! : user[0].GetProperty("text").GetString()!,
                root.GetProperty("max_tokens").GetInt64());
            self!.Requests.Enqueue(request);
            return Results.Text(respond(request), "application/json");
        });
        await app.StartAsync();
        self = new FakeMessagesServer(app, app.Urls.First());
        return self;
    }

    private static IResult Error(int status, string type, string message) =>
        Results.Text(JsonSerializer.Serialize(new { type = "error", error = new { type, message } }), "application/json", statusCode: status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Responses in the real Messages API response format, usage included.</summary>
internal static class RecordedMessages
{
    private static int _next;

    public static string Text(string model, string text, long inputTokens = 1_000, long outputTokens = 200) => JsonSerializer.Serialize(new Dictionary<string, object?>
    {
        ["id"] = $"msg_01Fake{Interlocked.Increment(ref _next):D6}",
        ["type"] = "message",
        ["role"] = "assistant",
        ["model"] = model,
        ["content"] = new object[] { new Dictionary<string, object?> { ["type"] = "text", ["text"] = text } },
        ["stop_reason"] = "end_turn",
        ["stop_sequence"] = null,
        ["usage"] = new Dictionary<string, object?>
        {
            ["input_tokens"] = inputTokens,
            ["cache_creation_input_tokens"] = 0,
            ["cache_read_input_tokens"] = 0,
            ["output_tokens"] = outputTokens,
            ["service_tier"] = "standard",
        },
    });

    public static string Confirm(string model, decimal confidence = 0.95m, string reasoning = "The rules make the link hold exactly as stated.") =>
        Text(model, JsonSerializer.Serialize(new { verdict = "confirm", confidence, reasoning }), 1_500, 120);

    public static string Reject(string model, string reasoning) =>
        Text(model, JsonSerializer.Serialize(new { verdict = "reject", confidence = 0.9m, reasoning }), 1_500, 120);
}
