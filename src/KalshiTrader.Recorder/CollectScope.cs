using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Storage;

namespace KalshiTrader.Recorder;

/// <summary>
/// Which markets a collection covers: explicit tickers, events or series, or (when all are empty) every open
/// market. Multivariate (combo) markets are excluded unless asked for.
/// </summary>
public sealed record CollectScope
{
    public IReadOnlyList<MarketTicker> Tickers { get; init; } = [];
    public IReadOnlyList<EventTicker> Events { get; init; } = [];
    public IReadOnlyList<SeriesTicker> Series { get; init; } = [];

    /// <summary>Kalshi status filters (unopened, open, closed, settled); empty = open.</summary>
    public IReadOnlyList<string> Statuses { get; init; } = [];
    public bool IncludeMultivariate { get; init; }

    public bool IsEverything => Tickers.Count == 0 && Events.Count == 0 && Series.Count == 0;

    public IReadOnlyList<string> EffectiveStatuses => Statuses.Count == 0 ? ["open"] : Statuses;

    /// <summary>The markets in scope, asked of the exchange (so it works on an empty store).</summary>
    public async Task<IReadOnlyList<Market>> ResolveMarketsAsync(KalshiRestClient client, CancellationToken cancellationToken)
    {
        var found = new Dictionary<MarketTicker, Market>();
        var mve = IncludeMultivariate ? MveFilter.Any : MveFilter.Exclude;
        if (Tickers.Count > 0)
        {
            foreach (var chunk in Tickers.Chunk(100))
            {
                await foreach (var m in client.GetMarketsAsync(new MarketQuery { Tickers = chunk, Mve = mve }, cancellationToken).ConfigureAwait(false))
                {
                    found[m.Ticker] = m;
                }
            }
        }

        foreach (var e in Events)
        {
            await foreach (var m in client.GetMarketsAsync(new MarketQuery { EventTicker = e, Mve = mve }, cancellationToken).ConfigureAwait(false))
            {
                found[m.Ticker] = m;
            }
        }

        var bySeries = Series.Count > 0 ? Series.Select(s => (SeriesTicker?)s).ToList() : IsEverything ? [null] : [];
        foreach (var series in bySeries)
        {
            foreach (var status in EffectiveStatuses)
            {
                var query = new MarketQuery { SeriesTicker = series, Status = status, Mve = mve };
                await foreach (var m in client.GetMarketsAsync(query, cancellationToken).ConfigureAwait(false)) found[m.Ticker] = m;
            }
        }

        return found.Values.OrderBy(m => m.Ticker.Value, StringComparer.Ordinal).ToList();
    }

    /// <summary>The markets in scope that the store already holds (for candles and trades after a catalog run).</summary>
    public async Task<IReadOnlyList<Market>> ResolveStoredMarketsAsync(IKalshiStore store, CancellationToken cancellationToken)
    {
        var found = new Dictionary<MarketTicker, Market>();
        foreach (var t in Tickers)
        {
            if (await store.GetMarketAsync(t, cancellationToken).ConfigureAwait(false) is { } m) found[m.Ticker] = m;
        }

        foreach (var e in Events)
        {
            foreach (var m in await store.GetMarketsAsync(new MarketFilter(EventTicker: e), cancellationToken).ConfigureAwait(false)) found[m.Ticker] = m;
        }

        foreach (var s in Series)
        {
            foreach (var m in await store.GetMarketsAsync(new MarketFilter(SeriesTicker: s), cancellationToken).ConfigureAwait(false)) found[m.Ticker] = m;
        }

        if (IsEverything)
        {
            var statuses = EffectiveStatuses.Select(MarketEnumsWire.ParseStatus).Distinct().ToList();
            foreach (var m in await store.GetMarketsAsync(new MarketFilter(Statuses: statuses), cancellationToken).ConfigureAwait(false)) found[m.Ticker] = m;
        }

        return found.Values.OrderBy(m => m.Ticker.Value, StringComparer.Ordinal).ToList();
    }
}
