using System.Text;

namespace KalshiTrader.Kalshi.WebSocket;

/// <summary>
/// Turns UTF-8 ticker bytes into one shared string per market, so a feed of millions of frames allocates no
/// ticker strings after warm-up. Bounded: past <see cref="MaxEntries"/> it stops caching (and still works).
/// </summary>
internal sealed class TickerCache
{
    public const int MaxEntries = 200_000;
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TickerCache() => _lookup = _strings.GetAlternateLookup<ReadOnlySpan<char>>();

    public string Get(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > 256) return Encoding.UTF8.GetString(utf8);
        Span<char> chars = stackalloc char[utf8.Length];
        var n = Encoding.UTF8.GetChars(utf8, chars);
        var key = chars[..n];
        if (_lookup.TryGetValue(key, out var s)) return s;
        s = key.ToString();
        if (_strings.Count < MaxEntries) _strings[s] = s;
        return s;
    }
}
