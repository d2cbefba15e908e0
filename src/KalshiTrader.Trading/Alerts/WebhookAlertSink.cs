using System.Net.Http.Json;
using System.Text.Json.Serialization;
using System.Threading.Channels;
using KalshiTrader.Trading.Logging;

namespace KalshiTrader.Trading.Alerts;

/// <summary>
/// Posts alerts as JSON to a webhook. The body carries the text under both "content" (Discord) and "text"
/// (Slack), so one URL of either kind works. Queued and sent in the background; a failed post is logged and
/// retried a few times, never thrown. Text passes through the redactor.
/// </summary>
public sealed class WebhookAlertSink : IAlertSink
{
    private readonly Channel<Alert> _queue = Channel.CreateBounded<Alert>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    private readonly HttpClient _http;
    private readonly Uri _url;
    private readonly IReadOnlySet<AlertKind> _kinds;
    private readonly Redactor _redactor;
    private readonly IEngineLog _log;
    private readonly string _prefix;
    private readonly Task _sender;
    private long _queued;
    private long _done;

    public WebhookAlertSink(HttpClient http, Uri url, IReadOnlySet<AlertKind> kinds, Redactor redactor, IEngineLog log, string prefix = "kalshi-trader")
    {
        _http = http;
        _url = url;
        _kinds = kinds;
        _redactor = redactor;
        _log = log;
        _prefix = prefix;
        redactor.AddSecret(url.ToString()); // webhook URLs embed their token
        _sender = Task.Run(SendLoopAsync);
    }

    public long Sent { get; private set; }

    public long Failed { get; private set; }

    public void Publish(Alert alert)
    {
        if (!_kinds.Contains(alert.Kind)) return;
        Interlocked.Increment(ref _queued);
        if (!_queue.Writer.TryWrite(alert)) Interlocked.Increment(ref _done);
    }

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        while (Interlocked.Read(ref _done) < Interlocked.Read(ref _queued))
        {
            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _sender.WaitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutdown does not wait forever on a dead webhook.
        }
    }

    private async Task SendLoopAsync()
    {
        await foreach (var alert in _queue.Reader.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                var text = _redactor.Redact($"[{_prefix}] {alert.Kind.ToString().ToUpperInvariant()}: {alert.Text}");
                var body = new WebhookBody(text, text, alert.Kind.ToString().ToLowerInvariant(), alert.Time);
                for (var attempt = 1; attempt <= 3; attempt++)
                {
                    try
                    {
                        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                        using var response = await _http.PostAsJsonAsync(_url, body, WebhookJson.Default.WebhookBody, timeout.Token).ConfigureAwait(false);
                        if (response.IsSuccessStatusCode)
                        {
                            Sent++;
                            break;
                        }

                        if (attempt == 3)
                        {
                            Failed++;
                            _log.Warn("alert.failed", $"webhook answered {(int)response.StatusCode}");
                        }
                    }
                    catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
                    {
                        if (attempt == 3)
                        {
                            Failed++;
                            _log.Warn("alert.failed", $"webhook post failed: {ex.GetType().Name}");
                        }
                    }

                    await Task.Delay(200 * attempt).ConfigureAwait(false);
                }
            }
            finally
            {
                Interlocked.Increment(ref _done);
            }
        }
    }
}

internal sealed record WebhookBody(
    [property: JsonPropertyName("content")] string Content,
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("time")] DateTimeOffset Time);

[JsonSerializable(typeof(WebhookBody))]
internal sealed partial class WebhookJson : JsonSerializerContext;
