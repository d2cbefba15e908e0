namespace KalshiTrader.Trading.Orders;

/// <summary>
/// Where the order manager persists orders. <see cref="WriteOrderAsync"/> must be durable when it returns: an
/// order is journaled before it is sent, so a crash between the two leaves a record to reconcile by client
/// order id instead of an order nobody knows about.
/// </summary>
public interface IOrderJournal : IAsyncDisposable
{
    /// <summary>Orders of earlier runs that were not final (pending, resting, unknown) and fill ids already recorded.</summary>
    Task<JournalSnapshot> LoadAsync(CancellationToken cancellationToken);

    /// <summary>Upserts the order and appends an order event named <paramref name="eventType"/> (intent, sent, ack, update, fill, reconciled...).</summary>
    Task WriteOrderAsync(JournaledOrder order, string eventType, CancellationToken cancellationToken);

    Task WriteFillAsync(JournaledFill fill, CancellationToken cancellationToken);

    Task WriteEventAsync(JournalEvent journalEvent, CancellationToken cancellationToken);
}
