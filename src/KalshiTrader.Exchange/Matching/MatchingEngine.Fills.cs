using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Exchange.Matching;

public sealed partial class MatchingEngine
{
    /// <summary>What one side of a fill does to its account, computed before anything changes so a fill is all or nothing.</summary>
    private readonly record struct Charge(bool Affordable, long Change, long Rounding, long NewOverpaid, long Release, long Pairs, long Fee);

    /// <summary>
    /// The cash effect of buying <paramref name="count"/> at <paramref name="ticks"/> (the bought outcome's price):
    /// −(cost + fee) plus $1 for every pair redeemed against the opposite position, floored to the account's balance
    /// step (the floor is Kalshi's rounding fee; the per-order accumulator refunds whole cents of it). A maker pays
    /// first from its order's reservation; a shortfall beyond the free cash and the reservation is unaffordable.
    /// </summary>
    private static Charge ComputeCharge(EngineOrder o, long count, int ticks, long fee, bool isMaker)
    {
        var a = o.Account;
        var pos = o.Position;
        var pairs = Math.Min(count, pos.Opposing(o.Buys));
        var exact = -(ticks * count) - fee + (pairs * MicrosPerHundredth);
        var change = FloorTo(exact, a.BalanceStep);
        var rounding = exact - change;
        var overpaid = o.RoundingOverpaid + rounding;
        var refund = overpaid / 10_000 * 10_000;
        change += refund;
        rounding -= refund;
        overpaid -= refund;

        long release = 0;
        if (isMaker)
        {
            release = count == o.Remaining ? o.Reserved : FloorTo(MulDiv(o.Reserved, count, o.Remaining), a.BalanceStep);
            var shortfall = -(a.Cash + release + change);
            if (shortfall > 0)
            {
                if (shortfall > o.Reserved - release) return default;
                release += shortfall;
            }
        }
        else if (a.Cash + change < 0)
        {
            return default;
        }

        return new Charge(true, change, rounding, overpaid, release, pairs, fee);
    }

    private void ExecuteFill(EngineOrder taker, EngineOrder maker, PriceLevelQueue level, long qty, Charge takerCharge, Charge makerCharge)
    {
        var m = taker.Market;
        var makerTicks = level.Ticks;
        var takerTicks = Price.TicksPerDollar - makerTicks;
        var yesTicks = maker.YesPriceTicks;
        var tradeSeq = _nextTradeSeq++;
        var takerPos = taker.Position;
        var makerPos = maker.Position;

        // The maker's size leaves the book before its position changes, so resting-buy totals stay exact.
        level.Total -= qty;
        makerPos.AddResting(maker.Buys, -qty);

        var oiBefore = Math.Max(0, takerPos.Position) + Math.Max(0, makerPos.Position);
        var takerFee = ApplyCharge(taker, qty, takerTicks, takerCharge, isMaker: false);
        var makerFee = ApplyCharge(maker, qty, makerTicks, makerCharge, isMaker: true);
        var oiAfter = Math.Max(0, takerPos.Position) + Math.Max(0, makerPos.Position);
        m.OpenInterest += oiAfter - oiBefore;
        m.Volume += qty;
        m.LastYesTicks = yesTicks;
        m.LastTradeSize = qty;
        m.DollarVolumeMicros += yesTicks * qty;
        m.Trades.Add(new TradeEntry(tradeSeq, yesTicks, qty, taker.Buys, _nowTicks));

        var takerFill = new FillEntry(tradeSeq, taker.Seq, yesTicks, qty, true, takerFee, takerPos.Position, _nowTicks);
        var makerFill = new FillEntry(tradeSeq, maker.Seq, yesTicks, qty, false, makerFee, makerPos.Position, _nowTicks);
        taker.Account.Fills.Add(takerFill);
        maker.Account.Fills.Add(makerFill);

        if (maker.Remaining == 0)
        {
            level.Remove(maker);
            if (level.IsEmpty) m.Ladder(maker.Buys).RemoveEmpty(level);
            maker.Account.RestingOrders.Remove(maker);
            maker.Group?.Resting.Remove(maker);
            if (maker.Reserved != 0)
            {
                maker.Account.Cash += maker.Reserved;
                maker.Account.Reserved -= maker.Reserved;
                maker.Reserved = 0;
            }

            maker.Status = OrderStatus.Executed;
        }

        maker.Reason = "Trade";
        maker.UpdatedTicks = _nowTicks;
        taker.UpdatedTicks = _nowTicks;

        if (_publishing)
        {
            var now = NowOffset;
            Touch(m);
            PublishBook(maker, -qty);
            Publish(_tradeView.Set(now, m.Ticker, m.Trades.Last));
            Publish(_fillView.Set(now, taker.Account.Id, takerFill, taker.D));
            Publish(_fillView.Set(now, maker.Account.Id, makerFill, maker.D));
            PublishOrder(maker);
            PublishPosition(taker.Account, takerPos);
            PublishPosition(maker.Account, makerPos);
        }

        CheckGroup(maker, qty);
        CheckGroup(taker, qty);
        if (!maker.IsResting) _orders.Retire(maker);
    }

    /// <summary>Books one side of a fill: cash, fees, order totals and the netted position. Returns the fee charged.</summary>
    private long ApplyCharge(EngineOrder o, long qty, int ticks, Charge c, bool isMaker)
    {
        var a = o.Account;
        var m = o.Market;
        var fee = c.Fee;
        o.Reserved -= c.Release;
        a.Reserved -= c.Release;
        a.Cash += c.Release + c.Change;
        a.FeesPaid += fee;
        _feesCollected += fee;
        _roundingFees += c.Rounding;
        o.RoundingOverpaid = c.NewOverpaid;
        var cost = ticks * qty;
        if (isMaker)
        {
            o.MakerCost += cost;
            o.MakerFees += fee;
        }
        else
        {
            o.TakerCost += cost;
            o.TakerFees += fee;
        }

        o.Filled += qty;
        o.Remaining -= qty;

        var pos = o.Position;
        pos.Volume += qty;
        pos.TotalTraded += cost;
        pos.FeesPaid += fee;
        pos.LastUpdatedTicks = _nowTicks;
        var sign = o.Buys == Outcome.Yes ? 1 : -1;
        if (c.Pairs > 0)
        {
            var held = Math.Abs(pos.Position);
            var costPortion = MulDiv(pos.Cost, c.Pairs, held);
            pos.Cost -= costPortion;
            pos.RealizedPnl += (c.Pairs * (Price.TicksPerDollar - ticks)) - costPortion;
            pos.Position += sign * c.Pairs;
        }

        var opening = qty - c.Pairs;
        if (opening > 0)
        {
            pos.Position += sign * opening;
            pos.Cost += ticks * opening;
        }

        return fee;
    }

    private void CheckGroup(EngineOrder o, long qty)
    {
        var g = o.Group;
        if (g is null || g.Triggered || g.Deleted) return;
        if (g.RecordMatch(_nowTicks, qty)) TriggerGroup(g);
    }

    /// <summary>Cancels every order in the group (including an incoming order still matching) and blocks new ones.</summary>
    private void TriggerGroup(OrderGroupState g)
    {
        g.Triggered = true;
        foreach (var o in g.Resting.OrderBy(x => x.Seq).ToList()) CancelResting(o, "Decrease");
        // An incoming order of the group that is mid-match is not resting yet: stop it too.
        if (_taker is { } t && ReferenceEquals(t.Group, g) && !t.IsResting && t.Status == OrderStatus.Resting && t.Remaining > 0)
        {
            CancelTaker(t, "Decrease");
        }

        if (_publishing) Publish(new OrderGroupChangedEvent(NowOffset, g.Owner.Id, g.Id, "triggered", Quantity.FromHundredths(g.Limit)));
    }
}
