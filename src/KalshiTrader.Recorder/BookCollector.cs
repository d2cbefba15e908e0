using KalshiTrader.Core.Markets;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Records;

namespace KalshiTrader.Recorder;

/// <summary>REST order-book snapshots of the markets in scope, once or every <c>interval</c> until stopped.</summary>
public sealed class BookCollector(KalshiRestClient client, IKalshiStore store, TimeProvider time)
{
    public async Task<CollectCounts> RunAsync(
        IReadOnlyList<Market> markets, TimeSpan? interval, IProgress<CollectProgress>? progress, CancellationToken cancellationToken)
    {
        var counts = new CollectCounts();
        var tickers = markets.Select(m => m.Ticker).ToList();
        var round = 0;
        while (true)
        {
            var books = await client.GetOrderBooksAsync(tickers, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var rows = books.Select(b => new OrderBookSnapshotRecord
            {
                Ticker = b.Ticker,
                Source = "rest",
                Reason = "poll",
                YesBids = b.YesBids,
                NoBids = b.NoBids,
                ReceivedTime = now,
            }).ToList();
            await store.InsertOrderBookSnapshotsAsync(rows, cancellationToken).ConfigureAwait(false);
            counts.Add("orderbook_snapshots", rows.Count);
            progress?.Report(new CollectProgress("books", ++round, 0, $"{counts["orderbook_snapshots"]} snapshots"));
            if (interval is not { } every) return counts;
            try
            {
                await Task.Delay(every, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return counts;
            }
        }
    }
}
