using KalshiTrader.Core.Books;
using KalshiTrader.Strategies.Mispricing.Detection;

namespace KalshiTrader.Strategies.Mispricing;

/// <summary>
/// What a book change needs about one followed market, found with the one dictionary probe the engine's ticker
/// forces on us: the strategy's copy of its book (the detector reads that same object) and its detector slot, so the
/// detector's slot path runs without a second lookup.
/// </summary>
internal sealed class FollowedMarket(OrderBook copy, MarketSlot slot)
{
    public OrderBook Copy { get; } = copy;

    public MarketSlot Slot { get; } = slot;
}
