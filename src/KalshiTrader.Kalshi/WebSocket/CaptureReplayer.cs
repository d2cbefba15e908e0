using KalshiTrader.Core.Books;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using Kinds = KalshiTrader.Kalshi.WebSocket.CaptureReplayResult.Kinds;

namespace KalshiTrader.Kalshi.WebSocket;

/// <summary>
/// Rebuilds order books from a recorded WebSocket capture: one JSON message per line, blank lines allowed, any message
/// types. Streams the input (captures run to gigabytes: memory grows with markets, not lines), parses with the same
/// <see cref="WsFrameParser"/> as the live client and applies with <see cref="OrderBookSet"/>, so it behaves as the
/// client does: a sequence gap (or error 25) drops the books of that subscription, and a malformed book line drops its
/// market's book, until the capture holds a new snapshot. Dropped deltas are counted, never applied to a wrong book.
/// </summary>
public sealed class CaptureReplayer
{
    private const int MaxLineBytes = 64 << 20;
    private readonly int _maxErrorDetails;
    private readonly WsFrameParser _parser;

    /// <param name="useYesPrice">The capture was recorded with <c>use_yes_price</c> (NO levels in YES prices).</param>
    /// <param name="maxErrorDetails">How many errors to keep with details (all are counted).</param>
    public CaptureReplayer(bool useYesPrice = false, int maxErrorDetails = 100)
    {
        _parser = new WsFrameParser(useYesPrice);
        _maxErrorDetails = maxErrorDetails;
    }

    public async Task<CaptureReplayResult> ReplayFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return await ReplayAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    public async Task<CaptureReplayResult> ReplayAsync(Stream stream, CancellationToken cancellationToken)
    {
        var state = new State(_maxErrorDetails);
        var buffer = new byte[1 << 20];
        int start = 0, end = 0;
        var skippingLongLine = false;
        while (true)
        {
            if (end == buffer.Length)
            {
                if (start > 0)
                {
                    Array.Copy(buffer, start, buffer, 0, end - start);
                    end -= start;
                    start = 0;
                }
                else if (buffer.Length < MaxLineBytes)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                else
                {
                    // A line longer than any real message: count it once and skip to its end.
                    if (!skippingLongLine) state.LongLine();
                    skippingLongLine = true;
                    start = end = 0;
                }
            }

            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            end += read;

            while (true)
            {
                var nl = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
                if (nl < 0) break;
                if (skippingLongLine) skippingLongLine = false;
                else state.Line(_parser, buffer.AsSpan(start, nl));
                start += nl + 1;
            }

            if (start == end) start = end = 0;
        }

        if (end > start && !skippingLongLine) state.Line(_parser, buffer.AsSpan(start, end - start));
        return state.Result();
    }

    /// <summary>Everything one replay tracks.</summary>
    private sealed class State(int maxErrorDetails)
    {
        private static readonly DateTimeOffset Epoch = DateTimeOffset.UnixEpoch;
        private readonly OrderBookSet _books = new();
        private readonly Dictionary<long, long> _lastSeq = [];
        private readonly Dictionary<long, HashSet<string>> _bookMarketsBySid = [];
        private readonly Dictionary<string, long> _byType = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _errors = new(StringComparer.Ordinal);
        private readonly List<ReplayError> _details = [];
        private long _lines;
        private long _blank;
        private long _messages;

        public void LongLine()
        {
            _lines++;
            _messages++;
            Error(Kinds.Malformed, $"line longer than {MaxLineBytes} bytes", null);
        }

        public void Line(WsFrameParser parser, ReadOnlySpan<byte> line)
        {
            _lines++;
            line = line.Trim(" \t\r"u8);
            if (line.IsEmpty)
            {
                _blank++;
                return;
            }

            _messages++;
            var frame = parser.Parse(line, Epoch);
            if (frame.Type != WsFrameType.Malformed) Count(frame.Type == WsFrameType.Unknown ? frame.UnknownTypeName ?? "unknown" : WsFrameParser.TypeName(frame.Type));

            var gap = TrackSequence(frame);
            if (frame.IsMalformed)
            {
                Malformed(frame, line);
                return;
            }

            if (frame.Type == WsFrameType.Error)
            {
                Error(Kinds.ServerError, $"error {frame.ErrorCode}: {frame.ErrorMessage}", frame.Ticker?.Value);
                if (frame.ErrorCode is Wire.Ws.WsErrorCodes.BufferOverflow or Wire.Ws.WsErrorCodes.ChannelError && frame.Sid is { } sid)
                {
                    InvalidateSid(sid, $"error {frame.ErrorCode} on sid {sid}");
                    _lastSeq.Remove(sid);
                }

                return;
            }

            if (frame.Event is BookSnapshotEvent or BookDeltaEvent && frame.Sid is { } bookSid && frame.Ticker is { } t)
            {
                if (!_bookMarketsBySid.TryGetValue(bookSid, out var set)) _bookMarketsBySid[bookSid] = set = new HashSet<string>(StringComparer.Ordinal);
                set.Add(t.Value);
            }

            if (gap && frame.Event is BookDeltaEvent lost)
            {
                Error(Kinds.DeltaWithoutSnapshot, $"delta seq {lost.Seq} dropped: its book was lost to a gap", lost.Ticker.Value);
                return;
            }

            switch (frame.Event is null ? BookApplyResult.NotABookEvent : _books.Apply(frame.Event))
            {
                case BookApplyResult.Corrupt:
                    var d = (BookDeltaEvent)frame.Event!;
                    Error(Kinds.NegativeLevel, $"delta {d.Delta} at {d.Side} {d.Price} (seq {d.Seq}) would leave a negative size; book dropped", d.Ticker.Value);
                    break;
                case BookApplyResult.IgnoredAwaitingSnapshot:
                    var w = (BookDeltaEvent)frame.Event!;
                    Error(Kinds.DeltaWithoutSnapshot, $"delta seq {w.Seq} for a book with no valid snapshot", w.Ticker.Value);
                    break;
            }
        }

        /// <returns>true when this frame follows a gap on a book subscription (whose books were then dropped).</returns>
        private bool TrackSequence(WsFrame frame)
        {
            if (frame.Sid is not { } sid || frame.Seq is not { } seq || frame.Type is WsFrameType.Ok or WsFrameType.Unsubscribed or WsFrameType.Error) return false;
            var had = _lastSeq.TryGetValue(sid, out var last);
            _lastSeq[sid] = seq;
            if (!had || seq == last + 1) return false;
            var message = $"sid {sid}: expected seq {last + 1}, got {seq}";
            Error(Kinds.Gap, message, frame.Ticker?.Value);
            return InvalidateSid(sid, "sequence gap: " + message);
        }

        private bool InvalidateSid(long sid, string reason)
        {
            if (!_bookMarketsBySid.TryGetValue(sid, out var markets) || markets.Count == 0) return false;
            _books.Apply(new BooksInvalidatedEvent(markets.Select(m => new MarketTicker(m)).ToArray(), reason));
            return true;
        }

        private void Malformed(WsFrame frame, ReadOnlySpan<byte> line)
        {
            var raw = KalshiWebSocketClient.TruncateRaw(line, 120);
            Error(Kinds.Malformed, $"{frame.ParseError} (line: {raw})", frame.Ticker?.Value);
            if (frame.Ticker is { } t && frame.Type is WsFrameType.OrderbookDelta or WsFrameType.OrderbookSnapshot or WsFrameType.Malformed
                && _books.TryGet(t, out var book) && book.IsValid)
            {
                _books.Apply(new BooksInvalidatedEvent([t], "malformed line"));
            }
        }

        private void Count(string type) => _byType[type] = _byType.GetValueOrDefault(type) + 1;

        private void Error(string kind, string message, string? ticker)
        {
            _errors[kind] = _errors.GetValueOrDefault(kind) + 1;
            if (_details.Count < maxErrorDetails) _details.Add(new ReplayError(_lines, kind, message, ticker));
        }

        public CaptureReplayResult Result()
        {
            var books = _books.All.OrderBy(b => b.Ticker.Value, StringComparer.Ordinal).Select(b => new ReplayedBook(
                b.Ticker.Value,
                b.Sequence,
                b.IsValid,
                b.IsValid ? null : b.InvalidReason ?? "no snapshot",
                Levels(b.YesBids),
                Levels(b.NoBids),
                b.BestYesBid?.Price.ToDollarString(),
                b.YesAsk?.Price.ToDollarString())).ToArray();
            return new CaptureReplayResult(_lines, _blank, _messages, _byType, _errors, _details, books);
        }

        private static string[][] Levels(ReadOnlySpan<PriceLevel> levels)
        {
            var result = new string[levels.Length][];
            for (var i = 0; i < levels.Length; i++) result[i] = [levels[i].Price.ToDollarString(), levels[i].Size.ToFpString()];
            return result;
        }
    }
}
