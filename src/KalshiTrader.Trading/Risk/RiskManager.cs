using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Risk;

/// <summary>
/// Pre-trade checks. Pure apart from the write bucket: given the same input it gives the same answer, so each
/// rule is unit-tested on its own. The first failing rule wins; its denial names the rule and the numbers.
/// Reduce-only orders are exits: they skip the rules that limit new risk but never the kill switch or data checks.
/// </summary>
public sealed class RiskManager
{
    private readonly WriteRateLimiter _writes;

    public RiskManager(RiskLimits limits, WriteRateLimiter writes)
    {
        Limits = limits;
        _writes = writes;
    }

    public RiskLimits Limits { get; }

    /// <summary>Null when the order may be sent; otherwise the typed reason. Consumes a write token only on success.</summary>
    public RiskDenial? Check(RiskCheckInput input)
    {
        var denial = CheckRules(input);
        if (denial is not null) return denial;
        if (!_writes.TryTake())
        {
            return new RiskDenial(RiskRule.WriteRate, $"more than {Limits.WritesPerSecond}/s order writes (burst {Limits.WriteBurst})");
        }

        return null;
    }

    /// <summary>Every rule except the write rate (which consumes tokens).</summary>
    public RiskDenial? CheckRules(RiskCheckInput input)
    {
        var intent = input.Intent;
        var entry = !intent.ReduceOnly;

        if (input.KillSwitchTripped)
        {
            return new RiskDenial(RiskRule.KillSwitch, $"kill switch is on: {input.KillSwitchReason ?? "tripped"}");
        }

        if (input.DailyPnl <= -Limits.DailyLossLimit)
        {
            return new RiskDenial(RiskRule.DailyLossLimit,
                $"daily P&L {input.DailyPnl.ToDisplayString()} reached the loss limit {Limits.DailyLossLimit.ToDisplayString()}");
        }

        if (Validate(input) is { } invalid) return invalid;

        if (input.MarketBlockedReason is { } blocked)
        {
            return new RiskDenial(RiskRule.MarketBlocked, $"{intent.Ticker} is blocked: {blocked}");
        }

        if (input.Book.State != BookState.Fresh)
        {
            return new RiskDenial(RiskRule.StaleData, $"{intent.Ticker} book is {input.Book.State}: {input.Book.Reason ?? "not fresh"}");
        }

        if (PriceSanity(input) is { } insane) return insane;

        if (intent.Count > Limits.MaxContractsPerOrder)
        {
            return new RiskDenial(RiskRule.MaxContractsPerOrder, $"{intent.Count} contracts > max {Limits.MaxContractsPerOrder} per order");
        }

        if (intent.Notional > Limits.MaxNotionalPerOrder)
        {
            return new RiskDenial(RiskRule.MaxNotionalPerOrder,
                $"notional {intent.Notional.ToDisplayString()} > max {Limits.MaxNotionalPerOrder.ToDisplayString()} per order");
        }

        if (input.OpenOrders >= Limits.MaxOpenOrders)
        {
            return new RiskDenial(RiskRule.MaxOpenOrders, $"{input.OpenOrders} open orders, max {Limits.MaxOpenOrders}");
        }

        if (!entry) return null;

        if (input.Market?.CloseTime is { } close && close - input.Now < Limits.NoEntryBeforeClose)
        {
            return new RiskDenial(RiskRule.NearClose,
                $"{intent.Ticker} closes at {close:O}, within {Limits.NoEntryBeforeClose} of now: no new entries");
        }

        if (PositionLimits(input) is { } tooBig) return tooBig;

        if (!input.SetAlreadyOpen && input.OpenPositionSets >= Limits.MaxOpenPositionSets)
        {
            return new RiskDenial(RiskRule.MaxOpenPositionSets, $"{input.OpenPositionSets} open position sets, max {Limits.MaxOpenPositionSets}");
        }

        var fee = FeeModel.ConservativeOrderFee(intent.LimitPrice, intent.Count, input.Fees);
        if (intent.Notional + fee > input.AvailableCash)
        {
            return new RiskDenial(RiskRule.InsufficientBalance,
                $"order needs {(intent.Notional + fee).ToDisplayString()} with fees, available {input.AvailableCash.ToDisplayString()}");
        }

        return RiskPerTrade(input, fee);
    }

    private static RiskDenial? Validate(RiskCheckInput input)
    {
        var intent = input.Intent;
        var request = new Core.Trading.OrderRequest
        {
            Ticker = intent.Ticker,
            Side = intent.Side,
            YesPrice = intent.YesPrice,
            Count = intent.Count,
            TimeInForce = intent.TimeInForce,
            Expiration = intent.Expiration,
        };
        if (request.Validate() is { } problem) return new RiskDenial(RiskRule.InvalidOrder, problem);
        if (!intent.Count.IsWholeContracts && input.Market is null)
        {
            return new RiskDenial(RiskRule.InvalidOrder, $"fractional count {intent.Count} on an unknown market");
        }

        if (input.Market is not { } market) return new RiskDenial(RiskRule.MarketNotTradeable, $"{intent.Ticker} is not in the catalog");
        if (!market.IsTradeable) return new RiskDenial(RiskRule.MarketNotTradeable, $"{intent.Ticker} is {market.Status}, not active");
        if (!market.TickGrid.IsValid(intent.YesPrice))
        {
            return new RiskDenial(RiskRule.InvalidOrder, $"{intent.Ticker} price {intent.YesPrice} (YES) is off the market's tick grid");
        }

        return null;
    }

    private RiskDenial? PriceSanity(RiskCheckInput input)
    {
        var intent = input.Intent;
        if (input.Book.Book is not { } book) return null;
        if (book.BestAsk(intent.Buy) is not { } ask) return null; // nothing to cross: the order rests
        var through = intent.LimitPrice.Ticks - ask.Price.Ticks;
        if (through > Limits.PriceSanityTicks)
        {
            return new RiskDenial(RiskRule.PriceSanity,
                $"buy {intent.Buy} limit {intent.LimitPrice} is {through} ticks through the best ask {ask.Price} (max {Limits.PriceSanityTicks})");
        }

        return null;
    }

    private RiskDenial? PositionLimits(RiskCheckInput input)
    {
        var intent = input.Intent;
        var signed = intent.Buy == Outcome.Yes ? intent.Count : -intent.Count;
        var openSigned = intent.Buy == Outcome.Yes ? input.OpenSameOutcome : -input.OpenSameOutcome;
        var projected = input.Position + openSigned + signed;
        if (projected.Abs > Limits.MaxPositionPerMarket && projected.Abs > input.Position.Abs)
        {
            return new RiskDenial(RiskRule.MaxPositionPerMarket,
                $"{intent.Ticker} position would reach {projected} (now {input.Position}, open {openSigned}), max {Limits.MaxPositionPerMarket}");
        }

        // Buying the side we are short of nets the position down and adds no event exposure.
        var reduces = (input.Position.IsPositive && intent.Buy == Outcome.No) || (input.Position.IsNegative && intent.Buy == Outcome.Yes);
        if (!reduces && input.EventGross + intent.Count > Limits.MaxPositionPerEvent)
        {
            return new RiskDenial(RiskRule.MaxPositionPerEvent,
                $"event {input.EventTicker} would hold {input.EventGross + intent.Count} contracts, max {Limits.MaxPositionPerEvent}");
        }

        return null;
    }

    private RiskDenial? RiskPerTrade(RiskCheckInput input, Money fee)
    {
        var intent = input.Intent;
        var budget = Money.FromMicros((long)decimal.Floor(input.RiskBase.Micros * Limits.MaxRiskPerTrade));

        // A set's first leg may declare the whole set's worst case; later legs are covered by that declaration.
        Money loss;
        if (intent.WorstCaseLoss is { } declared) loss = declared;
        else if (input.SetAlreadyOpen && input.SetDeclaredWorstCase.IsPositive) return null;
        else loss = intent.Notional + fee;

        if (loss > budget)
        {
            return new RiskDenial(RiskRule.MaxRiskPerTrade,
                $"worst-case loss {loss.ToDisplayString()} > {Limits.MaxRiskPerTrade:P1} of {input.RiskBase.ToDisplayString()} = {budget.ToDisplayString()}");
        }

        return null;
    }
}
