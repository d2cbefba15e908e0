namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// Makes UUID-shaped ids ("3f2a9c1e-07d4-4b1a-8e2f-00000000002a") from a per-engine salt and a counter, so ids look
/// like Kalshi's, are reproducible for a given seed, and map back to the counter without a string dictionary.
/// </summary>
internal sealed class IdFormatter
{
    private readonly string _prefix; // the first 24 characters, fixed per engine and kind

    public IdFormatter(ulong salt)
    {
        var a = (uint)(salt >> 32);
        var b = (ushort)(salt >> 16);
        var c = (ushort)(salt & 0x0FFF);
        var d = (ushort)((salt >> 4) & 0x0FFF);
        _prefix = $"{a:x8}-{b:x4}-4{c:x3}-8{d:x3}-";
    }

    public string Format(long n) => string.Create(36, (_prefix, n), static (span, state) =>
    {
        state._prefix.AsSpan().CopyTo(span);
        var v = (ulong)state.n;
        for (var i = 35; i >= 24; i--)
        {
            var nibble = (int)(v & 0xF);
            span[i] = (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
            v >>= 4;
        }
    });

    /// <summary>
    /// <paramref name="text"/> when it is already the canonical (lower-case) form of <paramref name="n"/>, else a
    /// freshly formatted id: answers echo the caller's string instead of allocating a copy.
    /// </summary>
    public string Canonical(string text, long n)
    {
        foreach (var ch in text.AsSpan(24))
        {
            if (ch is >= 'A' and <= 'F') return Format(n);
        }

        return text;
    }

    public bool TryParse(string? text, out long n)
    {
        n = 0;
        if (text is null || text.Length != 36 || !text.AsSpan(0, 24).SequenceEqual(_prefix)) return false;
        long v = 0;
        for (var i = 24; i < 36; i++)
        {
            var ch = text[i];
            int d = ch switch
            {
                >= '0' and <= '9' => ch - '0',
                >= 'a' and <= 'f' => ch - 'a' + 10,
                >= 'A' and <= 'F' => ch - 'A' + 10,
                _ => -1,
            };
            if (d < 0) return false;
            v = (v << 4) | (uint)d;
        }

        n = v;
        return true;
    }
}
