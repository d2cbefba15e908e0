using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Trading.Portfolio;

/// <summary>
/// One market's signed position with its cost basis and realized P&amp;L, netted the way Kalshi nets: buying the
/// side we are short of redeems pairs for $1, so closing c contracts held at average cost a by buying the other
/// side at q realizes c × (1 − q) − c × a.
/// </summary>
internal sealed class PositionBook
{
    public PositionBook(MarketTicker ticker) => Ticker = ticker;

    public MarketTicker Ticker { get; }

    /// <summary>+ YES, − NO.</summary>
    public Quantity Position { get; set; }

    /// <summary>Total cost of the contracts held (always ≥ 0).</summary>
    public Money Cost { get; set; }
    public Money Realized { get; set; }
    public Money Fees { get; set; }

    /// <summary>Applies a fill; returns the cash change (negative when paying) and the realized P&amp;L it produced (fees included).</summary>
    public (Money CashChange, Money Realized) Apply(Fill fill)
    {
        var buyYes = fill.Side == OrderSide.Bid;
        var price = fill.OutcomePrice;
        var count = fill.Count;
        var held = Position.Abs;
        var sameSide = Position.IsZero || (Position.IsPositive == buyYes);
        Money cash;
        Money realized;
        if (sameSide)
        {
            Cost += price.Times(count);
            Position += buyYes ? count : -count;
            cash = -price.Times(count);
            realized = Money.Zero;
        }
        else
        {
            var closing = Quantity.Min(held, count);
            var costOut = CostShare(closing, held);
            var proceeds = price.Complement.Times(closing); // $1 redemption less the price paid for the other side
            realized = proceeds - costOut;
            Cost -= costOut;
            Position += buyYes ? closing : -closing;
            cash = proceeds;
            var opening = count - closing;
            if (opening.IsPositive)
            {
                Cost += price.Times(opening);
                Position += buyYes ? opening : -opening;
                cash -= price.Times(opening);
            }
        }

        Fees += fill.Fee;
        realized -= fill.Fee;
        Realized += realized;
        return (cash - fill.Fee, realized);
    }

    /// <summary>Value if sold now at the best bid of the held side (null when no bid to sell into).</summary>
    public Money? MarkValue(Price? bestBidOfHeldSide) =>
        Position.IsZero ? Money.Zero : bestBidOfHeldSide is { } bid ? bid.Times(Position.Abs) : null;

    private Money CostShare(Quantity part, Quantity whole)
    {
        if (whole.IsZero) return Money.Zero;
        if (part == whole) return Cost;
        return Money.FromMicros((long)((decimal)Cost.Micros * part.Hundredths / whole.Hundredths));
    }
}
