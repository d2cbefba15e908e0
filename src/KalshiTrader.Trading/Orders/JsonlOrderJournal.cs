using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KalshiTrader.Trading.Orders;

/// <summary>
/// An append-only JSON-lines journal with an fsync per write: durable without a database, readable with any
/// tool, and a torn last line after a SIGKILL is skipped on load. The default when no store is configured.
/// </summary>
public sealed class JsonlOrderJournal : IOrderJournal
{
    private readonly string _path;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private FileStream? _stream;

    public JsonlOrderJournal(string path)
    {
        _path = Path.GetFullPath(path);
    }

    public string FilePath => _path;

    public async Task<JournalSnapshot> LoadAsync(CancellationToken cancellationToken)
    {
        var orders = new Dictionary<string, JournaledOrder>(StringComparer.Ordinal);
        var fills = new HashSet<string>(StringComparer.Ordinal);
        if (File.Exists(_path))
        {
            using var reader = new StreamReader(_path, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
            {
                if (line.Length == 0) continue;
                Line? entry;
                try
                {
                    entry = JsonSerializer.Deserialize(line, JournalJson.Default.Line);
                }
                catch (JsonException)
                {
                    continue; // a line torn by a crash mid-write: everything before it is intact
                }

                if (entry?.Order is { } o) orders[o.ClientOrderId] = o;
                if (entry?.Fill is { } f) fills.Add(f.TradeId);
            }
        }

        var open = orders.Values.Where(o => !OrderStates.IsFinal(o.State)).ToList();
        return new JournalSnapshot(open, fills);
    }

    public Task WriteOrderAsync(JournaledOrder order, string eventType, CancellationToken cancellationToken) =>
        AppendAsync(new Line { Type = eventType, Order = order }, cancellationToken);

    public Task WriteFillAsync(JournaledFill fill, CancellationToken cancellationToken) =>
        AppendAsync(new Line { Type = "fill", Fill = fill }, cancellationToken);

    public Task WriteEventAsync(JournalEvent journalEvent, CancellationToken cancellationToken) =>
        AppendAsync(new Line { Type = journalEvent.Kind, Event = journalEvent }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_stream is not null) await _stream.DisposeAsync().ConfigureAwait(false);
            _stream = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task AppendAsync(Line line, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(line, JournalJson.Default.Line);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_stream is null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
                _stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, FileOptions.None);

                // A previous run killed mid-line leaves no newline: start on a fresh line so this one parses.
                if (_stream.Length > 0) await _stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            }

            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await _stream.WriteAsync("\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            _stream.Flush(flushToDisk: true);
        }
        finally
        {
            _gate.Release();
        }
    }

    internal sealed class Line
    {
        public required string Type { get; init; }
        public JournaledOrder? Order { get; init; }
        public JournaledFill? Fill { get; init; }
        public JournalEvent? Event { get; init; }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JsonlOrderJournal.Line))]
internal sealed partial class JournalJson : JsonSerializerContext;
