using KalshiTrader.Recorder;
using Spectre.Console;

namespace KalshiTrader.Cli.Collect;

/// <summary>Progress of long collection work on stderr (stdout stays clean for data), at most a few lines a second.</summary>
internal sealed class StderrProgress : IProgress<CollectProgress>
{
    private static readonly IAnsiConsole Err = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
    private readonly TimeProvider _time;
    private DateTimeOffset _last;

    public StderrProgress(TimeProvider time) => _time = time;

    public static void Line(string markup) => Err.MarkupLine(markup);

    public void Report(CollectProgress value)
    {
        var now = _time.GetUtcNow();
        if (now - _last < TimeSpan.FromMilliseconds(500)) return;
        _last = now;
        var total = value.Total > 0 ? $"/{value.Total}" : "";
        Err.MarkupLine($"[grey]{now:HH:mm:ss}[/] [blue]{Markup.Escape(value.Stage)}[/] {value.Done}{total} {Markup.Escape(value.Detail ?? "")}");
    }
}
