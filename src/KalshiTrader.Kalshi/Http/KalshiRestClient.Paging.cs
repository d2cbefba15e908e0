using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;

namespace KalshiTrader.Kalshi.Http;

/// <summary>Maximum page sizes Kalshi accepts per list endpoint (requests always use the maximum).</summary>
public static class KalshiPageSizes
{
    public const int Markets = 1000;
    public const int Trades = 1000;
    public const int Events = 200;
    /// <summary>Orders, fills, positions and settlements: Kalshi documents no maximum; 200 is accepted everywhere.</summary>
    public const int Portfolio = 200;
    public const int OrderGroups = 200;
    /// <summary>Tickers per batch order-book or batch candlestick call.</summary>
    public const int BatchTickers = 100;
}

public sealed partial class KalshiRestClient
{
    /// <summary>Walks a cursor list: one request per page, at <paramref name="pageSize"/>, until the cursor is empty or <paramref name="limit"/> items.</summary>
    private async IAsyncEnumerable<TItem> PagesAsync<TPage, TItem>(
        string route, string path, QueryString filters, JsonTypeInfo<TPage> type,
        Func<TPage, IEnumerable<TItem>> items, Func<TPage, string?> cursorOf,
        bool auth, int pageSize, int? limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var baseQuery = filters.ToString();
        string? cursor = null;
        var yielded = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var size = limit is { } l ? Math.Min(pageSize, l - yielded) : pageSize;
            if (size <= 0) yield break;
            var query = new QueryString().Add("limit", size).Add("cursor", cursor).ToString();
            var full = baseQuery.Length == 0 ? query : baseQuery + "&" + query[1..];
            var call = RestCall.Get(route, path, full, auth);
            var page = await SendAsync(call, type, cancellationToken).ConfigureAwait(false);
            foreach (var item in items(page))
            {
                yield return item;
                if (limit is { } max && ++yielded >= max) yield break;
            }

            cursor = cursorOf(page);
            // A server that repeats a cursor would loop forever; stop instead.
            if (string.IsNullOrEmpty(cursor) || !seen.Add(cursor)) yield break;
        }
    }
}
