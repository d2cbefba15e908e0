using System.CommandLine;

namespace KalshiTrader.Cli.Commands;

internal static class DemoCommands
{
    public static IEnumerable<Command> Create() => [];
}
