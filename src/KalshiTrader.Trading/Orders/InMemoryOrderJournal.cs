namespace KalshiTrader.Trading.Orders;

/// <summary>A journal in memory: for tests and dry runs that keep nothing. Thread-safe so tests can read it while the engine writes.</summary>
public sealed class InMemoryOrderJournal : IOrderJournal
{
    private readonly object _gate = new();
    private readonly Dictionary<string, JournaledOrder> _orders = new(StringComparer.Ordinal);
    private readonly List<(JournaledOrder Order, string EventType)> _orderEvents = [];
    private readonly List<JournaledFill> _fills = [];
    private readonly List<JournalEvent> _events = [];

    public IReadOnlyList<JournaledOrder> Orders
    {
        get { lock (_gate) return [.. _orders.Values]; }
    }

    public IReadOnlyList<(JournaledOrder Order, string EventType)> OrderEvents
    {
        get { lock (_gate) return [.. _orderEvents]; }
    }

    public IReadOnlyList<JournaledFill> Fills
    {
        get { lock (_gate) return [.. _fills]; }
    }

    public IReadOnlyList<JournalEvent> Events
    {
        get { lock (_gate) return [.. _events]; }
    }

    public Task<JournalSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var open = _orders.Values.Where(o => !OrderStates.IsFinal(o.State)).ToList();
            return Task.FromResult(new JournalSnapshot(open, _fills.Select(f => f.TradeId).ToHashSet(StringComparer.Ordinal)));
        }
    }

    public Task WriteOrderAsync(JournaledOrder order, string eventType, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _orders[order.ClientOrderId] = order;
            _orderEvents.Add((order, eventType));
        }

        return Task.CompletedTask;
    }

    public Task WriteFillAsync(JournaledFill fill, CancellationToken cancellationToken)
    {
        lock (_gate) _fills.Add(fill);
        return Task.CompletedTask;
    }

    public Task WriteEventAsync(JournalEvent journalEvent, CancellationToken cancellationToken)
    {
        lock (_gate) _events.Add(journalEvent);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
