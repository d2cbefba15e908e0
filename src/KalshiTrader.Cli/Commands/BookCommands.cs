using System.CommandLine;

namespace KalshiTrader.Cli.Commands;

internal static class BookCommands
{
    public static IEnumerable<Command> Create() => [];
}
