using System.Text;
using System.Text.Json;

namespace KalshiTrader.Trading.Logging;

/// <summary>One JSON object per line: {"ts","level","event","msg",...fields}; redacted; flushed per line so a crash loses nothing.</summary>
public sealed class JsonLinesLog : IEngineLog, IDisposable
{
    private readonly object _gate = new();
    private readonly Redactor _redactor;
    private readonly TimeProvider _clock;
    private readonly TextWriter _writer;
    private readonly bool _ownsWriter;
    private readonly LogLevel _minimum;

    public JsonLinesLog(string path, Redactor redactor, TimeProvider clock, LogLevel minimum = LogLevel.Debug)
        : this(OpenFile(path), redactor, clock, minimum, ownsWriter: true)
    {
    }

    public JsonLinesLog(TextWriter writer, Redactor redactor, TimeProvider clock, LogLevel minimum = LogLevel.Debug, bool ownsWriter = false)
    {
        _writer = writer;
        _redactor = redactor;
        _clock = clock;
        _minimum = minimum;
        _ownsWriter = ownsWriter;
    }

    public void Write(LogLevel level, string eventName, string message, IReadOnlyList<(string Key, object? Value)> fields)
    {
        if (level < _minimum) return;
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("ts", _clock.GetUtcNow().ToString("O"));
            json.WriteString("level", level.ToString().ToLowerInvariant());
            json.WriteString("event", eventName);
            json.WriteString("msg", _redactor.Redact(message));
            foreach (var (key, value) in fields)
            {
                if (key is "ts" or "level" or "event" or "msg") continue;
                WriteValue(json, key, value);
            }

            json.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.ToArray());
        lock (_gate)
        {
            _writer.WriteLine(line);
            _writer.Flush();
        }
    }

    public void Dispose()
    {
        if (_ownsWriter) _writer.Dispose();
    }

    private void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(key); break;
            case bool b: json.WriteBoolean(key, b); break;
            case int i: json.WriteNumber(key, i); break;
            case long l: json.WriteNumber(key, l); break;
            case double d: json.WriteNumber(key, d); break;
            case decimal m: json.WriteNumber(key, m); break;
            default: json.WriteString(key, _redactor.Redact(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture))); break;
        }
    }

    private static StreamWriter OpenFile(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new StreamWriter(new FileStream(full, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false));
    }
}
