using KalshiTrader.Storage;
using KalshiTrader.Trading.Orders;

namespace KalshiTrader.Cli.Demo;

/// <summary>
/// The demo's order journal: the engine's <see cref="StoreOrderJournal"/> (orders in the store before they are sent,
/// fills, evaluations as opportunities) plus counting in <see cref="DemoActivity"/> for the live view and the report.
/// Every demo trades on a fresh exchange, so nothing of an earlier run is recovered.
/// </summary>
internal sealed class StoreJournal(IKalshiStore store, DemoActivity activity) : IOrderJournal
{
    private readonly StoreOrderJournal _inner = new(store, new StoreOrderJournalOptions { RecoverEarlierRuns = false });

    public Task<JournalSnapshot> LoadAsync(CancellationToken cancellationToken) => _inner.LoadAsync(cancellationToken);

    public Task WriteOrderAsync(JournaledOrder order, string eventType, CancellationToken cancellationToken)
    {
        activity.Order(order.Strategy, order.ClientOrderId);
        return _inner.WriteOrderAsync(order, eventType, cancellationToken);
    }

    public Task WriteFillAsync(JournaledFill fill, CancellationToken cancellationToken)
    {
        var domain = fill.ToFill();
        activity.Fill(fill.TradeId + "|" + fill.OrderId, new DemoFill(fill.Time, fill.Strategy, domain.Ticker, domain.Bought, domain.OutcomePrice, domain.Count, domain.Fee));
        return _inner.WriteFillAsync(fill, cancellationToken);
    }

    public Task WriteEventAsync(JournalEvent journalEvent, CancellationToken cancellationToken)
    {
        if (journalEvent.Kind == "risk_denied") activity.RiskDenied();
        if (journalEvent is { Kind: "evaluation", Strategy: { } strategy } &&
            DemoActivity.ParseEvaluation(journalEvent.Time, strategy, journalEvent.DetailJson) is { } evaluation)
        {
            activity.Evaluation(evaluation);
        }

        return _inner.WriteEventAsync(journalEvent, cancellationToken);
    }

    /// <summary>Writes buffered evaluations (the runner calls this periodically and at the end).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => _inner.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}
