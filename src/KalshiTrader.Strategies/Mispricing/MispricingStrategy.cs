using KalshiTrader.Core.Books;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Strategies.Mispricing.Detection;
using KalshiTrader.Strategies.Mispricing.Execution;
using KalshiTrader.Strategies.Mispricing.Persistence;
using KalshiTrader.Strategies.Mispricing.Relationships;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Strategies.Mispricing;

/// <summary>
/// Finds markets that metadata proves linked (or that a person approved), detects executable mispricings on every
/// book change (only the relationships touching that market are re-checked) and trades the riskless ones with
/// immediate-or-cancel legs (<see cref="TradeExecutor"/>). Every evaluated opportunity is recorded through
/// <see cref="IStrategyContext.RecordEvaluationAsync"/>, traded or not, with its status
/// DETECTED → VALIDATED → EXECUTING → FILLED / EXPIRED / FAILED. Never trades: a stale or invalid book, anything not
/// riskless (soft implications, a "buy every YES" on a set not shown exhaustive, LLM links), a relationship with a trade
/// still in flight or cooling down, or a market another trade of this strategy is still working.
/// </summary>
public sealed partial class MispricingStrategy(MispricingSettings settings, TimeProvider clock) : IStrategy
{
    private readonly OrderBookSet _mirror = new();
    private readonly TradeExecutor _executor = new(settings);
    private readonly Dictionary<string, MispricingTrade> _inFlight = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _marketTrade = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _coolUntil = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (MarketTicker Ticker, long Version)[]> _awaitingBooks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lastRecorded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FollowedMarket> _followed = new(StringComparer.Ordinal);
    private readonly List<Opportunity> _sink = [];
    private MispricingDetector? _detector;
    private BookTrigger? _trigger; // the book update being handled; evaluations made while handling it name it
    private DateTimeOffset _nextRefresh;
    private DateTimeOffset _nextRevalidation = DateTimeOffset.MaxValue;

    public string Name => OpportunityRecords.StrategyName;

    public MispricingSettings Settings => settings;

    /// <summary>The relationships being watched (approved ones only), for tests and diagnostics.</summary>
    public IReadOnlyList<Relationship> Relationships => _detector?.Relationships.ToList() ?? [];

    /// <summary>Trades still working (legs unresolved).</summary>
    public int TradesInFlight => _inFlight.Count;

    public async Task StartAsync(IStrategyContext context, CancellationToken cancellationToken)
    {
        _detector = new MispricingDetector(_mirror, settings.Detection, clock, context.Catalog.FeesFor);
        var relationships = await LoadRelationshipsAsync(context, cancellationToken).ConfigureAwait(false);
        _detector.UpsertRange(relationships);
        var follow = relationships.SelectMany(r => r.Markets).DistinctBy(m => m.Value).ToList();
        Follow(follow, context);
        _nextRefresh = context.Now + settings.RelationshipsRefresh;
        if (settings.RevalidateInterval > TimeSpan.Zero) _nextRevalidation = context.Now + settings.RevalidateInterval;
        context.Log.Info($"mispricing: watching {relationships.Count} approved relationships over {follow.Count} markets",
            ("by_kind", string.Join(",", relationships.GroupBy(r => RelationshipWire.ToWire(r.Kind)).Select(g => $"{g.Key}={g.Count()}"))));
    }

    public async ValueTask OnBookChangedAsync(MarketTicker ticker, IStrategyContext context, CancellationToken cancellationToken)
    {
        if (_detector is null) return;
        // One probe finds the book copy and the detector slot; markets outside every relationship have nothing to check.
        if (!_followed.TryGetValue(ticker.Value, out var market) && (market = Track(ticker)) is null) return;
        var trigger = Mirror(market.Copy, ticker, context);
        if (_marketTrade.Count > 0 && _marketTrade.TryGetValue(ticker.Value, out var working) && _inFlight.TryGetValue(working, out var trade))
        {
            await AdvanceAsync(trade, context, cancellationToken).ConfigureAwait(false);
        }

        _sink.Clear();
        _detector.OnBookChanged(market.Slot, _sink);
        if (_sink.Count == 0) return;
        // Handling may send orders; work on a copy so the detector's sink can be reused safely.
        _trigger = trigger;
        try
        {
            foreach (var o in _sink.ToArray()) await HandleAsync(o, context, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _trigger = null;
        }
    }

    public async ValueTask OnTimerAsync(IStrategyContext context, CancellationToken cancellationToken)
    {
        foreach (var trade in _inFlight.Values.ToList()) await AdvanceAsync(trade, context, cancellationToken).ConfigureAwait(false);
        if (_detector is not null && context.Store is not null && context.Now >= _nextRefresh)
        {
            _nextRefresh = context.Now + settings.RelationshipsRefresh;
            foreach (var r in await StoredApprovedAsync(context, cancellationToken).ConfigureAwait(false))
            {
                if (_detector.Contains(r.Id)) continue;
                _detector.Upsert(r);
                Follow(r.Markets, context);
                context.Log.Info($"mispricing: now watching newly approved relationship {r.Id}");
            }
        }

        if (_detector is not null && context.Now >= _nextRevalidation)
        {
            _nextRevalidation = context.Now + settings.RevalidateInterval;
            await RevalidateAsync(_detector.Relationships.ToList(), "schedule", context, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask OnMarketStatusAsync(MarketTicker ticker, string eventType, IStrategyContext context, CancellationToken cancellationToken)
    {
        if (_detector is null || !context.Catalog.TryGetMarket(ticker, out var market)) return;
        if (StructuralDiscovery.IsOpen(market))
        {
            // Still trading, but something about it changed (close time moved, paused, reopened): re-judge what it is part of.
            var touching = _detector.Relationships.Where(r => r.Markets.Contains(ticker)).ToList();
            if (touching.Count > 0) await RevalidateAsync(touching, $"market {ticker} {eventType}", context, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (var retired in RelationshipMaintenance.RetireOnClose(_detector.Relationships, ticker, context.Now))
        {
            _detector.Upsert(retired); // a retired relationship is removed from detection
            context.Log.Info($"mispricing: retired {retired.Id}: {retired.StateReason}");
        }

        _mirror.GetOrAdd(ticker).Invalidate($"market {eventType}");
    }

    private void Follow(IReadOnlyList<MarketTicker> markets, IStrategyContext context)
    {
        context.Follow(markets);
        foreach (var t in markets) Track(t);
    }

    // A detector slot is never reused, so what is cached here stays right for the strategy's life.
    private FollowedMarket? Track(MarketTicker ticker)
    {
        if (_followed.TryGetValue(ticker.Value, out var known)) return known;
        if (_detector is null || !_detector.TryGetSlot(ticker, out var slot)) return null;
        var market = new FollowedMarket(_mirror.GetOrAdd(ticker), slot);
        _followed[ticker.Value] = market;
        return market;
    }

    private async Task<List<Relationship>> LoadRelationshipsAsync(IStrategyContext context, CancellationToken ct)
    {
        var catalog = context.Catalog;
        var events = catalog.Events.Select(e => e.Markets.Count > 0 ? e : e with { Markets = catalog.MarketsOf(e.Ticker) }).ToList();
        var series = new Dictionary<SeriesTicker, Series>();
        foreach (var e in events)
        {
            if (!series.ContainsKey(e.SeriesTicker) && catalog.TryGetSeries(e.SeriesTicker, out var s)) series[e.SeriesTicker] = s;
        }

        var byId = new Dictionary<string, Relationship>(StringComparer.Ordinal);
        foreach (var r in StructuralDiscovery.Discover(events, series, context.Now))
        {
            var approved = r;
            if (r.Approval == ApprovalState.Proposed && settings.ConfirmBucketRules &&
                BucketRulesCheck.Confirms(r, t => catalog.TryGetMarket(t, out var m) ? m : null, out var why))
            {
                approved = r with { Approval = ApprovalState.Approved, StateReason = why };
            }

            byId[r.Id] = approved;
        }

        // A person's decision in the store wins: approvals (LLM proposals included) join, rejections leave.
        if (context.Store is { } store)
        {
            foreach (var r in await StoredApprovedAsync(context, ct).ConfigureAwait(false)) byId[r.Id] = r;
            try
            {
                foreach (var rec in await store.GetRelationshipsAsync(RelationshipState.Rejected, ct).ConfigureAwait(false)) byId.Remove(rec.RelationshipId);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                context.Log.Warn("mispricing: could not read rejected relationships from the store", ("error", e.Message));
            }
        }

        return byId.Values.Where(r => r.IsTradeable && r.Markets.All(m => catalog.TryGetMarket(m, out var x) && StructuralDiscovery.IsOpen(x))).ToList();
    }

    private static async Task<IReadOnlyList<Relationship>> StoredApprovedAsync(IStrategyContext context, CancellationToken ct)
    {
        if (context.Store is not { } store) return [];
        try
        {
            var records = await store.GetRelationshipsAsync(RelationshipState.Approved, ct).ConfigureAwait(false);
            return records.Select(RelationshipRecords.FromRecord)
                .Where(r => r.IsTradeable && r.Markets.All(m => context.Catalog.TryGetMarket(m, out var x) && StructuralDiscovery.IsOpen(x)))
                .ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.Log.Warn("mispricing: could not read approved relationships from the store", ("error", e.Message));
            return [];
        }
    }

    // The detector reads its own copies: only a fresh engine book is copied in; anything else reads as no book.
    private static BookTrigger Mirror(OrderBook copy, MarketTicker ticker, IStrategyContext context)
    {
        var read = context.GetBook(ticker);
        if (read.TryGetFresh(out var live)) copy.ApplySnapshot(live.YesBids, live.NoBids);
        else copy.Invalidate(read.Reason ?? read.State.ToString());
        return BookTrigger.Of(ticker, read.Book);
    }

    private async ValueTask HandleAsync(Opportunity o, IStrategyContext context, CancellationToken ct)
    {
        if (o.Status != OpportunityStatus.Validated)
        {
            await RecordAsync(o, o.Status, o.Note ?? "below thresholds", context, ct).ConfigureAwait(false);
            return;
        }

        if (!o.Riskless)
        {
            await RecordAsync(o, o.Status, "not riskless: detected and recorded only, never traded", context, ct).ConfigureAwait(false);
            return;
        }

        if (_inFlight.ContainsKey(o.RelationshipId))
        {
            await RecordAsync(o, o.Status, "a trade on this relationship is still in flight", context, ct).ConfigureAwait(false);
            return;
        }

        if (_coolUntil.TryGetValue(o.RelationshipId, out var until) && context.Now < until)
        {
            await RecordAsync(o, o.Status, $"cooling down until {until:HH:mm:ss.fff}", context, ct).ConfigureAwait(false);
            return;
        }

        if (StaleSinceLastTrade(o.RelationshipId, context) is { } stale)
        {
            await RecordAsync(o, o.Status, stale, context, ct).ConfigureAwait(false);
            return;
        }

        if (Blocker(o, context) is { } blocked)
        {
            await RecordAsync(o, o.Status, blocked, context, ct).ConfigureAwait(false);
            return;
        }

        var worst = LegPricing.WorstCasePerUnit(o);
        var byBudget = worst.IsPositive ? Quantity.FromContracts(settings.RiskBudget.Micros / worst.Micros) : settings.MaxSize;
        var target = Quantity.Min(Quantity.Min(o.Size, settings.MaxSize), byBudget);
        target = Quantity.FromHundredths(target.Hundredths - (target.Hundredths % Quantity.HundredthsPerContract));
        if (target < settings.MinSize)
        {
            await RecordAsync(o, OpportunityStatus.Detected,
                $"size {target} (depth {o.Size}, cap {settings.MaxSize}, risk budget {settings.RiskBudget.ToDollarString()} / worst case {worst.ToDollarString()}) below minimum {settings.MinSize}",
                context, ct).ConfigureAwait(false);
            return;
        }

        var trade = NewTrade(o, target, worst, context);
        _inFlight[o.RelationshipId] = trade;
        foreach (var t in trade.Tickers) _marketTrade[t.Value] = o.RelationshipId;
        await context.RecordEvaluationAsync(EvaluationRecords.Build(o, OpportunityStatus.Validated, $"size {target}: executing", false, target, trigger: _trigger), ct).ConfigureAwait(false);
        await context.RecordEvaluationAsync(
            EvaluationRecords.Build(o, OpportunityStatus.Executing, trade.Sequential ? "less liquid leg first, IOC" : "every leg at once, IOC", true, target, trade, _trigger),
            ct).ConfigureAwait(false);
        await _executor.StartAsync(trade, context, ct).ConfigureAwait(false);
        await CloseIfDoneAsync(trade, context, ct).ConfigureAwait(false);
    }

    private string? StaleSinceLastTrade(string relationshipId, IStrategyContext context)
    {
        if (!_awaitingBooks.TryGetValue(relationshipId, out var legs)) return null;
        foreach (var (ticker, version) in legs)
        {
            if ((context.GetBook(ticker).Book?.Version ?? 0) == version)
            {
                return $"waiting for a book update on {ticker} since the last trade (our fills may not be on the feed yet)";
            }
        }

        _awaitingBooks.Remove(relationshipId);
        return null;
    }

    private string? Blocker(Opportunity o, IStrategyContext context)
    {
        foreach (var leg in o.Legs)
        {
            var read = context.GetBook(leg.Ticker);
            if (!read.IsFresh) return $"book of {leg.Ticker} is {read.State.ToString().ToLowerInvariant()}{(read.Reason is { } r ? $" ({r})" : "")}: never traded on";
            if (_marketTrade.ContainsKey(leg.Ticker.Value)) return $"{leg.Ticker} is part of a trade still in flight";
            if (context.Portfolio.IsMarketBlocked(leg.Ticker, out var why)) return $"{leg.Ticker} is blocked: {why}";
        }

        return null;
    }

    private static readonly Quantity AllDepth = Quantity.FromContracts(1_000_000_000);

    private static MispricingTrade NewTrade(Opportunity o, Quantity target, Money worstPerUnit, IStrategyContext context)
    {
        var legs = o.Legs.Select(l => new LegState(l, context.Catalog.FeesFor(l.Ticker))).ToArray();
        var sequential = legs.Length == 2;
        if (sequential)
        {
            // The leg with less depth at its detected price goes first: if anything is going to miss, let it be before we hold the other.
            var depth = legs.Select(l => context.GetBook(l.Plan.Ticker).TryGetFresh(out var b) ? LegPricing.DepthAtLimit(b, l.Plan, AllDepth) : Quantity.Zero).ToArray();
            if (depth[1] < depth[0]) legs = [legs[1], legs[0]];
        }

        var worst = Money.FromMicros(worstPerUnit.Micros * target.Hundredths / Quantity.HundredthsPerContract);
        return new MispricingTrade(o, legs, target, sequential, worst, context.Now);
    }

    private async ValueTask AdvanceAsync(MispricingTrade trade, IStrategyContext context, CancellationToken ct)
    {
        await _executor.AdvanceAsync(trade, context, ct).ConfigureAwait(false);
        await CloseIfDoneAsync(trade, context, ct).ConfigureAwait(false);
    }

    private async ValueTask CloseIfDoneAsync(MispricingTrade trade, IStrategyContext context, CancellationToken ct)
    {
        if (trade.Phase != TradePhase.Done || trade.Outcome is not { } outcome) return;
        var o = trade.Opportunity;
        _inFlight.Remove(o.RelationshipId);
        foreach (var t in trade.Tickers)
        {
            if (_marketTrade.TryGetValue(t.Value, out var owner) && owner == o.RelationshipId) _marketTrade.Remove(t.Value);
        }

        _coolUntil[o.RelationshipId] = context.Now + settings.Cooldown;
        // Our own fills take liquidity the feed may not have shown yet: until every leg we traded has had a book update
        // since, the book still offers what we just took, and re-entering on it misses legs and unwinds at a loss.
        _awaitingBooks[o.RelationshipId] = trade.Legs.Where(l => l.Filled.IsPositive)
            .Select(l => (l.Plan.Ticker, context.GetBook(l.Plan.Ticker).Book?.Version ?? 0)).ToArray();
        if (trade.OrderGroupId is { } group)
        {
            var deleted = await context.DeleteOrderGroupAsync(group, ct).ConfigureAwait(false);
            if (!deleted.IsOk) context.Log.Warn($"mispricing: could not delete order group {group}", ("error", deleted.Error!.ToString()));
        }

        await context.RecordEvaluationAsync(EvaluationRecords.Build(o, outcome, trade.OutcomeReason ?? "", trade.AnyFilled, trade.Target, trade), ct).ConfigureAwait(false);
    }

    // Re-seeing the same opportunity with the same numbers and the same verdict adds nothing: record changes only.
    private async ValueTask RecordAsync(Opportunity o, OpportunityStatus status, string decision, IStrategyContext context, CancellationToken ct)
    {
        var signature = $"{status}|{o.EdgePerContract.Micros}|{o.Size.Hundredths}|{decision}";
        if (_lastRecorded.TryGetValue(o.Key, out var last) && last == signature) return;
        _lastRecorded[o.Key] = signature;
        await context.RecordEvaluationAsync(EvaluationRecords.Build(o, status, decision, false, trigger: _trigger), ct).ConfigureAwait(false);
    }
}
