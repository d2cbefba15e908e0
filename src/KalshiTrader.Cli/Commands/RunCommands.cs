using System.CommandLine;

namespace KalshiTrader.Cli.Commands;

internal static class RunCommands
{
    public static IEnumerable<Command> Create() => [];
}
