using System.Text.Json;
using KalshiTrader.Trading.Alerts;
using KalshiTrader.Trading.Logging;
using KalshiTrader.Trading.Tests.Support;

namespace KalshiTrader.Trading.Tests.Alerts;

public sealed class WebhookAlertSinkTests
{
    private static readonly HashSet<AlertKind> All = [AlertKind.Trade, AlertKind.Error, AlertKind.Kill, AlertKind.DailyLoss];

    [Fact]
    public async Task AnAlertArrivesAsDiscordAndSlackCompatibleJson()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        using var http = new HttpClient();
        await using var sink = new WebhookAlertSink(http, new Uri(receiver.Url + "/hook/tok3n-abcdef"), All, new Redactor(), NullEngineLog.Instance);

        sink.Publish(new Alert(AlertKind.Kill, "kill switch tripped: test", DateTimeOffset.UtcNow));
        await sink.FlushAsync(TestContext.Current.CancellationToken);

        var body = Assert.Single(receiver.Bodies);
        using var doc = JsonDocument.Parse(body);
        var content = doc.RootElement.GetProperty("content").GetString();
        Assert.Equal(content, doc.RootElement.GetProperty("text").GetString());
        Assert.Contains("KILL", content);
        Assert.Contains("kill switch tripped: test", content);
    }

    [Fact]
    public async Task SecretsAreRedactedFromAlertText()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        using var http = new HttpClient();
        var redactor = new Redactor();
        redactor.AddSecret("my-api-key-id-123456");
        await using var sink = new WebhookAlertSink(http, new Uri(receiver.Url + "/hook/tok3n-abcdef"), All, redactor, NullEngineLog.Instance);

        sink.Publish(new Alert(AlertKind.Error, "failed with key my-api-key-id-123456 at " + receiver.Url + "/hook/tok3n-abcdef", DateTimeOffset.UtcNow));
        await sink.FlushAsync(TestContext.Current.CancellationToken);

        var body = Assert.Single(receiver.Bodies);
        Assert.DoesNotContain("my-api-key-id-123456", body);
        Assert.DoesNotContain("tok3n-abcdef", body);
    }

    [Fact]
    public async Task KindsThatAreSwitchedOffAreNotSentAndAFailedPostIsRetried()
    {
        await using var receiver = await HttpReceiver.StartAsync();
        receiver.FailFirst = 1;
        using var http = new HttpClient();
        await using var sink = new WebhookAlertSink(http, new Uri(receiver.Url + "/hook/x123456"), new HashSet<AlertKind> { AlertKind.DailyLoss }, new Redactor(), NullEngineLog.Instance);

        sink.Publish(new Alert(AlertKind.Trade, "a trade", DateTimeOffset.UtcNow));
        sink.Publish(new Alert(AlertKind.DailyLoss, "daily loss limit", DateTimeOffset.UtcNow));
        await sink.FlushAsync(TestContext.Current.CancellationToken);

        var body = Assert.Single(receiver.Bodies);
        Assert.Contains("daily loss limit", body);
        Assert.Equal(1, sink.Sent);
    }
}
