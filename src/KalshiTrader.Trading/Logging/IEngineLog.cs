namespace KalshiTrader.Trading.Logging;

public enum LogLevel
{
    Debug,
    Info,
    Warn,
    Error,
}

/// <summary>
/// Structured log lines: an event name ("order.unknown"), a message and fields. Every implementation passes
/// text through the <see cref="Redactor"/> so no secret reaches a console, a file or an alert.
/// </summary>
public interface IEngineLog
{
    void Write(LogLevel level, string eventName, string message, IReadOnlyList<(string Key, object? Value)> fields);
}

public static class EngineLogExtensions
{
    public static void Debug(this IEngineLog log, string eventName, string message, params (string Key, object? Value)[] fields) =>
        log.Write(LogLevel.Debug, eventName, message, fields);

    public static void Info(this IEngineLog log, string eventName, string message, params (string Key, object? Value)[] fields) =>
        log.Write(LogLevel.Info, eventName, message, fields);

    public static void Warn(this IEngineLog log, string eventName, string message, params (string Key, object? Value)[] fields) =>
        log.Write(LogLevel.Warn, eventName, message, fields);

    public static void Error(this IEngineLog log, string eventName, string message, params (string Key, object? Value)[] fields) =>
        log.Write(LogLevel.Error, eventName, message, fields);
}

/// <summary>Discards everything.</summary>
public sealed class NullEngineLog : IEngineLog
{
    public static NullEngineLog Instance { get; } = new();

    public void Write(LogLevel level, string eventName, string message, IReadOnlyList<(string Key, object? Value)> fields)
    {
    }
}

/// <summary>Sends each line to several logs (file + console).</summary>
public sealed class CompositeEngineLog(params IEngineLog[] logs) : IEngineLog
{
    public void Write(LogLevel level, string eventName, string message, IReadOnlyList<(string Key, object? Value)> fields)
    {
        foreach (var log in logs) log.Write(level, eventName, message, fields);
    }
}
