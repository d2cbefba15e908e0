using System.Globalization;

namespace KalshiTrader.Cli.Common;

/// <summary>Parses times given on the command line: ISO 8601 (UTC unless an offset is given) or Unix seconds.</summary>
internal static class CliTime
{
    public static DateTimeOffset? Parse(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)) return DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)) return t;
        throw new FormatException($"{option}: '{text}' is neither an ISO 8601 time nor Unix seconds");
    }
}
