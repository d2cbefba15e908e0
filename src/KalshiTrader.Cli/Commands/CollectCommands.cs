using System.CommandLine;

namespace KalshiTrader.Cli.Commands;

internal static class CollectCommands
{
    public static IEnumerable<Command> Create() => [];
}
