using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Detection;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Strategies.Mispricing.Execution;

/// <summary>
/// Drives one trade through its legs with immediate-or-cancel orders only (nothing rests, so nothing is left behind):
/// <list type="number">
/// <item>Two legs: the less liquid leg at the detected price, then the other for the filled quantity.
/// Many legs: every leg at once.</item>
/// <item>Repair: missing contracts (up to the most any leg filled) are bought at a limit that lets the completed trade
/// still earn after fees; retried on later book changes and timer ticks up to <see cref="MispricingSettings.MaxRetries"/>
/// and <see cref="MispricingSettings.LegTimeout"/>.</item>
/// <item>Unwind: what cannot be hedged is sold back (buying the opposite outcome, reduce-only) down to the least any
/// leg holds, paying at most <see cref="MispricingSettings.LossCap"/>; tried until <see cref="MispricingSettings.FlattenTimeout"/>,
/// after which the residual is left to settle and the trade is marked FAILED.</item>
/// </list>
/// Many-leg trades run inside an order group (<see cref="GroupLimit"/>): every buy carries it, so an over-fill past
/// the plan makes the exchange cancel the group's orders and refuse more buys.
/// The engine answers each IOC with its final fill count, so each step knows exactly what it holds; an order whose
/// outcome is unknown (timeout or 5xx) is waited for through <see cref="IStrategyContext.FindOrder"/>.
/// </summary>
internal sealed class TradeExecutor(MispricingSettings settings)
{
    public async ValueTask StartAsync(MispricingTrade t, IStrategyContext ctx, CancellationToken ct)
    {
        if (t.Sequential)
        {
            var first = t.Legs[0];
            await SubmitAsync(t, first, unwind: false, first.Plan.LimitPrice, t.Target, "first leg (less liquid)", ctx, ct).ConfigureAwait(false);
        }
        else
        {
            if (!await OpenGroupAsync(t, ctx, ct).ConfigureAwait(false)) return;
            foreach (var leg in t.Legs) await SubmitAsync(t, leg, unwind: false, leg.Plan.LimitPrice, t.Target, "basket leg", ctx, ct).ConfigureAwait(false);
        }

        if (!t.AnyFilled && !t.HasPending)
        {
            Finish(t, OpportunityStatus.Expired, "nothing filled at the detected prices", ctx);
            return;
        }

        t.Phase = TradePhase.Repairing;
        t.PhaseSince = ctx.Now;
        await AdvanceAsync(t, ctx, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// The order group's contracts limit for a many-leg trade: every contract the plan may buy (each leg up to the
    /// target; repairs only make up what an entry leg missed, so entries and repairs together stay within it) plus one
    /// contract, because the exchange triggers when matched contracts reach the limit. Anything beyond within 15 s is an
    /// over-fill (a duplicate, an unknown outcome that did fill and was bought again), and the exchange then cancels the
    /// group's orders and refuses new buys. Unwinds do not join the group: they only reduce and must work after a trigger.
    /// </summary>
    public static Quantity GroupLimit(MispricingTrade t) =>
        Quantity.FromHundredths(t.Target.Hundredths * t.Legs.Length + Quantity.HundredthsPerContract);

    private static async ValueTask<bool> OpenGroupAsync(MispricingTrade t, IStrategyContext ctx, CancellationToken ct)
    {
        var limit = GroupLimit(t);
        var group = await ctx.CreateOrderGroupAsync(limit, ct).ConfigureAwait(false);
        if (!group.IsOk)
        {
            Finish(t, OpportunityStatus.Failed, $"no order group to cap the basket's exposure ({group.Error}); nothing sent", ctx);
            return false;
        }

        t.OrderGroupId = group.Value;
        t.Steps.Add(new TradeStep(ctx.Now, $"order group {group.Value} (limit {limit.ToFpString()})", t.Legs[0].Plan.Ticker, t.Legs[0].Plan.Buy,
            Price.Zero, limit, Quantity.Zero, "created"));
        return true;
    }

    /// <summary>One step: resolve unknown orders, then repair or unwind as the phase says. Safe to call on any event.</summary>
    public async ValueTask AdvanceAsync(MispricingTrade t, IStrategyContext ctx, CancellationToken ct)
    {
        if (t.Phase == TradePhase.Done) return;
        ResolvePending(t, ctx);
        if (t.HasPending) return; // cannot know what we hold until the engine reconciles the unknown order

        if (IsComplete(t))
        {
            FinishBalanced(t, ctx);
            return;
        }

        if (t.Phase == TradePhase.Repairing)
        {
            if (t.RepairAttempts >= settings.MaxRetries + 1 || ctx.Now - t.PhaseSince > settings.LegTimeout)
            {
                t.Phase = TradePhase.Unwinding;
                t.PhaseSince = ctx.Now;
                ctx.Log.Info("mispricing: could not complete the hedge within the edge, unwinding the surplus",
                    ("opportunity", t.Opportunity.Id), ("attempts", t.RepairAttempts));
            }
            else
            {
                await RepairAsync(t, ctx, ct).ConfigureAwait(false);
            }
        }

        if (t.Phase == TradePhase.Unwinding)
        {
            if (ctx.Now - t.PhaseSince > settings.FlattenTimeout)
            {
                var held = string.Join(", ", t.Legs.Where(l => l.Held.IsPositive).Select(l => $"{l.Held} {Wire(l.Plan.Buy)} {l.Plan.Ticker}"));
                Finish(t, OpportunityStatus.Failed, $"could not unwind within the loss cap {settings.LossCap.ToDollarString()}; left to settle: {held}", ctx);
                ctx.Log.Warn("mispricing: unhedged residual left to settle", ("opportunity", t.Opportunity.Id), ("held", held));
                return;
            }

            await UnwindAsync(t, ctx, ct).ConfigureAwait(false);
        }

        if (!t.HasPending && IsComplete(t)) FinishBalanced(t, ctx);
    }

    // Complete = every leg holds the same count and nothing more will be bought (after the entry, a balanced trade is done).
    private static bool IsComplete(MispricingTrade t) => t.Phase != TradePhase.Entering && t.Balanced;

    private async ValueTask RepairAsync(MispricingTrade t, IStrategyContext ctx, CancellationToken ct)
    {
        t.RepairAttempts++;
        var units = t.Legs.Select(l => l.Filled).Max();
        var limits = LegPricing.RepairLimits(t, units, settings.MaxSlippage);
        for (var i = 0; i < t.Legs.Length; i++)
        {
            var leg = t.Legs[i];
            var missing = units - leg.Filled;
            if (!missing.IsPositive) continue;
            if (limits[i] is not { } limit)
            {
                Step(t, "repair skipped", leg, leg.Plan.Buy, leg.Plan.LimitPrice, missing, Quantity.Zero, "no price keeps the edge positive", ctx);
                continue;
            }

            if (!ctx.GetBook(leg.Plan.Ticker).TryGetFresh(out var book))
            {
                Step(t, "repair skipped", leg, leg.Plan.Buy, limit, missing, Quantity.Zero, "book not fresh", ctx);
                continue;
            }

            if (book.BestAsk(leg.Plan.Buy) is not { } ask || ask.Price > limit)
            {
                Step(t, "repair skipped", leg, leg.Plan.Buy, limit, missing, Quantity.Zero,
                    $"best ask {(book.BestAsk(leg.Plan.Buy) is { } a ? a.Price.ToDollarString() : "none")} above the edge limit", ctx);
                continue;
            }

            var action = t.Sequential && t.RepairAttempts == 1 ? "second leg (filled quantity)" : "repair";
            await SubmitAsync(t, leg, unwind: false, LegPricing.CapForSanity(limit, book, leg.Plan.Buy), missing, action, ctx, ct).ConfigureAwait(false);
        }
    }

    private async ValueTask UnwindAsync(MispricingTrade t, IStrategyContext ctx, CancellationToken ct)
    {
        var floor = t.Legs.Select(l => l.Held).Min();
        var surplusTotal = t.Legs.Sum(l => (l.Held - floor).Hundredths);
        if (surplusTotal == 0) return;
        // The loss cap covers the whole trade: what earlier unwinds already lost is spent.
        var remainingCap = settings.LossCap - LossSoFar(t);
        foreach (var leg in t.Legs)
        {
            var surplus = leg.Held - floor;
            if (!surplus.IsPositive) continue;
            if (!ctx.GetBook(leg.Plan.Ticker).TryGetFresh(out var book))
            {
                Step(t, "unwind skipped", leg, leg.Plan.Buy.Opposite(), Price.Zero, surplus, Quantity.Zero, "book not fresh", ctx);
                continue;
            }

            var share = Money.FromMicros(Math.Max(0, remainingCap.Micros) * surplus.Hundredths / surplusTotal);
            if (LegPricing.UnwindLimit(leg, surplus, share, book) is not { } limit)
            {
                Step(t, "unwind skipped", leg, leg.Plan.Buy.Opposite(), Price.Zero, surplus, Quantity.Zero,
                    $"no exit within the loss cap (share {share.ToDollarString()})", ctx);
                continue;
            }

            await SubmitAsync(t, leg, unwind: true, limit, surplus, "unwind (flatten)", ctx, ct).ConfigureAwait(false);
        }
    }

    // Loss realised by unwinds so far: entry cost of the contracts sold back plus what selling them cost, minus $1 each.
    private static Money LossSoFar(MispricingTrade t)
    {
        var loss = Money.Zero;
        foreach (var l in t.Legs)
        {
            if (!l.Unwound.IsPositive || !l.Filled.IsPositive) continue;
            var entry = Money.FromMicros((l.Cost + l.FeesPaid).Micros * l.Unwound.Hundredths / l.Filled.Hundredths);
            loss += entry + l.UnwindCost + l.UnwindFees - Price.One.Times(l.Unwound);
        }

        return loss;
    }

    private static async ValueTask SubmitAsync(
        MispricingTrade t, LegState leg, bool unwind, Price limit, Quantity count, string action, IStrategyContext ctx, CancellationToken ct)
    {
        var buy = unwind ? leg.Plan.Buy.Opposite() : leg.Plan.Buy;
        var intent = new OrderIntent
        {
            Ticker = leg.Plan.Ticker,
            Buy = buy,
            LimitPrice = limit,
            Count = count,
            TimeInForce = TimeInForce.ImmediateOrCancel,
            ReduceOnly = unwind,
            PositionSetId = t.SetId,
            OrderGroupId = unwind ? null : t.OrderGroupId,
            WorstCaseLoss = unwind ? null : t.WorstCaseLoss,
            Tag = $"mispricing {action} {t.Opportunity.Type}",
        };
        var result = await ctx.SubmitAsync(intent, ct).ConfigureAwait(false);
        if (result.IsAccepted)
        {
            Apply(leg, unwind, limit, result.FilledCount, result.ClientOrderId, ctx);
        }
        else if (result.Status == OrderResultStatus.OutcomeUnknown && result.ClientOrderId is { } id)
        {
            leg.Pending = id;
            leg.PendingIsUnwind = unwind;
            leg.PendingPrice = limit;
        }

        Step(t, action, leg, buy, limit, count, result.IsAccepted ? result.FilledCount : Quantity.Zero, result.ToString(), ctx);
    }

    private static void Apply(LegState leg, bool unwind, Price limit, Quantity filled, ClientOrderId? id, IStrategyContext ctx)
    {
        if (!filled.IsPositive) return;
        // The engine's own cost and fees when it has them for exactly this fill; else the limit and a conservative fee.
        var cost = limit.Times(filled);
        var fee = LegPricing.Fee(limit, filled, leg.Fees);
        if (id is { } cid && ctx.FindOrder(cid) is { } order && order.FilledCount == filled && order.FillCost.IsPositive)
        {
            cost = order.FillCost;
            fee = Money.Max(order.Fees, Money.Zero);
        }

        if (unwind)
        {
            leg.Unwound += filled;
            leg.UnwindCost += cost;
            leg.UnwindFees += fee;
        }
        else
        {
            leg.Filled += filled;
            leg.Cost += cost;
            leg.FeesPaid += fee;
        }
    }

    private static void ResolvePending(MispricingTrade t, IStrategyContext ctx)
    {
        foreach (var leg in t.Legs)
        {
            if (leg.Pending is not { } id || ctx.FindOrder(id) is not { IsFinal: true } order) continue;
            leg.Pending = null;
            Apply(leg, leg.PendingIsUnwind, leg.PendingPrice, order.FilledCount, id, ctx);
            Step(t, "resolved unknown order", leg, order.Intent.Buy, order.Intent.LimitPrice, order.Intent.Count, order.FilledCount, order.State.ToString(), ctx);
        }
    }

    private static void FinishBalanced(MispricingTrade t, IStrategyContext ctx)
    {
        var held = t.Legs[0].Held;
        var unwound = t.Legs.Any(l => l.Unwound.IsPositive);
        if (held.IsPositive)
        {
            Finish(t, OpportunityStatus.Filled, unwound ? $"hedged {held} units; the unhedged surplus was unwound" : $"hedged {held} units on every leg", ctx);
        }
        else if (t.AnyFilled)
        {
            Finish(t, OpportunityStatus.Failed, "could not hedge: every leg flattened within the loss cap", ctx);
        }
        else
        {
            Finish(t, OpportunityStatus.Expired, "nothing filled", ctx);
        }
    }

    private static void Finish(MispricingTrade t, OpportunityStatus status, string reason, IStrategyContext ctx)
    {
        t.Phase = TradePhase.Done;
        t.Outcome = status;
        t.OutcomeReason = reason;
        ctx.Log.Info($"mispricing: trade {OpportunityWireName(status)}: {reason}", ("opportunity", t.Opportunity.Id), ("type", t.Opportunity.Type),
            ("steps", t.Steps.Count));
    }

    private static void Step(MispricingTrade t, string action, LegState leg, Outcome buy, Price limit, Quantity count, Quantity filled, string result, IStrategyContext ctx)
    {
        t.Steps.Add(new TradeStep(ctx.Now, action, leg.Plan.Ticker, buy, limit, count, filled, result));
        ctx.Log.Info($"mispricing {action}: buy {Wire(buy)} {count} {leg.Plan.Ticker} @ {limit}: {result}",
            ("opportunity", t.Opportunity.Id), ("filled", filled.ToFpString()));
    }

    internal static string Wire(Outcome o) => o == Outcome.Yes ? "yes" : "no";

    internal static string OpportunityWireName(OpportunityStatus s) => Persistence.OpportunityWire.ToWire(s);
}
