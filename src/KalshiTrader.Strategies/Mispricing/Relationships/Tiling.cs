using KalshiTrader.Core.Markets;

namespace KalshiTrader.Strategies.Mispricing.Relationships;

/// <summary>
/// Decides whether a mutually exclusive event's strikes cover the whole line, which is what makes "exactly one
/// YES" true. Which end of a between strike is inclusive is not in the metadata, so every boundary must be
/// covered under either reading: buckets must touch (cap = next floor), and the open tails must include their
/// touching strike (less_or_equal below, greater_or_equal above). Anything else is reported as not exhaustive.
/// </summary>
internal static class Tiling
{
    public static (bool Exhaustive, string Why) Explain(IReadOnlyList<Market> markets)
    {
        Market? low = null, high = null;
        var buckets = new List<Market>();
        foreach (var m in markets)
        {
            switch (m.StrikeType)
            {
                case StrikeType.Less or StrikeType.LessOrEqual when m.CapStrike is not null:
                    if (low is not null) return (false, "two lower tails");
                    low = m;
                    break;
                case StrikeType.Greater or StrikeType.GreaterOrEqual when m.FloorStrike is not null:
                    if (high is not null) return (false, "two upper tails");
                    high = m;
                    break;
                case StrikeType.Between when m.FloorStrike is not null && m.CapStrike is not null:
                    buckets.Add(m);
                    break;
                default:
                    return (false, $"{m.Ticker} has strike type {MarketEnumsWire.ToWire(m.StrikeType) ?? "none"}, so nothing shows the listed outcomes cover every possibility (an unlisted outcome may win)");
            }
        }

        if (low is null) return (false, "no open lower tail (less / less_or_equal)");
        if (high is null) return (false, "no open upper tail (greater / greater_or_equal)");
        buckets.Sort((a, b) => a.FloorStrike!.Value.CompareTo(b.FloorStrike!.Value));
        var edge = low.CapStrike!.Value;
        if (buckets.Count == 0)
        {
            if (high.FloorStrike != edge) return (false, $"tails {low.Ticker} and {high.Ticker} do not meet");
            if (low.StrikeType != StrikeType.LessOrEqual && high.StrikeType != StrikeType.GreaterOrEqual)
            {
                return (false, $"the value {edge} itself is in neither tail");
            }

            return (true, $"{low.Ticker} and {high.Ticker} meet at {edge} and together cover the line");
        }

        if (low.StrikeType != StrikeType.LessOrEqual) return (false, $"lower tail {low.Ticker} is strict (<{edge}); whether {edge} belongs to the first bucket is not in the metadata");
        foreach (var b in buckets)
        {
            if (b.FloorStrike != edge) return (false, $"gap or overlap before {b.Ticker}: previous edge {edge}, bucket floor {b.FloorStrike}");
            if (b.CapStrike < b.FloorStrike) return (false, $"{b.Ticker} has cap below floor");
            edge = b.CapStrike!.Value;
        }

        if (high.FloorStrike != edge) return (false, $"gap or overlap before {high.Ticker}: previous edge {edge}, floor {high.FloorStrike}");
        if (high.StrikeType != StrikeType.GreaterOrEqual) return (false, $"upper tail {high.Ticker} is strict (>{edge}); whether {edge} belongs to the last bucket is not in the metadata");
        return (true, $"≤{low.CapStrike}, {buckets.Count} touching bucket(s), ≥{high.FloorStrike} tile the whole line");
    }
}
