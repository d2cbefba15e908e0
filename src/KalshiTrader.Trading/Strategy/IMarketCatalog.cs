using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Trading.Strategy;

/// <summary>Series, events and markets the engine loaded; lifecycle events keep market status and close times current.</summary>
public interface IMarketCatalog
{
    IReadOnlyCollection<Market> Markets { get; }

    IReadOnlyCollection<Event> Events { get; }

    bool TryGetMarket(MarketTicker ticker, out Market market);

    bool TryGetEvent(EventTicker ticker, out Event @event);

    bool TryGetSeries(SeriesTicker ticker, out Series series);

    /// <summary>The markets of one event (empty when unknown).</summary>
    IReadOnlyList<Market> MarketsOf(EventTicker eventTicker);

    /// <summary>The fee terms of a market: its series' schedule with the event's overrides (standard when unknown).</summary>
    FeeSchedule FeesFor(MarketTicker ticker);
}
