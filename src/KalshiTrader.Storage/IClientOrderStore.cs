using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;

namespace KalshiTrader.Storage;

/// <summary>
/// The engine's order journal in the store: orders keyed by client order id (they exist here before the exchange
/// has seen them) and the fills already recorded for them, which is what a restart after a crash needs to recover.
/// </summary>
public interface IClientOrderStore
{
    /// <summary>Keyed by client order id: a later state replaces the earlier one. Committed when the task completes.</summary>
    Task UpsertClientOrdersAsync(IReadOnlyList<ClientOrderRecord> orders, CancellationToken cancellationToken);

    Task<ClientOrderRecord?> GetClientOrderAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken);

    /// <summary>Orders not yet final (of any run), oldest first.</summary>
    Task<IReadOnlyList<ClientOrderRecord>> GetOpenClientOrdersAsync(CancellationToken cancellationToken);

    /// <summary>Every client order of one run, oldest first.</summary>
    Task<IReadOnlyList<ClientOrderRecord>> GetClientOrdersByRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>The fills recorded for these exchange order ids, ordered by time.</summary>
    Task<IReadOnlyList<FillRecord>> GetFillsByOrderIdsAsync(IReadOnlyCollection<OrderId> orderIds, CancellationToken cancellationToken);
}
