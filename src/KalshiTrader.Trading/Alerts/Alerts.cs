namespace KalshiTrader.Trading.Alerts;

public enum AlertKind
{
    Trade,
    Error,
    Kill,
    DailyLoss,
    Info,
}

public sealed record Alert(AlertKind Kind, string Text, DateTimeOffset Time);

/// <summary>Where alerts go. <see cref="Publish"/> never blocks and never throws: the engine loop calls it.</summary>
public interface IAlertSink : IAsyncDisposable
{
    void Publish(Alert alert);

    /// <summary>Waits until queued alerts are sent (or the token fires); used at shutdown and in tests.</summary>
    Task FlushAsync(CancellationToken cancellationToken);
}

public sealed class NullAlertSink : IAlertSink
{
    public static NullAlertSink Instance { get; } = new();

    public void Publish(Alert alert)
    {
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
