using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Books;

/// <summary>
/// What taking liquidity would cost: how much fills (up to the request and any limit), the total cost,
/// and the worst price touched.
/// </summary>
public readonly record struct BookWalk(Quantity Filled, Money Cost, Price? WorstPrice)
{
    /// <summary>Average price per contract in dollars, or null when nothing fills.</summary>
    public decimal? AveragePrice => Filled.IsZero ? null : Cost.Dollars / Filled.Contracts;
}
