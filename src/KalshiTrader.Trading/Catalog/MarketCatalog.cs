using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Catalog;

/// <summary>The loaded series, events and markets; lifecycle events keep status and close times current. Loop-only.</summary>
public sealed class MarketCatalog : IMarketCatalog
{
    private readonly Dictionary<string, Market> _markets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Event> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Market>> _byEvent = new(StringComparer.Ordinal);

    public MarketCatalog(CatalogSnapshot snapshot)
    {
        foreach (var s in snapshot.Series) _series[s.Ticker.Value] = s;
        foreach (var e in snapshot.Events)
        {
            _events[e.Ticker.Value] = e;
            foreach (var m in e.Markets) Add(m);
        }

        foreach (var m in snapshot.Markets) Add(m);
    }

    public static MarketCatalog Empty { get; } = new(CatalogSnapshot.Empty);

    public IReadOnlyCollection<Market> Markets => _markets.Values;

    public IReadOnlyCollection<Event> Events => _events.Values;

    public bool TryGetMarket(MarketTicker ticker, out Market market) => _markets.TryGetValue(ticker.Value, out market!);

    public bool TryGetEvent(EventTicker ticker, out Event @event) => _events.TryGetValue(ticker.Value, out @event!);

    public bool TryGetSeries(SeriesTicker ticker, out Series series) => _series.TryGetValue(ticker.Value, out series!);

    public IReadOnlyList<Market> MarketsOf(EventTicker eventTicker) =>
        _byEvent.TryGetValue(eventTicker.Value, out var list) ? list : [];

    public FeeSchedule FeesFor(MarketTicker ticker)
    {
        if (!_markets.TryGetValue(ticker.Value, out var market)) return FeeSchedule.Standard;
        if (!_events.TryGetValue(market.EventTicker.Value, out var ev)) return FeeSchedule.Standard;
        var baseFees = _series.TryGetValue(ev.SeriesTicker.Value, out var series) ? series.Fees : FeeSchedule.Standard;
        return baseFees.WithOverrides(ev.FeeTypeOverride, ev.FeeMultiplierOverride);
    }

    /// <summary>Applies a lifecycle event to the market's status and close time; returns whether the market is known.</summary>
    public bool Apply(LifecycleEvent e)
    {
        if (!_markets.TryGetValue(e.Ticker.Value, out var market)) return false;
        var status = e.EventType switch
        {
            "activated" => MarketStatus.Active,
            "deactivated" => MarketStatus.Inactive,
            "closed" => MarketStatus.Closed,
            "determined" => MarketStatus.Determined,
            "settled" => MarketStatus.Finalized,
            _ => market.Status,
        };
        var updated = market with
        {
            Status = status,
            CloseTime = e.CloseTime ?? market.CloseTime,
            Result = e.Result ?? market.Result,
            SettlementValue = e.SettlementValue ?? market.SettlementValue,
        };
        Replace(updated);
        return true;
    }

    /// <summary>An event's fee terms changed.</summary>
    public void Apply(EventFeeUpdateEvent e)
    {
        if (!_events.TryGetValue(e.EventTicker.Value, out var ev)) return;
        FeeType? type = e.FeeTypeOverride is { Length: > 0 } t ? FeeSchedule.ParseType(t) : null;
        _events[e.EventTicker.Value] = ev with { FeeTypeOverride = type ?? ev.FeeTypeOverride, FeeMultiplierOverride = e.FeeMultiplierOverride ?? ev.FeeMultiplierOverride };
    }

    private void Add(Market m)
    {
        if (_markets.ContainsKey(m.Ticker.Value))
        {
            Replace(m);
            return;
        }

        _markets[m.Ticker.Value] = m;
        if (!_byEvent.TryGetValue(m.EventTicker.Value, out var list)) _byEvent[m.EventTicker.Value] = list = [];
        list.Add(m);
    }

    private void Replace(Market m)
    {
        _markets[m.Ticker.Value] = m;
        if (_byEvent.TryGetValue(m.EventTicker.Value, out var list))
        {
            var i = list.FindIndex(x => x.Ticker == m.Ticker);
            if (i >= 0) list[i] = m;
            else list.Add(m);
        }
    }
}

/// <summary>Series, events (with nested markets) and loose markets to seed a catalog.</summary>
public sealed record CatalogSnapshot(IReadOnlyList<Series> Series, IReadOnlyList<Event> Events, IReadOnlyList<Market> Markets)
{
    public static CatalogSnapshot Empty { get; } = new([], [], []);
}

/// <summary>Loads the catalog the engine trades over (the REST client in paper/live, a fixture in tests, a recording in backtests).</summary>
public interface ICatalogSource
{
    Task<CatalogSnapshot> LoadAsync(CatalogQuery query, CancellationToken cancellationToken);
}

/// <summary>Which part of the exchange to load (from the <c>scanning</c> config section); empty lists mean "all open".</summary>
public sealed record CatalogQuery
{
    public IReadOnlyList<string> Series { get; init; } = [];
    public IReadOnlyList<string> Events { get; init; } = [];
    public IReadOnlyList<string> Markets { get; init; } = [];
    public string Status { get; init; } = "open";
    public bool IncludeMultivariate { get; init; }
    public int MaxEvents { get; init; } = 500;
}

/// <summary>A fixed catalog (tests, backtests).</summary>
public sealed class StaticCatalogSource(CatalogSnapshot snapshot) : ICatalogSource
{
    public Task<CatalogSnapshot> LoadAsync(CatalogQuery query, CancellationToken cancellationToken) => Task.FromResult(snapshot);
}
