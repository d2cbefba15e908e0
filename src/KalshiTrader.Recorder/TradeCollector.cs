using System.Globalization;
using KalshiTrader.Core.Markets;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Storage;

namespace KalshiTrader.Recorder;

/// <summary>
/// Public trades per market since the checkpoint <c>trades:{ticker}</c> (the newest trade time stored), written
/// page by page. The checkpoint moves only when a market is complete, so a killed run fetches that market again;
/// trades are keyed by trade id, so nothing doubles.
/// </summary>
public sealed class TradeCollector(KalshiRestClient client, IKalshiStore store, TimeProvider time)
{
    public async Task<CollectCounts> RunAsync(
        IReadOnlyList<Market> markets, DateTimeOffset? from, DateTimeOffset? to, IProgress<CollectProgress>? progress, CancellationToken cancellationToken)
    {
        var counts = new CollectCounts();
        long done = 0;
        foreach (var market in markets)
        {
            var key = "trades:" + market.Ticker;
            var saved = await store.GetCheckpointAsync(key, cancellationToken).ConfigureAwait(false);
            var since = saved is not null ? DateTimeOffset.Parse(saved, CultureInfo.InvariantCulture) : from;
            var newest = since;
            var page = new List<Trade>();
            await foreach (var trade in client.GetTradesAsync(new TradeQuery { Ticker = market.Ticker, Min = since, Max = to }, cancellationToken).ConfigureAwait(false))
            {
                page.Add(trade);
                if (newest is null || trade.Time > newest) newest = trade.Time;
                if (page.Count >= 1000)
                {
                    await store.UpsertTradesAsync(page, cancellationToken).ConfigureAwait(false);
                    counts.Add("trades", page.Count);
                    page.Clear();
                }
            }

            await store.UpsertTradesAsync(page, cancellationToken).ConfigureAwait(false);
            counts.Add("trades", page.Count);
            if (newest is { } n) await store.SetCheckpointAsync(key, n.ToString("O"), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            progress?.Report(new CollectProgress("trades", ++done, markets.Count, $"{counts["trades"]} trades"));
        }

        return counts;
    }
}
