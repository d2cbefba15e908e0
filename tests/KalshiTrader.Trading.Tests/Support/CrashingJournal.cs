using KalshiTrader.Trading.Orders;

namespace KalshiTrader.Trading.Tests.Support;

/// <summary>
/// A journal that behaves like the process died right after it wrote the order event named
/// <paramref name="crashAfter"/>: everything up to that write is kept, everything after it is lost, while the engine
/// runs on (so a test can stop it without anything the engine learned later being recorded).
/// </summary>
internal sealed class CrashingJournal(IOrderJournal inner, string crashAfter) : IOrderJournal
{
    private volatile bool _crashed;

    public bool Crashed => _crashed;

    public Task<JournalSnapshot> LoadAsync(CancellationToken cancellationToken) => inner.LoadAsync(cancellationToken);

    public async Task WriteOrderAsync(JournaledOrder order, string eventType, CancellationToken cancellationToken)
    {
        if (_crashed) return;
        await inner.WriteOrderAsync(order, eventType, cancellationToken);
        if (eventType == crashAfter) _crashed = true;
    }

    public Task WriteFillAsync(JournaledFill fill, CancellationToken cancellationToken) =>
        _crashed ? Task.CompletedTask : inner.WriteFillAsync(fill, cancellationToken);

    public Task WriteEventAsync(JournalEvent journalEvent, CancellationToken cancellationToken) =>
        _crashed ? Task.CompletedTask : inner.WriteEventAsync(journalEvent, cancellationToken);

    public ValueTask DisposeAsync() => _crashed ? ValueTask.CompletedTask : inner.DisposeAsync();
}
