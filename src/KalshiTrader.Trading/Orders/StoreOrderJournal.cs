using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Records;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Orders;

/// <summary>What a <see cref="StoreOrderJournal"/> recovers at start and how it batches evaluations.</summary>
public sealed record StoreOrderJournalOptions
{
    /// <summary>
    /// Recover only orders sent in this mode (a paper run must not adopt live orders, nor the reverse); null = any.
    /// </summary>
    public EngineMode? Mode { get; init; }

    /// <summary>
    /// Recover only orders of these strategies: another engine sharing the store keeps its own; null = every strategy.
    /// Orders left out stay open in the store and show as foreign orders at reconciliation.
    /// </summary>
    public IReadOnlyCollection<string>? Strategies { get; init; }

    /// <summary>False when this run trades on an exchange that is new (the demo): nothing of an earlier run applies.</summary>
    public bool RecoverEarlierRuns { get; init; } = true;

    /// <summary>Evaluations are many and need no durability before anything happens: they are written in batches.</summary>
    public int EvaluationBatch { get; init; } = 100;

    /// <summary>A batch of evaluations older than this is written with the next one, however small.</summary>
    public TimeSpan EvaluationFlushAge { get; init; } = TimeSpan.FromSeconds(5);
}

/// <summary>
/// The order journal in the store (SQLite or PostgreSQL). Every order write upserts the client_orders row keyed by
/// client order id — committed before <see cref="WriteOrderAsync"/> returns, so the intent is durable before the
/// order is sent — then appends an order_events row and, once the exchange's order id is known, the orders row.
/// Fills go to fills, evaluations to opportunities (batched), risk denials and reconciliation mismatches to
/// order_events. <see cref="LoadAsync"/> rebuilds the open orders of earlier runs and the fills already counted
/// for them, so a restart after SIGKILL adopts its orders instead of losing or duplicating them.
/// The store is the caller's to dispose.
/// </summary>
public sealed class StoreOrderJournal(IKalshiStore store, StoreOrderJournalOptions? options = null) : IOrderJournal
{
    private readonly StoreOrderJournalOptions _options = options ?? new StoreOrderJournalOptions();
    private readonly SemaphoreSlim _evaluationGate = new(1, 1);
    private readonly List<OpportunityRecord> _pendingEvaluations = [];
    private long _evaluationSeq;

    public IKalshiStore Store => store;

    public async Task<JournalSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        if (!_options.RecoverEarlierRuns) return new JournalSnapshot([], new HashSet<string>(StringComparer.Ordinal));
        var mode = _options.Mode?.ToString();
        var open = (await store.GetOpenClientOrdersAsync(cancellationToken).ConfigureAwait(false))
            .Where(o => mode is null || o.Mode == mode)
            .Where(o => _options.Strategies is null || _options.Strategies.Contains(o.Strategy, StringComparer.Ordinal))
            .ToList();

        // The fills already counted for these orders: replays of them are skipped, and the count they make is the
        // order's fill-message total, consistent with the ids by construction.
        var orderIds = open.Where(o => o.OrderId is not null).Select(o => o.OrderId!.Value).ToList();
        var fills = orderIds.Count == 0 ? [] : await store.GetFillsByOrderIdsAsync(orderIds, cancellationToken).ConfigureAwait(false);
        var counted = fills.GroupBy(f => f.Fill.OrderId.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Aggregate(Quantity.Zero, (sum, f) => sum + f.Fill.Count), StringComparer.Ordinal);
        var orders = open.Select(o => StoreJournalMapping.ToJournal(o, o.OrderId is { } id ? counted.GetValueOrDefault(id.Value) : Quantity.Zero)).ToList();
        return new JournalSnapshot(orders, fills.Select(f => f.Fill.TradeId.Value).ToHashSet(StringComparer.Ordinal));
    }

    public async Task WriteOrderAsync(JournaledOrder order, string eventType, CancellationToken cancellationToken)
    {
        // The recovery record first: once it has committed, a crash at any later point leaves an order to reconcile.
        await store.UpsertClientOrdersAsync([StoreJournalMapping.ToRecord(order)], cancellationToken).ConfigureAwait(false);
        await store.InsertOrderEventsAsync([StoreJournalMapping.ToEvent(order, eventType)], cancellationToken).ConfigureAwait(false);
        if (StoreJournalMapping.ToExchangeView(order) is { } view)
        {
            await store.UpsertOrdersAsync([view], cancellationToken).ConfigureAwait(false);
        }
    }

    public Task WriteFillAsync(JournaledFill fill, CancellationToken cancellationToken) =>
        store.UpsertFillsAsync([new FillRecord(fill.ToFill(), fill.RunId)], cancellationToken);

    public async Task WriteEventAsync(JournalEvent journalEvent, CancellationToken cancellationToken)
    {
        if (journalEvent is { Kind: "evaluation", Evaluation: { } evaluation, Strategy: { } strategy })
        {
            await AddEvaluationAsync(journalEvent, evaluation, strategy, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Engine start/stop and kill have no market: the run record and the log file carry them.
        if (journalEvent.Ticker is { } ticker)
        {
            await store.InsertOrderEventsAsync([StoreJournalMapping.ToEvent(journalEvent, ticker)], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the evaluations still buffered (callers may do this periodically; disposal does it last).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _evaluationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushEvaluationsAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _evaluationGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        _evaluationGate.Dispose();
    }

    private async Task AddEvaluationAsync(JournalEvent e, StrategyEvaluation evaluation, string strategy, CancellationToken cancellationToken)
    {
        var record = new OpportunityRecord
        {
            OpportunityId = $"{e.RunId}-{strategy}-{Interlocked.Increment(ref _evaluationSeq):D6}",
            RunId = e.RunId,
            Strategy = strategy,
            Kind = evaluation.Kind,
            RelationshipId = null,
            Tickers = evaluation.Markets,
            EvaluatedTime = e.Time,
            NetEdgePerContract = evaluation.Edge,
            ExecutableSize = evaluation.ExecutableSize ?? Quantity.Zero,
            Traded = evaluation.Traded,
            Reason = evaluation.Decision,
            DetailJson = e.DetailJson,
        };
        await _evaluationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _pendingEvaluations.Add(record);
            if (_pendingEvaluations.Count >= _options.EvaluationBatch || e.Time - _pendingEvaluations[0].EvaluatedTime >= _options.EvaluationFlushAge)
            {
                await FlushEvaluationsAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _evaluationGate.Release();
        }
    }

    private async Task FlushEvaluationsAsync(CancellationToken cancellationToken)
    {
        if (_pendingEvaluations.Count == 0) return;
        await store.UpsertOpportunitiesAsync(_pendingEvaluations.ToArray(), cancellationToken).ConfigureAwait(false);
        _pendingEvaluations.Clear();
    }
}
