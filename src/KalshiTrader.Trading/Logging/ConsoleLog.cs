using System.Text;

namespace KalshiTrader.Trading.Logging;

/// <summary>Readable lines for people: "12:00:01 WARN order.unknown  message  key=value"; redacted.</summary>
public sealed class ConsoleLog(TextWriter writer, Redactor redactor, TimeProvider clock, LogLevel minimum = LogLevel.Info) : IEngineLog
{
    private readonly object _gate = new();

    public void Write(LogLevel level, string eventName, string message, IReadOnlyList<(string Key, object? Value)> fields)
    {
        if (level < minimum) return;
        var sb = new StringBuilder();
        sb.Append(clock.GetUtcNow().ToString("HH:mm:ss.fff")).Append(' ')
            .Append(level.ToString().ToUpperInvariant().PadRight(5)).Append(' ')
            .Append(eventName).Append("  ").Append(message);
        foreach (var (key, value) in fields)
        {
            sb.Append("  ").Append(key).Append('=').Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }

        var line = redactor.Redact(sb.ToString());
        lock (_gate) writer.WriteLine(line);
    }
}
