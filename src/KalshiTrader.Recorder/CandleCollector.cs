using System.Globalization;
using KalshiTrader.Core.Markets;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Storage;

namespace KalshiTrader.Recorder;

/// <summary>
/// Candlesticks (1, 60 or 1440 minutes) through the batch endpoint, in windows that keep each call under
/// Kalshi's 10,000-candle limit. After each window the checkpoint <c>candles:{period}:{ticker}</c> moves to the
/// window's end (but never past the start of the period still in progress), so a killed backfill resumes where it
/// stopped and a candle still forming is fetched again next run; rows are upserts, so overlap is harmless.
/// </summary>
public sealed class CandleCollector(KalshiRestClient client, IKalshiStore store, TimeProvider time)
{
    public const int MaxCandlesPerCall = 10_000;

    public static readonly int[] Periods = [1, 60, 1440];

    public async Task<CollectCounts> RunAsync(
        IReadOnlyList<Market> markets, IReadOnlyList<int> periods, DateTimeOffset? from, DateTimeOffset? to,
        IProgress<CollectProgress>? progress, CancellationToken cancellationToken)
    {
        foreach (var p in periods)
        {
            if (!Periods.Contains(p)) throw new ArgumentException($"period: {p} minutes is not one of 1, 60, 1440", nameof(periods));
        }

        var counts = new CollectCounts();
        var now = time.GetUtcNow();
        var end = to ?? now;
        var total = (long)markets.Count * periods.Count;
        long done = 0;
        foreach (var period in periods)
        {
            foreach (var group in markets.Chunk(KalshiPageSizes.BatchTickers))
            {
                var starts = new Dictionary<string, DateTimeOffset>();
                foreach (var m in group)
                {
                    var saved = await store.GetCheckpointAsync(Key(period, m), cancellationToken).ConfigureAwait(false);
                    starts[m.Ticker.Value] = saved is not null
                        ? DateTimeOffset.Parse(saved, CultureInfo.InvariantCulture)
                        : from ?? m.OpenTime ?? m.CreatedTime ?? end.AddDays(-7);
                }

                var groupEnd = group.Select(m => m.CloseTime is { } c && c < end ? c : end).Max();
                var start = starts.Values.Min();
                var span = TimeSpan.FromMinutes((double)period * Math.Max(1, MaxCandlesPerCall / group.Length));
                for (var windowStart = start; windowStart < groupEnd; windowStart += span)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var windowEnd = windowStart + span < groupEnd ? windowStart + span : groupEnd;
                    var tickers = group.Where(m => starts[m.Ticker.Value] < windowEnd).Select(m => m.Ticker).ToList();
                    if (tickers.Count == 0) continue;
                    // What is complete is judged at the moment we ask: a period still in progress then may end while
                    // the request is in flight, and its candle as fetched is partial.
                    var asked = time.GetUtcNow();
                    var candles = await client.GetCandlesticksBatchAsync(tickers, new CandleQuery(windowStart, windowEnd, period), cancellationToken)
                        .ConfigureAwait(false);
                    var rows = candles.Values.SelectMany(c => c).ToList();
                    await store.UpsertCandlesticksAsync(rows, cancellationToken).ConfigureAwait(false);
                    counts.Add("candlesticks", rows.Count);
                    // Never past the start of the period still in progress: its candle changes until the period ends,
                    // so the next run must fetch it again (an upsert) rather than skip it for good.
                    var settled = LastCompletePeriodEnd(asked, period);
                    var checkpoint = windowEnd < settled ? windowEnd : settled;
                    foreach (var t in tickers)
                    {
                        await store.SetCheckpointAsync($"candles:{period}:{t}", checkpoint.ToString("O"), time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                    }

                    progress?.Report(new CollectProgress($"candles {period}m", done, total, $"{windowEnd:yyyy-MM-dd HH:mm} · {counts["candlesticks"]} candles"));
                }

                done += group.Length;
                progress?.Report(new CollectProgress($"candles {period}m", done, total, $"{counts["candlesticks"]} candles"));
            }
        }

        return counts;
    }

    private static string Key(int period, Market m) => $"candles:{period}:{m.Ticker}";

    /// <summary>The end of the last period of <paramref name="periodMinutes"/> that has fully ended at <paramref name="now"/> (Unix-aligned, as Kalshi's candles are).</summary>
    internal static DateTimeOffset LastCompletePeriodEnd(DateTimeOffset now, int periodMinutes)
    {
        var seconds = periodMinutes * 60L;
        return DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds() / seconds * seconds);
    }
}
