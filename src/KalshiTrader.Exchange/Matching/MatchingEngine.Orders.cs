using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Exchange.Matching;

public sealed partial class MatchingEngine
{
    /// <summary>
    /// Places a V2 order: validates it (market open, price on the tick grid, funds, client order id unused, order
    /// group not triggered), matches it against the opposite side at the resting orders' prices, then rests the
    /// remainder (good-till-canceled) or cancels it (IOC; FOK fills fully or not at all).
    /// </summary>
    public ExchangeResult<OrderAck> Submit(AccountId account, OrderRequest request)
    {
        var placed = Place(account, request);
        return placed.IsOk ? ExchangeResult<OrderAck>.Ok(placed.Value.ToAck()) : placed.Error!;
    }

    /// <summary>
    /// <see cref="Submit"/> without building Core's <see cref="OrderAck"/>: the engine call allocates nothing for its
    /// answer. Callers that answer a client call <see cref="PlacedOrder.ToAck"/> after releasing the engine lock.
    /// </summary>
    public ExchangeResult<PlacedOrder> Place(AccountId account, OrderRequest request)
    {
        Begin();
        var result = SubmitCore(account, request);
        End();
        return result;
    }

    /// <summary>Places several orders; one result per request, in order (a failure does not stop the rest).</summary>
    public IReadOnlyList<ExchangeResult<OrderAck>> SubmitBatch(AccountId account, IReadOnlyList<OrderRequest> requests)
    {
        Begin();
        var placed = new ExchangeResult<PlacedOrder>[requests.Count];
        for (var i = 0; i < requests.Count; i++) placed[i] = SubmitCore(account, requests[i]);
        End();
        var results = new ExchangeResult<OrderAck>[placed.Length];
        for (var i = 0; i < placed.Length; i++) results[i] = placed[i].IsOk ? ExchangeResult<OrderAck>.Ok(placed[i].Value.ToAck()) : placed[i].Error!;
        return results;
    }

    /// <summary>Cancels a resting order (= decrease to zero); the change's <c>ReducedBy</c> is what was resting.</summary>
    public ExchangeResult<OrderChange> Cancel(AccountId account, OrderId orderId)
    {
        Begin();
        var result = DecreaseCore(account, orderId, reduceBy: null, reduceTo: 0);
        End();
        return result;
    }

    /// <summary>Cancels several orders; one result per id, in order.</summary>
    public IReadOnlyList<ExchangeResult<OrderChange>> CancelBatch(AccountId account, IReadOnlyList<OrderId> orderIds)
    {
        Begin();
        var results = new ExchangeResult<OrderChange>[orderIds.Count];
        for (var i = 0; i < orderIds.Count; i++) results[i] = DecreaseCore(account, orderIds[i], null, 0);
        End();
        return results;
    }

    /// <summary>Shrinks a resting order by <paramref name="reduceBy"/> contracts (keeps its queue place).</summary>
    public ExchangeResult<OrderChange> DecreaseBy(AccountId account, OrderId orderId, Quantity reduceBy)
    {
        Begin();
        var result = DecreaseCore(account, orderId, reduceBy.Hundredths, null);
        End();
        return result;
    }

    /// <summary>Shrinks a resting order's remaining count to <paramref name="reduceTo"/> (keeps its queue place).</summary>
    public ExchangeResult<OrderChange> DecreaseTo(AccountId account, OrderId orderId, Quantity reduceTo)
    {
        Begin();
        var result = DecreaseCore(account, orderId, null, reduceTo.Hundredths);
        End();
        return result;
    }

    /// <summary>
    /// Changes a resting order's price and/or total count (filled + desired remaining). The order keeps its id but
    /// loses its queue place [? Kalshi unconfirmed; assumed, the conservative choice], and may trade at once if the
    /// new price crosses.
    /// </summary>
    public ExchangeResult<OrderChange> Amend(
        AccountId account, OrderId orderId, OrderSide side, Price yesPrice, Quantity totalCount, ClientOrderId? updatedClientOrderId = null)
    {
        Begin();
        var result = AmendCore(account, orderId, side, yesPrice, totalCount, updatedClientOrderId);
        End();
        return result;
    }

    /// <summary>Cancels every resting order of the account (optionally in one market); returns how many.</summary>
    public int CancelAll(AccountId account, MarketTicker? ticker = null)
    {
        Begin();
        if (!TryAccount(account, out var a)) return 0;
        var victims = a.RestingOrders.Where(o => ticker is null || o.Market.Ticker == ticker.Value).OrderBy(o => o.Seq).ToList();
        foreach (var o in victims) CancelResting(o, "Decrease");
        End();
        return victims.Count;
    }

    // ───────────────────────── create ─────────────────────────

    private ExchangeResult<PlacedOrder> SubmitCore(AccountId accountId, OrderRequest r)
    {
        if (!TryAccount(accountId, out var account)) return EngineErrors.AccountNotFound(accountId);
        if (r.Validate() is { } problem) return EngineErrors.BadRequest(problem);
        if (!_markets.TryGetValue(r.Ticker.Value, out var m)) return EngineErrors.MarketNotFound(r.Ticker.Value);
        if (m.Status != MarketStatus.Active) return EngineErrors.MarketNotOpen(m.Ticker.Value, MarketEnumsWire.ToWire(m.Status));
        if (!m.Grid.IsValid(r.YesPrice))
        {
            return EngineErrors.InvalidPrice($"price {r.YesPrice} is not on the tick grid of {m.Ticker} ({DescribeGrid(m.Grid)})");
        }

        if (r.Subaccount is { } sub && sub != 0) return EngineErrors.BadRequest($"subaccount {sub} does not exist (the local exchange has only the primary account, 0)");
        long? expiration = null;
        if (r.Expiration is { } exp)
        {
            if (exp.UtcTicks <= _nowTicks) return EngineErrors.BadRequest($"expiration_time {exp:O} is not in the future");
            expiration = exp.UtcTicks;
        }

        var cid = r.ClientOrderId?.Value;
        if (cid is not null && account.ByClientOrderId.ContainsKey(cid)) return EngineErrors.DuplicateClientOrderId(cid);
        OrderGroupState? group = null;
        if (r.OrderGroupId is { } gid)
        {
            if (!account.Groups.TryGetValue(gid, out group) || group.Deleted) return EngineErrors.OrderGroupNotFound(gid);
            if (group.Triggered) return EngineErrors.OrderGroupTriggered(gid);
        }

        if (account.RestingOrders.Count >= _options.MaxOpenOrdersPerAccount)
        {
            return EngineErrors.BadRequest($"open order limit of {_options.MaxOpenOrdersPerAccount} reached", "too_many_open_orders");
        }

        var outcome = r.Side.Buys();
        var q = r.OutcomePrice.Ticks;
        var count = r.Count.Hundredths;
        var pos = account.Position(m);
        string? cancelReason = null;
        if (r.ReduceOnly)
        {
            // reduce_only caps the order at the position it can reduce; nothing to reduce cancels it.
            var reducible = pos.Opposing(outcome);
            if (reducible == 0) cancelReason = "ReduceOnlyCancel";
            count = Math.Min(count, reducible);
        }

        long required = -1;
        if (cancelReason is null)
        {
            var opening = OpeningCount(pos, outcome, count);
            required = ReserveFor(m, q, opening, account);
            if (account.Cash < required)
            {
                return EngineErrors.InsufficientBalance(
                    $"insufficient balance: buying {Quantity.FromHundredths(opening).ToFpString()} {(outcome == Outcome.Yes ? "YES" : "NO")} at {Price.FromTicks(q).ToDollarString()} "
                    + $"needs {Money.FromMicros(required).ToDollarString()} including fees; available {Money.FromMicros(account.Cash).ToDollarString()}");
            }
        }

        var o = _orders.Rent(pos);
        ref var d = ref o.D;
        d.Seq = _nextOrderSeq++;
        d.Account = account;
        d.Market = m;
        d.Side = r.Side;
        d.Buys = outcome;
        d.PriceTicks = q;
        d.Initial = r.Count.Hundredths;
        d.Remaining = count;
        d.TimeInForce = r.TimeInForce;
        d.Stp = r.SelfTradePrevention;
        d.PostOnly = r.PostOnly;
        d.ReduceOnly = r.ReduceOnly;
        d.CancelOnPause = r.CancelOrderOnPause;
        d.ClientOrderId = cid;
        d.Group = group;
        d.Status = OrderStatus.Resting;
        d.CreatedTicks = _nowTicks;
        d.UpdatedTicks = _nowTicks;
        d.ExpirationTicks = expiration;
        _orders.Add(o);
        account.Orders.Add(o.Seq);
        if (cid is not null) account.ByClientOrderId[cid] = o.Seq;

        if (cancelReason is null && o.PostOnly && Crosses(o)) cancelReason = "PostOnlyCrossCancel";
        if (cancelReason is null && o.TimeInForce == TimeInForce.FillOrKill && !CanFillFully(o)) cancelReason = "";
        if (cancelReason is not null)
        {
            FinishUnrested(o, cancelReason.Length == 0 ? null : cancelReason);
            PublishOrder(o);
            _orders.Retire(o);
            return ExchangeResult<PlacedOrder>.Ok(new PlacedOrder(_orderIds, o.D));
        }

        _taker = o;
        Match(o);
        _taker = null;
        if (o.Remaining > 0 && o.Status == OrderStatus.Resting)
        {
            // An order that traded nothing rests with the reservation just checked: only its own fills change the
            // position and its outcome's resting total (matching cancels only opposite-side makers without a fill).
            if (o.TimeInForce == TimeInForce.GoodTillCanceled) Rest(o, o.Filled == 0 ? required : -1);
            else FinishUnrested(o, null);
        }
        else if (o.Status == OrderStatus.Resting)
        {
            o.Status = OrderStatus.Executed;
            o.Reason = "Trade";
        }

        PublishOrder(o);
        if (!o.IsResting) _orders.Retire(o);
        return ExchangeResult<PlacedOrder>.Ok(new PlacedOrder(_orderIds, o.D));
    }

    private static string DescribeGrid(TickGrid grid) =>
        string.Join(", ", grid.Ranges.Select(r => $"{r.Start.ToDollarString()}–{r.End.ToDollarString()} step {r.Step.ToDollarString()}"));

    /// <summary>The part of a buy that opens new exposure: what the opposite position (less other resting closers) cannot absorb.</summary>
    private static long OpeningCount(PositionState pos, Outcome outcome, long count)
    {
        var closable = Math.Max(0, pos.Opposing(outcome) - pos.RestingBuying(outcome));
        return Math.Max(0, count - closable);
    }

    /// <summary>Cash to hold for buying <paramref name="count"/> at <paramref name="ticks"/>: cost plus the largest possible fee, rounded up to the balance step.</summary>
    private static long ReserveFor(MarketState m, int ticks, long count, AccountState a)
    {
        if (count <= 0) return 0;
        var raw = (ticks * count) + m.Fees.MaxFee(ticks, count);
        return CeilTo(raw, a.BalanceStep);
    }

    private static long CeilTo(long micros, long step)
    {
        var r = Remainder(micros, step);
        if (r == 0) return micros;
        return micros > 0 ? micros - r + step : micros - r;
    }

    private static long FloorTo(long micros, long step)
    {
        var r = Remainder(micros, step);
        if (r == 0) return micros;
        return micros > 0 ? micros - r : micros - r - step;
    }

    // The two balance steps as constants: a constant divisor compiles to a multiplication, where a 64-bit division
    // costs tens of cycles, several times per order on the hot path.
    private static long Remainder(long micros, long step) => step switch
    {
        10_000 => micros % 10_000,
        100 => micros % 100,
        _ => micros % step,
    };

    /// <summary><paramref name="a"/> × <paramref name="b"/> / <paramref name="c"/>, truncated, without overflow (in 64 bits when the product fits).</summary>
    private static long MulDiv(long a, long b, long c)
    {
        var high = Math.BigMul(a, b, out var low);
        if ((high == 0 && low >= 0) || (high == -1 && low < 0)) return low / c;
        return (long)((Int128)a * b / c);
    }

    private static bool Crosses(EngineOrder o)
    {
        var best = o.Market.Ladder(o.Buys.Opposite()).Best;
        return best is not null && o.PriceTicks + best.Ticks >= Price.TicksPerDollar;
    }

    /// <summary>FOK pre-check: walks the crossing levels in priority order, honouring self-trade prevention.</summary>
    private bool CanFillFully(EngineOrder o)
    {
        var need = o.Remaining;
        if (_partialFillFaults > 0) return false;
        var ladder = o.Market.Ladder(o.Buys.Opposite());
        long available = 0;
        for (var i = 0; i < ladder.Count; i++)
        {
            var level = ladder.FromBest(i);
            if (o.PriceTicks + level.Ticks < Price.TicksPerDollar) break;
            for (var maker = level.Head; maker is not null; maker = maker.Next)
            {
                if (ReferenceEquals(maker.Account, o.Account))
                {
                    if (o.Stp == SelfTradePrevention.TakerAtCross) return false;
                    continue;
                }

                available += maker.Remaining;
                if (available >= need) return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Ends an order that never rested: executed when fully filled, else cancelled with <paramref name="reason"/>. The
    /// caller publishes the one order update (an IOC remainder used to be published twice).
    /// </summary>
    private void FinishUnrested(EngineOrder o, string? reason)
    {
        if (o.Remaining == 0 && o.Filled > 0 && reason is null)
        {
            o.Status = OrderStatus.Executed;
            o.Reason = "Trade";
        }
        else
        {
            o.Remaining = 0;
            o.Status = OrderStatus.Canceled;
            o.Reason = reason ?? o.Reason;
        }

        o.UpdatedTicks = _nowTicks;
    }

    // ───────────────────────── matching ─────────────────────────

    /// <summary>
    /// Takes liquidity for <paramref name="taker"/> until it is filled, stops crossing, or is cancelled by a rule.
    /// Always works on the head of the best opposite level, re-read after every step, because a step may cancel
    /// orders anywhere in the book (self-trade prevention, order-group triggers).
    /// </summary>
    private void Match(EngineOrder taker)
    {
        var m = taker.Market;
        var ladder = m.Ladder(taker.Buys.Opposite());
        var cap = long.MaxValue;
        if (_partialFillFaults > 0 && Crosses(taker))
        {
            _partialFillFaults--;
            cap = taker.Remaining / 2 / 100 * 100;
        }

        while (taker.Remaining > 0 && taker.Status == OrderStatus.Resting && cap > 0)
        {
            var level = ladder.Best;
            if (level is null || taker.PriceTicks + level.Ticks < Price.TicksPerDollar) break;
            var maker = level.Head!;
            if (ReferenceEquals(maker.Account, taker.Account))
            {
                if (taker.Stp == SelfTradePrevention.TakerAtCross)
                {
                    CancelTaker(taker, "SelfTradeCancel");
                    return;
                }

                CancelResting(maker, "SelfTradeCancel");
                continue;
            }

            var qty = Math.Min(Math.Min(taker.Remaining, maker.Remaining), cap);
            if (taker.ReduceOnly)
            {
                var reducible = taker.Position.Opposing(taker.Buys);
                if (reducible == 0)
                {
                    CancelTaker(taker, "ReduceOnlyCancel");
                    return;
                }

                qty = Math.Min(qty, reducible);
            }

            if (maker.ReduceOnly)
            {
                var reducible = maker.Position.Opposing(maker.Buys);
                if (reducible == 0)
                {
                    CancelResting(maker, "ReduceOnlyCancel");
                    continue;
                }

                qty = Math.Min(qty, reducible);
            }

            var makerTicks = level.Ticks;
            var takerTicks = Price.TicksPerDollar - makerTicks;
            var makerFee = m.Fees.Fee(false, makerTicks, qty, _nowTicks);
            var takerFee = m.Fees.Fee(true, takerTicks, qty, _nowTicks);
            var makerCharge = ComputeCharge(maker, qty, makerTicks, makerFee, isMaker: true);
            if (!makerCharge.Affordable)
            {
                CancelResting(maker, "MarginCancel");
                continue;
            }

            var takerCharge = ComputeCharge(taker, qty, takerTicks, takerFee, isMaker: false);
            if (!takerCharge.Affordable)
            {
                CancelTaker(taker, "MarginCancel");
                return;
            }

            ExecuteFill(taker, maker, level, qty, takerCharge, makerCharge);
            if (cap != long.MaxValue) cap -= qty;
        }
    }

    private void CancelTaker(EngineOrder taker, string reason)
    {
        taker.Remaining = 0;
        taker.Status = OrderStatus.Canceled;
        taker.Reason = reason;
        taker.UpdatedTicks = _nowTicks;
    }

    /// <summary>Puts the order's remainder on the book and holds cash for the part that opens exposure.</summary>
    private void Rest(EngineOrder o, long knownReserve = -1)
    {
        var a = o.Account;
        var m = o.Market;
        var pos = o.Position;
        var required = knownReserve >= 0 ? knownReserve : ReserveFor(m, o.PriceTicks, OpeningCount(pos, o.Buys, o.Remaining), a);
        var reserve = Math.Min(required, a.Cash);
        a.Cash -= reserve;
        a.Reserved += reserve;
        o.Reserved = reserve;
        m.Ladder(o.Buys).GetOrAdd(o.PriceTicks).Append(o);
        pos.AddResting(o.Buys, o.Remaining);
        a.RestingOrders.Add(o);
        o.Group?.Resting.Add(o);
        if (o.ExpirationTicks is { } exp)
        {
            _expirations.Enqueue(o.Seq, exp);
            if (exp < _nextDueTicks) _nextDueTicks = exp;
        }

        if (_publishing) PublishBook(o, o.Remaining);
    }

    /// <summary>Takes a resting order off the book, releasing its reservation; the caller sets its final state.</summary>
    private void Unrest(EngineOrder o)
    {
        var level = o.Level!;
        var ladder = o.Market.Ladder(o.Buys);
        var removed = o.Remaining;
        level.Remove(o);
        if (level.IsEmpty) ladder.RemoveEmpty(level);
        var a = o.Account;
        o.Position.AddResting(o.Buys, -removed);
        a.RestingOrders.Remove(o);
        o.Group?.Resting.Remove(o);
        a.Cash += o.Reserved;
        a.Reserved -= o.Reserved;
        o.Reserved = 0;
        if (_publishing && removed > 0) PublishBook(o, -removed);
    }

    /// <summary>Cancels a resting order with <paramref name="reason"/>; returns the count that was resting.</summary>
    private long CancelResting(EngineOrder o, string reason)
    {
        var reduced = o.Remaining;
        Unrest(o);
        o.Remaining = 0;
        o.Status = OrderStatus.Canceled;
        o.Reason = reason;
        o.UpdatedTicks = _nowTicks;
        PublishOrder(o);
        _orders.Retire(o);
        return reduced;
    }

    // ───────────────────────── decrease / amend ─────────────────────────

    private ExchangeResult<OrderChange> DecreaseCore(AccountId accountId, OrderId orderId, long? reduceBy, long? reduceTo)
    {
        if (!TryAccount(accountId, out var a)) return EngineErrors.AccountNotFound(accountId);
        if (TryRestingOrder(a, orderId, out var notResting) is not { } o) return notResting!;
        var target = reduceTo ?? (o.Remaining - reduceBy!.Value);
        if (reduceBy is <= 0) return EngineErrors.BadRequest("reduce_by must be positive");
        if (reduceTo is < 0) return EngineErrors.BadRequest("reduce_to must not be negative");
        if (target >= o.Remaining && !(reduceTo is not null && target == o.Remaining))
        {
            return EngineErrors.BadRequest($"a decrease only shrinks an order: remaining {Quantity.FromHundredths(o.Remaining)}, asked for {Quantity.FromHundredths(target)}");
        }

        target = Math.Max(0, target);
        var reduced = o.Remaining - target;
        if (target == 0)
        {
            CancelResting(o, "Decrease");
        }
        else if (reduced > 0)
        {
            ShrinkResting(o, target);
            o.Reason = "Decrease";
            o.UpdatedTicks = _nowTicks;
            PublishOrder(o);
        }

        return ExchangeResult<OrderChange>.Ok(new OrderChange(
            new OrderId(_orderIds.Canonical(orderId.Value, o.Seq)), o.ClientOrderId is null ? null : new ClientOrderId(o.ClientOrderId),
            Quantity.FromHundredths(o.Remaining), Quantity.FromHundredths(reduced), NowOffset));
    }

    /// <summary>Reduces a resting order in place (queue place kept), releasing the reservation pro rata.</summary>
    private void ShrinkResting(EngineOrder o, long newRemaining)
    {
        var diff = o.Remaining - newRemaining;
        var a = o.Account;
        var keep = CeilTo(MulDiv(o.Reserved, newRemaining, o.Remaining), a.BalanceStep);
        var release = o.Reserved - keep;
        o.Reserved = keep;
        a.Reserved -= release;
        a.Cash += release;
        o.Level!.Total -= diff;
        o.Remaining = newRemaining;
        o.Position.AddResting(o.Buys, -diff);
        if (_publishing) PublishBook(o, -diff);
    }

    private ExchangeResult<OrderChange> AmendCore(
        AccountId accountId, OrderId orderId, OrderSide side, Price yesPrice, Quantity totalCount, ClientOrderId? updatedCid)
    {
        if (!TryAccount(accountId, out var a)) return EngineErrors.AccountNotFound(accountId);
        if (TryRestingOrder(a, orderId, out var notResting) is not { } o) return notResting!;
        var m = o.Market;
        if (m.Status != MarketStatus.Active) return EngineErrors.MarketNotOpen(m.Ticker.Value, MarketEnumsWire.ToWire(m.Status));
        if (side != o.Side) return EngineErrors.BadRequest($"side {(side == OrderSide.Bid ? "bid" : "ask")} does not match the order's side; amend cannot flip a side");
        if (!m.Grid.IsValid(yesPrice)) return EngineErrors.InvalidPrice($"price {yesPrice} is not on the tick grid of {m.Ticker} ({DescribeGrid(m.Grid)})");
        var newRemaining = totalCount.Hundredths - o.Filled;
        if (newRemaining <= 0)
        {
            return EngineErrors.BadRequest($"count {totalCount} must exceed the filled count {Quantity.FromHundredths(o.Filled)} (count is the new total: filled + remaining)");
        }

        var newCid = updatedCid?.Value;
        if (newCid is not null && newCid != o.ClientOrderId && a.ByClientOrderId.ContainsKey(newCid)) return EngineErrors.DuplicateClientOrderId(newCid);

        var q = side == OrderSide.Bid ? yesPrice.Ticks : Price.TicksPerDollar - yesPrice.Ticks;
        var pos = o.Position;
        var opening = Math.Max(0, newRemaining - Math.Max(0, pos.Opposing(o.Buys) - (pos.RestingBuying(o.Buys) - o.Remaining)));
        var required = ReserveFor(m, q, opening, a);
        if (a.Cash + o.Reserved < required)
        {
            return EngineErrors.InsufficientBalance(
                $"insufficient balance for the amended order: needs {Money.FromMicros(required).ToDollarString()}, available {Money.FromMicros(a.Cash + o.Reserved).ToDollarString()}");
        }

        var oldRemaining = o.Remaining;
        Unrest(o);
        o.PriceTicks = q;
        o.Remaining = newRemaining;
        o.Initial = totalCount.Hundredths;
        o.Reason = "Amend";
        o.UpdatedTicks = _nowTicks;
        if (newCid is not null && newCid != o.ClientOrderId)
        {
            a.ByClientOrderId[newCid] = o.Seq; // the old id stays taken: ids are never reused
            o.ClientOrderId = newCid;
        }

        if (o.PostOnly && Crosses(o))
        {
            o.Remaining = 0;
            o.Status = OrderStatus.Canceled;
            o.Reason = "PostOnlyCrossCancel";
        }
        else
        {
            _taker = o;
            Match(o);
            _taker = null;
            if (o.Status == OrderStatus.Resting)
            {
                if (o.Remaining > 0) Rest(o);
                else o.Status = OrderStatus.Executed;
            }
        }

        PublishOrder(o);
        if (!o.IsResting) _orders.Retire(o);
        return ExchangeResult<OrderChange>.Ok(new OrderChange(
            new OrderId(OrderIdOf(o.Seq)), o.ClientOrderId is null ? null : new ClientOrderId(o.ClientOrderId),
            Quantity.FromHundredths(o.Remaining), Quantity.FromHundredths(Math.Max(0, oldRemaining - newRemaining)), NowOffset));
    }

    /// <summary>The seq of the account's order with this id (another account's order is not found).</summary>
    private bool TryOrderSeq(AccountState a, OrderId id, out long seq) =>
        _orderIds.TryParse(id.Value, out seq) && _orders.Contains(seq) && _orders.AccountOf(seq) == a.Id.Value;

    /// <summary>The account's order with this id if it is resting (only resting orders can change).</summary>
    private EngineOrder? TryRestingOrder(AccountState a, OrderId id) =>
        TryOrderSeq(a, id, out var seq) && _orders.Live(seq) is { IsResting: true } o ? o : null;

    /// <summary>
    /// The account's resting order with this id, or null and why: no such order, or it is no longer resting (a stale
    /// cancel, common enough to be answered from one parse of the id).
    /// </summary>
    private EngineOrder? TryRestingOrder(AccountState a, OrderId id, out ExchangeError? whyNot)
    {
        whyNot = null;
        if (!TryOrderSeq(a, id, out var seq))
        {
            whyNot = EngineErrors.OrderNotFound(id.Value);
            return null;
        }

        if (_orders.Live(seq) is { IsResting: true } o) return o;
        whyNot = EngineErrors.OrderNotResting(id.Value, StatusWire(_orders.StatusOf(seq)));
        return null;
    }

    internal static string StatusWire(OrderStatus s) => s switch
    {
        OrderStatus.Resting => "resting",
        OrderStatus.Canceled => "canceled",
        _ => "executed",
    };
}
