using System.Text.Json;

namespace KalshiTrader.Kalshi.WebSocket;

/// <summary>One market's book at the end of a replay. Levels are <c>[price_dollars, size_fp]</c> pairs in ascending price.</summary>
public sealed record ReplayedBook(
    string Ticker,
    long LastSeq,
    bool Valid,
    string? InvalidReason,
    IReadOnlyList<string[]> YesBids,
    IReadOnlyList<string[]> NoBids,
    string? BestYesBid,
    string? BestYesAsk);

/// <summary>A problem found in a capture, with the 1-based line it came from.</summary>
public sealed record ReplayError(long Line, string Kind, string Message, string? Ticker);

/// <summary>What a capture replay found. <see cref="WriteJson"/> writes the documented <c>book replay --json</c> shape.</summary>
public sealed record CaptureReplayResult(
    long Lines,
    long BlankLines,
    long Messages,
    IReadOnlyDictionary<string, long> MessagesByType,
    IReadOnlyDictionary<string, long> ErrorsByKind,
    IReadOnlyList<ReplayError> ErrorDetails,
    IReadOnlyList<ReplayedBook> Books)
{
    /// <summary>Error kinds: a sequence gap, a line that is not a message we can read, a delta that would leave a
    /// negative level, a delta for a book with no snapshot yet (or dropped after a gap), an <c>error</c> message.</summary>
    public static class Kinds
    {
        public const string Gap = "gap";
        public const string Malformed = "malformed";
        public const string NegativeLevel = "negative_level";
        public const string DeltaWithoutSnapshot = "delta_without_snapshot";
        public const string ServerError = "server_error";
    }

    public long TotalErrors => ErrorsByKind.Values.Sum();

    public long ErrorCount(string kind) => ErrorsByKind.GetValueOrDefault(kind);

    /// <summary>
    /// Writes <c>{"lines","blank_lines","messages","messages_by_type":{type:n},"errors":{"total":n, kind:n},
    /// "error_details":[{"line","kind","message","market_ticker"}],"markets":[{"market_ticker","last_seq","valid",
    /// "invalid_reason","yes_bids":[[p,s]],"no_bids":[[p,s]],"best_yes_bid","best_yes_ask"}]}</c>; markets sorted by ticker.
    /// </summary>
    public void WriteJson(Utf8JsonWriter w)
    {
        w.WriteStartObject();
        w.WriteNumber("lines", Lines);
        w.WriteNumber("blank_lines", BlankLines);
        w.WriteNumber("messages", Messages);
        w.WriteStartObject("messages_by_type");
        foreach (var (type, n) in MessagesByType.OrderBy(kv => kv.Key, StringComparer.Ordinal)) w.WriteNumber(type, n);
        w.WriteEndObject();
        w.WriteStartObject("errors");
        w.WriteNumber("total", TotalErrors);
        foreach (var kind in new[] { Kinds.Gap, Kinds.Malformed, Kinds.NegativeLevel, Kinds.DeltaWithoutSnapshot, Kinds.ServerError }) w.WriteNumber(kind, ErrorCount(kind));
        w.WriteEndObject();
        w.WriteStartArray("error_details");
        foreach (var e in ErrorDetails)
        {
            w.WriteStartObject();
            w.WriteNumber("line", e.Line);
            w.WriteString("kind", e.Kind);
            w.WriteString("message", e.Message);
            if (e.Ticker is null) w.WriteNull("market_ticker");
            else w.WriteString("market_ticker", e.Ticker);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("markets");
        foreach (var b in Books)
        {
            w.WriteStartObject();
            w.WriteString("market_ticker", b.Ticker);
            w.WriteNumber("last_seq", b.LastSeq);
            w.WriteBoolean("valid", b.Valid);
            if (b.InvalidReason is null) w.WriteNull("invalid_reason");
            else w.WriteString("invalid_reason", b.InvalidReason);
            WriteLevels(w, "yes_bids", b.YesBids);
            WriteLevels(w, "no_bids", b.NoBids);
            WriteNullable(w, "best_yes_bid", b.BestYesBid);
            WriteNullable(w, "best_yes_ask", b.BestYesAsk);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteLevels(Utf8JsonWriter w, string name, IReadOnlyList<string[]> levels)
    {
        w.WriteStartArray(name);
        foreach (var l in levels)
        {
            w.WriteStartArray();
            w.WriteStringValue(l[0]);
            w.WriteStringValue(l[1]);
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
