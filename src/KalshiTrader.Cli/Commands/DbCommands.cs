using System.CommandLine;

namespace KalshiTrader.Cli.Commands;

internal static class DbCommands
{
    public static IEnumerable<Command> Create() => [];
}
