using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Exchange.Matching;

public sealed partial class MatchingEngine
{
    /// <summary>Opens an initialized market now (normally it opens at <c>open_time</c>; Kalshi sends no message for opening).</summary>
    public ExchangeResult<Market> Open(MarketTicker ticker) => Lifecycle(ticker, m =>
    {
        if (m.Status != MarketStatus.Initialized) return Wrong(m, "initialized");
        m.Status = MarketStatus.Active;
        return null;
    });

    /// <summary>Pauses trading (active → inactive): orders placed with <c>cancel_order_on_pause</c> are cancelled (HaltCancel).</summary>
    public ExchangeResult<Market> Pause(MarketTicker ticker) => Lifecycle(ticker, m =>
    {
        if (m.Status != MarketStatus.Active) return Wrong(m, "active");
        m.Status = MarketStatus.Inactive;
        foreach (var o in RestingIn(m).Where(o => o.CancelOnPause).ToList()) CancelResting(o, "HaltCancel");
        PublishLifecycle(m, "deactivated");
        return null;
    });

    /// <summary>Resumes trading (inactive → active). Kalshi cancels every resting order on reactivation (reason HaltCancel [?]).</summary>
    public ExchangeResult<Market> Resume(MarketTicker ticker) => Lifecycle(ticker, m =>
    {
        if (m.Status != MarketStatus.Inactive) return Wrong(m, "inactive");
        foreach (var o in RestingIn(m).ToList()) CancelResting(o, "HaltCancel");
        m.Status = MarketStatus.Active;
        PublishLifecycle(m, "activated");
        return null;
    });

    /// <summary>Closes the market now (as at <c>close_time</c>): resting orders are cancelled (CloseCancel).</summary>
    public ExchangeResult<Market> Close(MarketTicker ticker) => Lifecycle(ticker, m =>
    {
        if (m.Status is not (MarketStatus.Active or MarketStatus.Inactive or MarketStatus.Initialized)) return Wrong(m, "active, inactive or initialized");
        CloseCore(m);
        return null;
    });

    /// <summary>Moves <c>close_time</c> (close_date_updated). A closed market reopens when the new time is in the future.</summary>
    public ExchangeResult<Market> UpdateCloseTime(MarketTicker ticker, DateTimeOffset closeTime) => Lifecycle(ticker, m =>
    {
        if (m.Status is MarketStatus.Determined or MarketStatus.Finalized) return Wrong(m, "not yet determined");
        m.CloseTicks = closeTime.UtcTicks;
        m.Definition = m.Definition with { CloseTime = closeTime };
        if (m.Status == MarketStatus.Closed && closeTime.UtcTicks > _nowTicks) m.Status = MarketStatus.Active;
        PublishLifecycle(m, "close_date_updated");
        RecomputeNextDue();
        return null;
    });

    /// <summary>
    /// Determines the result (closing the market first if it is still trading). Payout follows after the market's
    /// <c>settlement_timer_seconds</c>, or at once with <paramref name="finalizeNow"/>. A scalar result needs
    /// <paramref name="settlementValue"/> (the payout per YES).
    /// </summary>
    public ExchangeResult<Market> Determine(MarketTicker ticker, MarketResult result, Price? settlementValue = null, bool finalizeNow = false) =>
        Lifecycle(ticker, m =>
        {
            if (result == MarketResult.None) return EngineErrors.BadRequest("result must be yes, no or scalar");
            if (result == MarketResult.Scalar && settlementValue is null) return EngineErrors.BadRequest("a scalar result needs settlement_value");
            if (m.Status is MarketStatus.Determined or MarketStatus.Finalized) return Wrong(m, "not yet determined");
            if (m.Status != MarketStatus.Closed) CloseCore(m);
            m.Result = result;
            m.SettlementValue = result switch
            {
                MarketResult.Yes => Price.One,
                MarketResult.No => Price.Zero,
                _ => settlementValue,
            };
            m.Status = MarketStatus.Determined;
            m.DeterminedTicks = _nowTicks;
            PublishLifecycle(m, "determined");
            if (finalizeNow || m.Definition.SettlementTimerSeconds <= 0) FinalizeCore(m);
            RecomputeNextDue();
            return null;
        });

    /// <summary>Pays a determined market out now instead of waiting for its settlement timer.</summary>
    public ExchangeResult<Market> Finalize(MarketTicker ticker) => Lifecycle(ticker, m =>
    {
        if (m.Status != MarketStatus.Determined) return Wrong(m, "determined");
        FinalizeCore(m);
        RecomputeNextDue();
        return null;
    });

    private ExchangeResult<Market> Lifecycle(MarketTicker ticker, Func<MarketState, ExchangeError?> step)
    {
        Begin();
        if (!_markets.TryGetValue(ticker.Value, out var m)) return EngineErrors.MarketNotFound(ticker.Value);
        var error = step(m);
        End();
        return error is null ? ExchangeResult<Market>.Ok(ToMarket(m)) : error;
    }

    private static ExchangeError Wrong(MarketState m, string expected) =>
        EngineErrors.BadRequest($"market {m.Ticker} is {MarketEnumsWire.ToWire(m.Status)}; this step needs it {expected}", "invalid_market_status");

    private static IEnumerable<EngineOrder> RestingIn(MarketState m)
    {
        foreach (var ladder in new[] { m.YesBids, m.NoBids })
        {
            for (var i = 0; i < ladder.Count; i++)
            {
                for (var o = ladder.FromBest(i).Head; o is not null; o = o.Next) yield return o;
            }
        }
    }

    private void CloseCore(MarketState m)
    {
        foreach (var o in RestingIn(m).OrderBy(o => o.Seq).ToList()) CancelResting(o, "CloseCancel");
        m.Status = MarketStatus.Closed;
        if (m.CloseTicks is null || m.CloseTicks > _nowTicks)
        {
            m.CloseTicks = _nowTicks;
            m.Definition = m.Definition with { CloseTime = NowOffset };

            // Closing early moves close_time; Kalshi tells market_lifecycle_v2 subscribers with close_date_updated.
            PublishLifecycle(m, "close_date_updated");
        }
    }

    /// <summary>
    /// Pays every holder: $1 per winning contract (scalar: the settlement value per YES and 1 − that per NO),
    /// floored to the account's balance step with the remainder booked as a rounding fee, and writes settlement rows.
    /// </summary>
    private void FinalizeCore(MarketState m)
    {
        var v = m.SettlementValue?.Ticks ?? 0;
        var now = NowOffset;
        foreach (var a in _accounts)
        {
            if (!a.Positions.TryGetValue(m, out var pos) || pos.Position == 0) continue;
            var yes = Math.Max(0, pos.Position);
            var no = Math.Max(0, -pos.Position);
            var exact = (yes * v) + (no * (Price.TicksPerDollar - v));
            var credited = FloorTo(exact, a.BalanceStep);
            _roundingFees += exact - credited;
            _settlementPaid += exact;
            a.Cash += credited;
            var settlement = new Settlement
            {
                Ticker = m.Ticker,
                EventTicker = m.Event.Definition.Ticker,
                Result = m.Result,
                YesCount = Quantity.FromHundredths(yes),
                NoCount = Quantity.FromHundredths(no),
                YesTotalCost = Money.FromMicros(yes > 0 ? pos.Cost : 0),
                NoTotalCost = Money.FromMicros(no > 0 ? pos.Cost : 0),
                Revenue = Money.FromMicros(credited),
                Value = Price.FromTicks(v),
                FeeCost = Money.Zero,
                SettledTime = now,
            };
            a.Settlements.Add(settlement);
            pos.RealizedPnl += exact - pos.Cost;
            pos.Cost = 0;
            pos.Position = 0;
            pos.LastUpdatedTicks = _nowTicks;
            if (_publishing)
            {
                Publish(new SettlementEvent(now, a.Id, settlement));
                PublishPosition(a, m);
            }
        }

        m.OpenInterest = 0;
        m.Status = MarketStatus.Finalized;
        m.SettledTicks = _nowTicks;
        PublishLifecycle(m, "settled");
    }

    private void PublishLifecycle(MarketState m, string eventType)
    {
        if (_publishing) Publish(new MarketLifecycleEvent(NowOffset, eventType, ToMarket(m)));
    }
}
