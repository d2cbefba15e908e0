using KalshiTrader.Core.Books;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Exchange.Matching;

public sealed partial class MatchingEngine
{
    // ───────────────────────── reference data ─────────────────────────

    public Market? GetMarket(MarketTicker ticker)
    {
        Begin();
        return _markets.TryGetValue(ticker.Value, out var m) ? ToMarket(m) : null;
    }

    /// <summary>Every market, in the order added.</summary>
    public IReadOnlyList<Market> GetMarkets()
    {
        Begin();
        return _marketList.Select(ToMarket).ToArray();
    }

    /// <summary>The event, with its markets nested when <paramref name="withMarkets"/>.</summary>
    public Event? GetEvent(EventTicker ticker, bool withMarkets = true)
    {
        Begin();
        if (!_events.TryGetValue(ticker.Value, out var ev)) return null;
        return withMarkets ? ev.Definition with { Markets = ev.Markets.Select(ToMarket).ToArray() } : ev.Definition;
    }

    public IReadOnlyList<Event> GetEvents(bool withMarkets = false)
    {
        Begin();
        return _events.Values.Select(ev => withMarkets ? ev.Definition with { Markets = ev.Markets.Select(ToMarket).ToArray() } : ev.Definition).ToArray();
    }

    public Series? GetSeries(SeriesTicker ticker) => _series.TryGetValue(ticker.Value, out var s) ? s : null;

    public IReadOnlyList<Series> GetAllSeries() => _series.Values.ToArray();

    /// <summary>The fees that apply to a market now (series terms with event overrides).</summary>
    public Core.Fees.FeeSchedule? GetFeeSchedule(MarketTicker ticker) => _markets.TryGetValue(ticker.Value, out var m) ? m.Fees.Schedule : null;

    /// <summary>The book, aggregated by price; <paramref name="depth"/> 0 = every level, else that many best levels per side.</summary>
    public BookSnapshot? GetBook(MarketTicker ticker, int depth = 0)
    {
        Begin();
        if (!_markets.TryGetValue(ticker.Value, out var m)) return null;
        return new BookSnapshot(m.Ticker, Levels(m.YesBids, depth), Levels(m.NoBids, depth), NowOffset);
    }

    private static PriceLevel[] Levels(OrderLadder ladder, int depth)
    {
        var n = depth <= 0 ? ladder.Count : Math.Min(depth, ladder.Count);
        var result = new PriceLevel[n];
        for (var i = 0; i < n; i++)
        {
            var level = ladder.FromBest(i);
            result[n - 1 - i] = new PriceLevel(Price.FromTicks(level.Ticks), Quantity.FromHundredths(level.Total));
        }

        return result;
    }

    // ───────────────────────── orders ─────────────────────────

    public Order? GetOrder(AccountId account, OrderId orderId)
    {
        Begin();
        return TryAccount(account, out var a) && TryOrderSeq(a, orderId, out var seq) ? ToOrder(_orders.Data(seq)) : null;
    }

    /// <summary>The account's orders, newest first, filtered by market, event, status and last-update time.</summary>
    public IReadOnlyList<Order> GetOrders(
        AccountId account, MarketTicker? ticker = null, IReadOnlyCollection<EventTicker>? events = null, OrderStatus? status = null,
        DateTimeOffset? minTime = null, DateTimeOffset? maxTime = null)
    {
        Begin();
        if (!TryAccount(account, out var a)) return [];
        IEnumerable<long> seqs = status == OrderStatus.Resting ? a.RestingOrders.Select(o => o.Seq).OrderDescending() : NewestFirst(a.Orders);
        var result = new List<Order>();
        foreach (var seq in seqs)
        {
            var o = _orders.Data(seq);
            if (ticker is not null && o.Market.Ticker != ticker.Value) continue;
            if (events is not null && events.Count != 0 && !events.Contains(o.Market.Event.Definition.Ticker)) continue;
            if (status is not null && o.Status != status) continue;
            if (minTime is not null && o.UpdatedTicks < minTime.Value.UtcTicks) continue;
            if (maxTime is not null && o.UpdatedTicks > maxTime.Value.UtcTicks) continue;
            result.Add(ToOrder(o));
        }

        return result;
    }

    private static IEnumerable<long> NewestFirst(HistoryList<long> seqs)
    {
        for (var i = seqs.Count - 1; i >= 0; i--) yield return seqs[i];
    }

    /// <summary>Contracts ahead of the order at its price under price-time priority (null when it is not resting).</summary>
    public Quantity? GetQueuePosition(AccountId account, OrderId orderId)
    {
        Begin();
        if (!TryAccount(account, out var a) || TryRestingOrder(a, orderId) is not { } o) return null;
        long ahead = 0;
        for (var x = o.Level!.Head; x is not null && !ReferenceEquals(x, o); x = x.Next) ahead += x.Remaining;
        return Quantity.FromHundredths(ahead);
    }

    // ───────────────────────── fills, trades, settlements ─────────────────────────

    /// <summary>The account's fills, newest first.</summary>
    public IReadOnlyList<Fill> GetFills(
        AccountId account, MarketTicker? ticker = null, OrderId? orderId = null, DateTimeOffset? minTime = null, DateTimeOffset? maxTime = null)
    {
        Begin();
        if (!TryAccount(account, out var a)) return [];
        long onlySeq = 0;
        if (orderId is not null && !(TryOrderSeq(a, orderId.Value, out onlySeq) && OrderIdOf(onlySeq) == orderId.Value.Value)) return [];
        var result = new List<Fill>();
        for (var i = a.Fills.Count - 1; i >= 0; i--)
        {
            ref readonly var f = ref a.Fills[i];
            if (onlySeq != 0 && f.OrderSeq != onlySeq) continue;
            if (minTime is not null && f.Ticks < minTime.Value.UtcTicks) continue;
            if (maxTime is not null && f.Ticks > maxTime.Value.UtcTicks) continue;
            var o = _orders.Data(f.OrderSeq);
            if (ticker is not null && o.Market.Ticker != ticker.Value) continue;
            result.Add(ToFill(f, o));
        }

        return result;
    }

    /// <summary>Public trades, newest first, for one market or all.</summary>
    public IReadOnlyList<Trade> GetTrades(MarketTicker? ticker = null, DateTimeOffset? minTime = null, DateTimeOffset? maxTime = null)
    {
        Begin();
        IEnumerable<MarketState> markets = ticker is null
            ? _marketList
            : _markets.TryGetValue(ticker.Value.Value, out var one) ? [one] : [];
        var result = new List<(long Seq, Trade Trade)>();
        foreach (var m in markets)
        {
            for (var i = 0; i < m.Trades.Count; i++)
            {
                ref readonly var t = ref m.Trades[i];
                if (minTime is not null && t.Ticks < minTime.Value.UtcTicks) continue;
                if (maxTime is not null && t.Ticks > maxTime.Value.UtcTicks) continue;
                result.Add((t.Seq, EngineRecords.ToTrade(t, m.Ticker, _tradeIds)));
            }
        }

        return result.OrderByDescending(x => x.Seq).Select(x => x.Trade).ToArray();
    }

    /// <summary>The account's settlements, newest first.</summary>
    public IReadOnlyList<Settlement> GetSettlements(AccountId account)
    {
        Begin();
        return TryAccount(account, out var a) ? Enumerable.Reverse(a.Settlements).ToArray() : [];
    }

    // ───────────────────────── positions and cash ─────────────────────────

    /// <summary>Every market the account has traded or has orders in, with its signed position.</summary>
    public IReadOnlyList<MarketPosition> GetPositions(AccountId account)
    {
        Begin();
        if (!TryAccount(account, out var a)) return [];
        return a.Positions.Values
            .Where(p => p.Position != 0 || p.Volume != 0 || p.RestingBuyYes != 0 || p.RestingBuyNo != 0)
            .Select(ToPosition)
            .ToArray();
    }

    public IReadOnlyList<EventPosition> GetEventPositions(AccountId account)
    {
        Begin();
        if (!TryAccount(account, out var a)) return [];
        return a.Positions.Values
            .Where(p => p.Position != 0 || p.Volume != 0)
            .GroupBy(p => p.Market.Event)
            .Select(g => new EventPosition
            {
                EventTicker = g.Key.Definition.Ticker,
                TotalCost = Money.FromMicros(g.Sum(p => p.Cost)),
                TotalCostShares = Quantity.FromHundredths(g.Sum(p => Math.Abs(p.Position))),
                EventExposure = Money.FromMicros(g.Sum(p => p.Cost)),
                RealizedPnl = Money.FromMicros(g.Sum(p => p.RealizedPnl)),
                FeesPaid = Money.FromMicros(g.Sum(p => p.FeesPaid)),
            })
            .ToArray();
    }

    /// <summary>
    /// Available cash (what can be spent; cash held for resting orders is not included) and the portfolio value,
    /// marking each position at the best bid for its side (the last price when there is none).
    /// </summary>
    public Balance? GetBalance(AccountId account)
    {
        var now = Begin();
        if (!TryAccount(account, out var a)) return null;
        long value = 0;
        foreach (var p in a.Positions.Values)
        {
            if (p.Position == 0) continue;
            var side = p.Position > 0 ? Outcome.Yes : Outcome.No;
            var bid = p.Market.Ladder(side).Best?.Ticks;
            var mark = bid ?? (p.Market.LastYesTicks is { } last ? (side == Outcome.Yes ? last : Price.TicksPerDollar - last) : 0);
            value += Math.Abs(p.Position) * mark;
        }

        return new Balance(Money.FromMicros(a.Cash), Money.FromMicros(value), now);
    }

    public AccountSummary? GetAccount(AccountId account)
    {
        Begin();
        if (!TryAccount(account, out var a)) return null;
        return new AccountSummary(a.Id, a.Name, a.Kind, Money.FromMicros(a.Cash), Money.FromMicros(a.Reserved),
            Money.FromMicros(a.Deposits), Money.FromMicros(a.FeesPaid), a.RestingOrders.Count);
    }

    /// <summary>The exchange-wide money balance; see <see cref="EngineLedger"/>.</summary>
    public EngineLedger GetLedger()
    {
        long cash = 0, reserved = 0, collateral = 0;
        foreach (var a in _accounts)
        {
            cash += a.Cash;
            reserved += a.Reserved;
        }

        foreach (var m in _marketList) collateral += m.OpenInterest * MicrosPerHundredth;
        return new EngineLedger(Money.FromMicros(_deposits), Money.FromMicros(cash), Money.FromMicros(reserved),
            Money.FromMicros(_feesCollected), Money.FromMicros(_roundingFees), Money.FromMicros(collateral), Money.FromMicros(_settlementPaid));
    }

    // ───────────────────────── conversions ─────────────────────────

    private Market ToMarket(MarketState m)
    {
        var yesBid = m.YesBids.Best;
        var noBid = m.NoBids.Best;
        return m.Definition with
        {
            Status = m.Status,
            Result = m.Result,
            SettlementValue = m.Status is MarketStatus.Determined or MarketStatus.Finalized ? m.SettlementValue : null,
            SettlementTime = m.SettledTicks is { } s ? new DateTimeOffset(s, TimeSpan.Zero) : null,
            YesBid = yesBid is null ? null : Price.FromTicks(yesBid.Ticks),
            YesBidSize = yesBid is null ? Quantity.Zero : Quantity.FromHundredths(yesBid.Total),
            NoBid = noBid is null ? null : Price.FromTicks(noBid.Ticks),
            YesAsk = noBid is null ? null : Price.FromTicks(Price.TicksPerDollar - noBid.Ticks),
            YesAskSize = noBid is null ? Quantity.Zero : Quantity.FromHundredths(noBid.Total),
            NoAsk = yesBid is null ? null : Price.FromTicks(Price.TicksPerDollar - yesBid.Ticks),
            LastPrice = m.LastYesTicks is { } l ? Price.FromTicks(l) : m.Definition.LastPrice,
            Volume = m.Definition.Volume + Quantity.FromHundredths(m.Volume),
            OpenInterest = Quantity.FromHundredths(m.OpenInterest),
            CloseTime = m.CloseTicks is { } c ? new DateTimeOffset(c, TimeSpan.Zero) : m.Definition.CloseTime,
        };
    }

    private Order ToOrder(in OrderData o) => EngineRecords.ToOrder(o, _orderIds);

    private Fill ToFill(FillEntry f, in OrderData order) =>
        EngineRecords.ToFill(f, order.Market.Ticker, order.Side, order.ClientOrderId, _orderIds, _tradeIds);

    private static MarketPosition ToPosition(PositionState p) => EngineRecords.ToPosition(PositionSnapshot.Of(p));

    // ───────────────────────── publishing ─────────────────────────

    // The frequent events are views reused for every publication (valid while sinks run; EngineEvent.Keep copies).

    private void PublishOrder(EngineOrder o)
    {
        if (_publishing) Publish(_orderView.Set(NowOffset, o));
    }

    private void PublishBook(EngineOrder o, long delta)
    {
        Touch(o.Market);
        Publish(_bookView.Set(NowOffset, o.Market.Ticker, o.Buys, Price.FromTicks(o.PriceTicks), Quantity.FromHundredths(delta), o.Account.Id, o.ClientOrderId));
    }

    private void PublishPosition(AccountState a, MarketState m) => PublishPosition(a, a.Position(m));

    private void PublishPosition(AccountState a, PositionState p) => Publish(_positionView.Set(NowOffset, a.Id, p));

    private void PublishTickerIfChanged(MarketState m)
    {
        var yes = m.YesBids.Best;
        var no = m.NoBids.Best;
        var yesTicks = yes?.Ticks ?? -1;
        var yesSize = yes?.Total ?? 0;
        var noTicks = no?.Ticks ?? -1;
        var noSize = no?.Total ?? 0;

        // Only the top of book, the last price and the volume decide whether subscribers hear about it (compared field
        // by field: this runs at the end of nearly every call).
        if (m.LastPublishedTop is { } last && last.YesBidTicks == yesTicks && last.YesBidSize == yesSize && last.NoBidTicks == noTicks
            && last.NoBidSize == noSize && last.LastYesTicks == m.LastYesTicks && last.Volume == m.Volume)
        {
            return;
        }

        var top = new TickerSnapshot(m.Ticker, yesTicks, yesSize, noTicks, noSize, m.LastYesTicks, m.LastTradeSize, m.Volume, m.OpenInterest, m.DollarVolumeMicros);
        m.LastPublishedTop = top;
        Publish(_tickerView.Set(NowOffset, top));
    }
}
