using System.Text;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Trading.Orders;

/// <summary>
/// Deterministic client order ids: "{strategy}-{run}-{sequence}". The same run id and sequence always give the
/// same id, so a backtest replays exactly, and a retried create carries the same key (never a second order).
/// The strategy prefix lets reconciliation attribute an exchange order to its strategy.
/// </summary>
public sealed class ClientOrderIdFactory
{
    private long _sequence;

    public ClientOrderIdFactory(string runId, long startSequence = 0)
    {
        if (string.IsNullOrWhiteSpace(runId) || runId.Any(c => !char.IsAsciiLetterOrDigit(c)))
        {
            throw new ArgumentException("run id must be ASCII letters and digits", nameof(runId));
        }

        RunId = runId;
        _sequence = startSequence;
    }

    public string RunId { get; }

    public ClientOrderId Next(string strategy) => new($"{Prefix(strategy)}-{RunId}-{++_sequence:D6}");

    /// <summary>The strategy prefix of an id made here ("mispricing-a1b2c3d4-000001" → "mispricing").</summary>
    public static string? StrategyPrefixOf(ClientOrderId id)
    {
        var parts = id.Value.Split('-');
        return parts.Length == 3 ? parts[0] : null;
    }

    /// <summary>Lower-case ASCII letters and digits of the name, at most 16: Kalshi keeps ids short and plain.</summary>
    public static string Prefix(string strategy)
    {
        var sb = new StringBuilder(16);
        foreach (var c in strategy)
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(char.ToLowerInvariant(c));
            if (sb.Length == 16) break;
        }

        return sb.Length == 0 ? "s" : sb.ToString();
    }

    /// <summary>A new random run id (8 hex digits).</summary>
    public static string NewRunId() => Convert.ToHexStringLower(Guid.NewGuid().ToByteArray().AsSpan(0, 4));
}
