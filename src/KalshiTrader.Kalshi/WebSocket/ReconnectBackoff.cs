namespace KalshiTrader.Kalshi.WebSocket;

/// <summary>Exponential backoff with "equal jitter": half the delay fixed, half random, so reconnecting clients spread out.</summary>
internal static class ReconnectBackoff
{
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max, Random random)
    {
        var exp = initial.TotalMilliseconds * Math.Pow(2, Math.Min(attempt, 30));
        var capped = Math.Min(exp, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds((capped / 2) + (random.NextDouble() * capped / 2));
    }
}
