using System.Globalization;
using System.Text.RegularExpressions;

namespace KalshiTrader.Cli.Demo;

/// <summary>What <c>kalshi-trader demo</c> runs: how long, where the data lands, and the seed everything derives from.</summary>
internal sealed record DemoOptions
{
    public const string DefaultDb = "sqlite:data/demo.db";
    public const ulong DefaultSeed = 20_260_101;
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(2);

    /// <summary>Trading time; settlement and the report come after it.</summary>
    public TimeSpan Duration { get; init; } = DefaultDuration;

    /// <summary>The store everything is recorded into (sqlite:PATH or a PostgreSQL connection string).</summary>
    public string Db { get; init; } = DefaultDb;

    /// <summary>Local exchange port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    public ulong Seed { get; init; } = DefaultSeed;

    /// <summary>Optional 1-minute BTC bars (e.g. ../shared/data/btc/...csv) to drive the BTC ladder instead of the seeded walk.</summary>
    public string? BtcCsv { get; init; }

    /// <summary>Print one final JSON object instead of the tables.</summary>
    public bool JsonSummary { get; init; }

    /// <summary>How often the live view refreshes (plain lines are printed every <see cref="PlainInterval"/>).</summary>
    public TimeSpan ViewInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan PlainInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long to wait for settlement to reach the account before reporting what is missing.</summary>
    public TimeSpan SettlementTimeout { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Cash the demo account starts with.</summary>
    public long StartingBalanceCents { get; init; } = 10_000_00;
}

/// <summary>Reads durations like <c>90s</c>, <c>2m</c>, <c>1m30s</c>, <c>1500ms</c> or <c>1h</c> (a bare number is seconds).</summary>
internal static partial class DurationText
{
    public static bool TryParse(string? text, out TimeSpan duration, out string? error)
    {
        duration = TimeSpan.Zero;
        error = null;
        var s = text?.Trim().ToLowerInvariant() ?? "";
        if (s.Length == 0)
        {
            error = "duration: empty; use e.g. 90s or 2m";
            return false;
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare))
        {
            duration = TimeSpan.FromSeconds(bare);
            return Check(text!, ref duration, out error);
        }

        var matches = Part().Matches(s);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != s)
        {
            error = $"duration: '{text}' is not a duration; use e.g. 90s, 2m, 1m30s or 1500ms";
            return false;
        }

        foreach (Match m in matches)
        {
            var n = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += m.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromHours(n),
            };
        }

        return Check(text!, ref duration, out error);
    }

    private static bool Check(string text, ref TimeSpan duration, out string? error)
    {
        error = duration <= TimeSpan.Zero ? $"duration: '{text}' must be positive" : duration > TimeSpan.FromHours(24) ? $"duration: '{text}' is longer than 24h" : null;
        return error is null;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(ms|s|m|h)")]
    private static partial Regex Part();
}
