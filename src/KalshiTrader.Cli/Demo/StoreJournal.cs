using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Records;
using KalshiTrader.Trading.Orders;

namespace KalshiTrader.Cli.Demo;

/// <summary>
/// The engine's order journal for the demo: orders, order events and fills go to the store (orders before they are
/// sent, as the journal contract requires), evaluations become opportunity rows, and everything is counted in
/// <see cref="DemoActivity"/> for the live view and the report. Every demo trades on a fresh exchange, so nothing
/// from an earlier run is loaded back.
/// </summary>
internal sealed class StoreJournal(IKalshiStore store, DemoActivity activity) : IOrderJournal
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<OpportunityRecord> _pendingOpportunities = [];
    private long _evaluationSeq;

    public Task<JournalSnapshot> LoadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new JournalSnapshot([], new HashSet<string>(StringComparer.Ordinal)));

    public async Task WriteOrderAsync(JournaledOrder order, string eventType, CancellationToken cancellationToken)
    {
        activity.Order(order.Strategy, order.ClientOrderId);
        var buy = order.Buy == "yes" ? Outcome.Yes : Outcome.No;
        var yesPrice = buy == Outcome.Yes ? Price.FromTicks(order.LimitTicks) : Price.FromTicks(order.LimitTicks).Complement;
        var status = StatusOf(order.State);
        var e = new OrderEventRecord
        {
            RunId = order.RunId,
            Time = order.UpdatedTime == default ? order.CreatedTime : order.UpdatedTime,
            EventType = eventType,
            ClientOrderId = new ClientOrderId(order.ClientOrderId),
            OrderId = order.OrderId is { } id ? new OrderId(id) : null,
            Ticker = order.Ticker,
            Side = buy.ToBuy(),
            YesPrice = yesPrice,
            Count = Quantity.FromHundredths(order.CountHundredths),
            FillCount = Quantity.FromHundredths(order.FilledHundredths),
            RemainingCount = Quantity.FromHundredths(order.RemainingHundredths),
            Status = status,
            Reason = order.Reason,
        };
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await store.InsertOrderEventsAsync([e], cancellationToken).ConfigureAwait(false);
            if (order.OrderId is { } orderId && status is { } s)
            {
                var record = new Order
                {
                    Id = new OrderId(orderId),
                    ClientOrderId = new ClientOrderId(order.ClientOrderId),
                    Ticker = order.Ticker,
                    Side = buy.ToBuy(),
                    YesPrice = yesPrice,
                    Status = s,
                    InitialCount = Quantity.FromHundredths(order.CountHundredths),
                    FillCount = Quantity.FromHundredths(order.FilledHundredths),
                    RemainingCount = Quantity.FromHundredths(order.RemainingHundredths),
                    TakerFillCost = Money.FromMicros(order.FillCostMicros),
                    TakerFees = Money.FromMicros(order.FeesMicros),
                    TimeInForce = Enum.TryParse<TimeInForce>(order.TimeInForce, out var tif) ? tif : null,
                    OrderGroupId = order.OrderGroupId,
                    CreatedTime = order.CreatedTime,
                    LastUpdateTime = order.UpdatedTime,
                    ExpirationTime = order.Expiration,
                    LastUpdateReason = order.Reason,
                };
                await store.UpsertOrdersAsync([new OrderRecord(record, order.RunId, order.Strategy)], cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task WriteFillAsync(JournaledFill fill, CancellationToken cancellationToken)
    {
        var side = fill.Side == "bid" ? OrderSide.Bid : OrderSide.Ask;
        var domain = new Fill
        {
            TradeId = new TradeId(fill.TradeId),
            OrderId = new OrderId(fill.OrderId),
            ClientOrderId = fill.ClientOrderId is { } c ? new ClientOrderId(c) : null,
            Ticker = fill.Ticker,
            Side = side,
            YesPrice = Price.FromTicks(fill.YesPriceTicks),
            Count = Quantity.FromHundredths(fill.CountHundredths),
            IsTaker = fill.IsTaker,
            Fee = Money.FromMicros(fill.FeeMicros),
            Time = fill.Time,
        };
        activity.Fill(fill.TradeId + "|" + fill.OrderId, new DemoFill(fill.Time, fill.Strategy, domain.Ticker, domain.Bought, domain.OutcomePrice, domain.Count, domain.Fee));
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await store.UpsertFillsAsync([new FillRecord(domain, fill.RunId)], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task WriteEventAsync(JournalEvent journalEvent, CancellationToken cancellationToken)
    {
        if (journalEvent.Kind == "risk_denied") activity.RiskDenied();
        if (journalEvent.Kind != "evaluation" || journalEvent.Strategy is null) return;
        if (DemoActivity.ParseEvaluation(journalEvent.Time, journalEvent.Strategy, journalEvent.DetailJson) is not { } evaluation) return;
        activity.Evaluation(evaluation);
        var seq = Interlocked.Increment(ref _evaluationSeq);
        var record = new OpportunityRecord
        {
            OpportunityId = $"{journalEvent.RunId}-{journalEvent.Strategy}-{seq:D6}",
            RunId = journalEvent.RunId,
            Strategy = journalEvent.Strategy,
            Kind = evaluation.Kind,
            Tickers = evaluation.Markets,
            EvaluatedTime = journalEvent.Time,
            Traded = evaluation.Traded,
            Reason = evaluation.Decision,
            DetailJson = journalEvent.DetailJson,
        };
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Evaluations are many and need no durability before anything happens: write them in batches.
            _pendingOpportunities.Add(record);
            if (_pendingOpportunities.Count >= 100) await FlushOpportunitiesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Writes buffered evaluations (the runner calls this periodically and at the end).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushOpportunitiesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task FlushOpportunitiesAsync(CancellationToken cancellationToken)
    {
        if (_pendingOpportunities.Count == 0) return;
        await store.UpsertOpportunitiesAsync(_pendingOpportunities.ToArray(), cancellationToken).ConfigureAwait(false);
        _pendingOpportunities.Clear();
    }

    private static OrderStatus? StatusOf(string state) => state switch
    {
        nameof(Trading.Strategy.OrderState.Resting) => OrderStatus.Resting,
        nameof(Trading.Strategy.OrderState.Filled) => OrderStatus.Executed,
        nameof(Trading.Strategy.OrderState.Canceled) => OrderStatus.Canceled,
        _ => null,
    };

    public async ValueTask DisposeAsync()
    {
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        _gate.Dispose();
    }
}
