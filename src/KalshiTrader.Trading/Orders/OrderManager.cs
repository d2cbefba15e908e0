using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Trading.Logging;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Orders;

/// <summary>
/// Tracks every order from intent to final state. Journals an order BEFORE sending it; an unknown create outcome
/// (timeout, 5xx, a 409 on our own client id) blocks that market until reconciliation finds the order by client
/// order id or proves it never existed — so there is never a duplicate order and never a lost one.
/// Used only from the engine loop: no locks.
/// </summary>
internal sealed class OrderManager
{
    private readonly IExchange? _exchange;
    private readonly IOrderJournal _journal;
    private readonly ClientOrderIdFactory _ids;
    private readonly EngineMode _mode;
    private readonly TimeProvider _clock;
    private readonly IEngineLog _log;
    private readonly Dictionary<string, TrackedOrder> _byClientId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrackedOrder> _byOrderId = new(StringComparer.Ordinal);
    private readonly HashSet<string> _seenFills = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _blocked = new(StringComparer.Ordinal);

    public OrderManager(IExchange? exchange, IOrderJournal journal, ClientOrderIdFactory ids, EngineMode mode, TimeProvider clock, IEngineLog log)
    {
        if (mode != EngineMode.DryRun && exchange is null) throw new ArgumentException("paper and live modes need an exchange", nameof(exchange));
        _exchange = exchange;
        _journal = journal;
        _ids = ids;
        _mode = mode;
        _clock = clock;
        _log = log;
    }

    public string RunId => _ids.RunId;

    public IEnumerable<TrackedOrder> All => _byClientId.Values;

    public IEnumerable<TrackedOrder> Open => _byClientId.Values.Where(o => o.IsOpen);

    public int OpenCount => _byClientId.Values.Count(o => o.IsOpen);

    public TrackedOrder? Find(ClientOrderId id) => _byClientId.GetValueOrDefault(id.Value);

    /// <summary>Markets blocked by an unknown create outcome, with the reason.</summary>
    public IReadOnlyDictionary<string, string> Blocked => _blocked;

    public bool IsBlocked(MarketTicker ticker, out string? reason) => _blocked.TryGetValue(ticker.Value, out reason);

    /// <summary>Loads the journal's open orders (from a run that crashed or stopped): they stay blocked until reconciled.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var snapshot = await _journal.LoadAsync(cancellationToken).ConfigureAwait(false);
        foreach (var id in snapshot.KnownFillIds) _seenFills.Add(id);
        foreach (var j in snapshot.OpenOrders)
        {
            var order = TrackedOrder.FromJournal(j);
            Track(order);
            if (order.State is OrderState.Pending or OrderState.Unknown)
            {
                order.State = OrderState.Unknown;
                _blocked[order.Intent.Ticker.Value] = $"order {order.ClientOrderId} from an earlier run has an unknown outcome";
            }
        }

        if (snapshot.OpenOrders.Count > 0)
        {
            _log.Info("orders.loaded", $"{snapshot.OpenOrders.Count} open orders from the journal await reconciliation");
        }
    }

    public async Task<OrderResult> SubmitAsync(string strategy, OrderIntent intent, Quantity simulatedFill, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var order = new TrackedOrder
        {
            ClientOrderId = _ids.Next(strategy),
            Strategy = strategy,
            Intent = intent,
            State = OrderState.Pending,
            Remaining = intent.Count,
            Created = now,
            Updated = now,
        };
        Track(order);

        if (_mode == EngineMode.DryRun)
        {
            order.State = OrderState.Simulated;
            order.Filled = simulatedFill;
            order.Remaining = intent.Count - simulatedFill;
            order.Reason = "dry-run: not sent";
            await JournalAsync(order, "dry_run", cancellationToken).ConfigureAwait(false);
            return new OrderResult
            {
                Status = OrderResultStatus.DryRun,
                ClientOrderId = order.ClientOrderId,
                FilledCount = simulatedFill,
                RemainingCount = order.Remaining,
                Message = "dry-run: recorded, not sent",
            };
        }

        // Durable BEFORE the exchange can know about it.
        await JournalAsync(order, "intent", CancellationToken.None).ConfigureAwait(false);

        var request = new OrderRequest
        {
            Ticker = intent.Ticker,
            Side = intent.Side,
            YesPrice = intent.YesPrice,
            Count = intent.Count,
            TimeInForce = intent.TimeInForce,
            ClientOrderId = order.ClientOrderId,
            PostOnly = intent.PostOnly,
            ReduceOnly = intent.ReduceOnly,
            Expiration = intent.Expiration,
            OrderGroupId = intent.OrderGroupId,
        };

        ExchangeResult<OrderAck> response;
        try
        {
            response = await _exchange!.CreateOrderAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // We stopped waiting; the request may have reached the exchange.
            response = new ExchangeError(ExchangeErrorKind.Timeout, "canceled while waiting for the exchange", OutcomeUnknown: true);
        }

        order.Updated = _clock.GetUtcNow();
        if (response.IsOk)
        {
            var ack = response.Value!;
            order.OrderId = ack.OrderId;
            _byOrderId[ack.OrderId.Value] = order;
            order.Filled = Quantity.Max(order.Filled, ack.FillCount);
            order.Remaining = ack.RemainingCount;
            order.State = StateAfterAck(order);
            order.Reason = order.State == OrderState.Canceled ? $"{intent.TimeInForce} remainder canceled" : null;
            await JournalAsync(order, "ack", CancellationToken.None).ConfigureAwait(false);
            return new OrderResult
            {
                Status = OrderResultStatus.Accepted,
                ClientOrderId = order.ClientOrderId,
                OrderId = ack.OrderId,
                FilledCount = order.Filled,
                RemainingCount = order.Remaining,
            };
        }

        var error = response.Error!;
        if (error.OutcomeUnknown || error.Kind == ExchangeErrorKind.Conflict)
        {
            order.State = OrderState.Unknown;
            order.Reason = error.ToString();
            _blocked[intent.Ticker.Value] = $"create of {order.ClientOrderId} has an unknown outcome ({error.Kind})";
            await JournalAsync(order, "unknown", CancellationToken.None).ConfigureAwait(false);
            _log.Warn("order.unknown", $"{order.ClientOrderId} on {intent.Ticker}: outcome unknown, market blocked until reconciled",
                ("error", error.ToString()));
            return new OrderResult
            {
                Status = OrderResultStatus.OutcomeUnknown,
                ClientOrderId = order.ClientOrderId,
                Error = error,
                Message = "outcome unknown: the market is blocked until reconciliation by client order id",
            };
        }

        order.State = OrderState.Rejected;
        order.Remaining = Quantity.Zero;
        order.Reason = error.ToString(); // kind, HTTP status, Kalshi's code and its message: what the strategy and the journal need
        await JournalAsync(order, "rejected", CancellationToken.None).ConfigureAwait(false);
        var notSent = error.Kind is ExchangeErrorKind.RateLimited or ExchangeErrorKind.Transport or ExchangeErrorKind.Refused;
        return new OrderResult
        {
            Status = notSent ? OrderResultStatus.Failed : OrderResultStatus.Rejected,
            ClientOrderId = order.ClientOrderId,
            Error = error,
            Message = error.ToString(),
        };
    }

    public async Task<OrderResult> CancelAsync(TrackedOrder order, CancellationToken cancellationToken)
    {
        if (order.IsFinal) return Refused(order, $"order is already {order.State}");
        if (order.OrderId is not { } orderId)
        {
            return Refused(order, "the order's outcome is unknown: it can be canceled once reconciliation finds it");
        }

        var response = await _exchange!.CancelOrderAsync(orderId, order.Intent.Ticker, cancellationToken).ConfigureAwait(false);
        order.Updated = _clock.GetUtcNow();
        if (!response.IsOk)
        {
            if (response.Error!.Kind == ExchangeErrorKind.NotFound) _blocked.TryAdd(order.Intent.Ticker.Value, $"cancel of {order.ClientOrderId} found no order");
            return new OrderResult { Status = ResultFor(response.Error!), ClientOrderId = order.ClientOrderId, OrderId = orderId, Error = response.Error, Message = response.Error!.ToString() };
        }

        order.Remaining = Quantity.Zero;
        order.State = order.Filled >= order.Intent.Count ? OrderState.Filled : OrderState.Canceled;
        order.Reason = "Canceled";
        await JournalAsync(order, "canceled", CancellationToken.None).ConfigureAwait(false);
        return new OrderResult { Status = OrderResultStatus.Accepted, ClientOrderId = order.ClientOrderId, OrderId = orderId, FilledCount = order.Filled };
    }

    public async Task<OrderResult> AmendAsync(TrackedOrder order, Price newOutcomePrice, Quantity newTotalCount, CancellationToken cancellationToken)
    {
        if (order.IsFinal || order.State != OrderState.Resting) return Refused(order, $"only a resting order can be amended; it is {order.State}");
        var amended = order.Intent with { LimitPrice = newOutcomePrice, Count = newTotalCount };
        var response = await _exchange!.AmendOrderAsync(order.OrderId!.Value, amended.Ticker, amended.Side, amended.YesPrice, newTotalCount, cancellationToken)
            .ConfigureAwait(false);
        order.Updated = _clock.GetUtcNow();
        if (!response.IsOk)
        {
            if (response.Error!.OutcomeUnknown) _blocked[order.Intent.Ticker.Value] = $"amend of {order.ClientOrderId} has an unknown outcome";
            return new OrderResult { Status = ResultFor(response.Error!), ClientOrderId = order.ClientOrderId, OrderId = order.OrderId, Error = response.Error, Message = response.Error!.ToString() };
        }

        order.Intent = amended;
        order.Remaining = response.Value!.RemainingCount;
        order.State = order.Remaining.IsPositive ? OrderState.Resting : StateAfterAck(order);
        order.Reason = "Amend";
        await JournalAsync(order, "amended", CancellationToken.None).ConfigureAwait(false);
        return new OrderResult { Status = OrderResultStatus.Accepted, ClientOrderId = order.ClientOrderId, OrderId = order.OrderId, FilledCount = order.Filled, RemainingCount = order.Remaining };
    }

    /// <summary>Applies an order update from the feed; returns the tracked order when it is ours.</summary>
    public async Task<TrackedOrder?> ApplyUpdateAsync(Order update, CancellationToken cancellationToken)
    {
        var order = Match(update);
        if (order is null) return null;
        if (!ApplyExchangeView(order, update)) return null;
        order.Reason = update.LastUpdateReason ?? order.Reason;
        await JournalAsync(order, "update", cancellationToken).ConfigureAwait(false);
        return order;
    }

    /// <summary>Applies a fill once (deduplicated by trade id); returns the order when it is ours and the fill is new.</summary>
    public async Task<(bool IsNew, TrackedOrder? Order)> ApplyFillAsync(Fill fill, CancellationToken cancellationToken)
    {
        if (!_seenFills.Add(fill.TradeId.Value)) return (false, null);
        var order = (fill.ClientOrderId is { } c ? _byClientId.GetValueOrDefault(c.Value) : null)
                    ?? _byOrderId.GetValueOrDefault(fill.OrderId.Value);

        // The fill is recorded before the order that counts it: a crash in between leaves the order short (the
        // exchange's fill count corrects that at reconciliation), never counting a fill a restart will replay.
        await _journal.WriteFillAsync(JournaledFill.From(fill, order?.Strategy, RunId), cancellationToken).ConfigureAwait(false);
        if (order is not null)
        {
            order.FilledFromFills += fill.Count;
            order.Filled = Quantity.Max(order.Filled, order.FilledFromFills);
            order.FillCost += fill.OutcomePrice.Times(fill.Count);
            order.Fees += fill.Fee;
            order.OrderId ??= fill.OrderId;
            _byOrderId[fill.OrderId.Value] = order;
            if (order.Filled >= order.Intent.Count)
            {
                order.State = OrderState.Filled;
                order.Remaining = Quantity.Zero;
            }
            else if (order.State == OrderState.Resting)
            {
                order.Remaining = Quantity.Min(order.Remaining, order.Intent.Count - order.Filled);
            }

            order.Updated = _clock.GetUtcNow();
            await JournalAsync(order, "fill", cancellationToken).ConfigureAwait(false);
        }

        return (true, order);
    }

    /// <summary>
    /// Brings every open order in line with the exchange's list (which must cover all statuses since the oldest open
    /// order was created). Orders with an unknown outcome are resolved by client order id: found means adopt it,
    /// absent means it was never created. Markets whose unknowns are all resolved are unblocked.
    /// </summary>
    public async Task<OrderReconcileReport> ReconcileAsync(IReadOnlyList<Order> exchangeOrders, CancellationToken cancellationToken)
    {
        var byClient = new Dictionary<string, Order>(StringComparer.Ordinal);
        var byId = new Dictionary<string, Order>(StringComparer.Ordinal);
        foreach (var o in exchangeOrders)
        {
            byId[o.Id.Value] = o;
            if (o.ClientOrderId is { } c) byClient[c.Value] = o;
        }

        var changed = new List<TrackedOrder>();
        var resolved = new List<TrackedOrder>();
        foreach (var order in _byClientId.Values.Where(o => o.IsOpen).ToList())
        {
            var match = byClient.GetValueOrDefault(order.ClientOrderId.Value)
                        ?? (order.OrderId is { } id ? byId.GetValueOrDefault(id.Value) : null);
            var wasUnknown = order.State == OrderState.Unknown;
            if (match is not null)
            {
                order.OrderId = match.Id;
                _byOrderId[match.Id.Value] = order;
                if (ApplyExchangeView(order, match) || wasUnknown)
                {
                    order.Reason = wasUnknown ? "reconciled: found at the exchange by client order id" : match.LastUpdateReason ?? "reconciled";
                    changed.Add(order);
                }
            }
            else
            {
                order.State = wasUnknown || order.State == OrderState.Pending ? OrderState.Rejected : OrderState.Canceled;
                order.Remaining = Quantity.Zero;
                order.Reason = wasUnknown
                    ? "reconciled: no order with this client order id exists at the exchange (never created)"
                    : "reconciled: the order is missing at the exchange";
                order.Updated = _clock.GetUtcNow();
                changed.Add(order);
            }

            if (wasUnknown) resolved.Add(order);
        }

        foreach (var order in changed) await JournalAsync(order, "reconciled", cancellationToken).ConfigureAwait(false);

        foreach (var ticker in _blocked.Keys.ToList())
        {
            if (!_byClientId.Values.Any(o => o.State == OrderState.Unknown && o.Intent.Ticker.Value == ticker)) _blocked.Remove(ticker);
        }

        var foreign = exchangeOrders
            .Where(o => o.Status == OrderStatus.Resting && !(o.ClientOrderId is { } c && _byClientId.ContainsKey(c.Value)) && !_byOrderId.ContainsKey(o.Id.Value))
            .ToList();
        return new OrderReconcileReport(changed, resolved, foreign);
    }

    /// <summary>The earliest creation time among open orders (reconciliation lists orders since then).</summary>
    public DateTimeOffset? OldestOpenCreated => _byClientId.Values.Where(o => o.IsOpen).Select(o => (DateTimeOffset?)o.Created).Min();

    /// <summary>Marks every open order canceled after a verified cancel-all.</summary>
    public async Task MarkAllCanceledAsync(string reason, CancellationToken cancellationToken)
    {
        foreach (var order in _byClientId.Values.Where(o => o.State == OrderState.Resting).ToList())
        {
            order.State = OrderState.Canceled;
            order.Remaining = Quantity.Zero;
            order.Reason = reason;
            order.Updated = _clock.GetUtcNow();
            await JournalAsync(order, "canceled", cancellationToken).ConfigureAwait(false);
        }
    }

    private static OrderState StateAfterAck(TrackedOrder order)
    {
        if (order.Remaining.IsPositive) return OrderState.Resting;
        return order.Filled >= order.Intent.Count ? OrderState.Filled : OrderState.Canceled;
    }

    /// <summary>Copies the exchange's view of an order; returns whether anything changed.</summary>
    private bool ApplyExchangeView(TrackedOrder order, Order view)
    {
        var state = view.Status switch
        {
            OrderStatus.Resting => OrderState.Resting,
            OrderStatus.Executed => OrderState.Filled,
            _ => view.FillCount >= order.Intent.Count ? OrderState.Filled : OrderState.Canceled,
        };
        // The exchange has executed or canceled it: a resting view arriving later is older news, not a reopening.
        // (An order we marked Rejected because reconciliation could not find it may still appear: that is adopted.)
        if (state == OrderState.Resting && order.State is OrderState.Filled or OrderState.Canceled) return false;

        // The exchange may have amended price/size (e.g. amend from another session): keep the intent in step.
        var count = view.InitialCount.IsPositive && state == OrderState.Resting ? view.InitialCount : order.Intent.Count;
        var filled = Quantity.Max(order.FilledFromFills, view.FillCount);

        // A view older than fills we already counted (REST lags the socket) must not rest more than is left.
        var remaining = state == OrderState.Resting ? Quantity.Max(Quantity.Zero, Quantity.Min(view.RemainingCount, count - filled)) : Quantity.Zero;
        if (state == order.State && filled == order.Filled && remaining == order.Remaining && order.OrderId == view.Id) return false;

        if (count != order.Intent.Count) order.Intent = order.Intent with { Count = count };

        order.State = state;
        order.Filled = filled;
        order.Remaining = remaining;
        order.OrderId = view.Id;
        order.Updated = _clock.GetUtcNow();
        return true;
    }

    private TrackedOrder? Match(Order update)
    {
        if (update.ClientOrderId is { } c && _byClientId.TryGetValue(c.Value, out var byClient)) return byClient;
        return _byOrderId.GetValueOrDefault(update.Id.Value);
    }

    private void Track(TrackedOrder order)
    {
        _byClientId[order.ClientOrderId.Value] = order;
        if (order.OrderId is { } id) _byOrderId[id.Value] = order;
    }

    private Task JournalAsync(TrackedOrder order, string eventType, CancellationToken cancellationToken) =>
        _journal.WriteOrderAsync(order.ToJournal(RunId, _mode), eventType, cancellationToken);

    private static OrderResult Refused(TrackedOrder order, string message) => new()
    {
        Status = OrderResultStatus.Failed,
        ClientOrderId = order.ClientOrderId,
        OrderId = order.OrderId,
        Error = new ExchangeError(ExchangeErrorKind.Refused, message),
        Message = message,
    };

    private static OrderResultStatus ResultFor(ExchangeError error) => error switch
    {
        { OutcomeUnknown: true } => OrderResultStatus.OutcomeUnknown,
        { Kind: ExchangeErrorKind.RateLimited or ExchangeErrorKind.Transport or ExchangeErrorKind.Refused } => OrderResultStatus.Failed,
        _ => OrderResultStatus.Rejected,
    };
}

/// <summary>What a reconciliation of orders did.</summary>
internal sealed record OrderReconcileReport(
    IReadOnlyList<TrackedOrder> Changed, IReadOnlyList<TrackedOrder> ResolvedUnknowns, IReadOnlyList<Order> ForeignResting);
