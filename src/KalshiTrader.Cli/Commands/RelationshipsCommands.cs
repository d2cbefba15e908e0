using System.CommandLine;

namespace KalshiTrader.Cli.Commands;

internal static class RelationshipsCommands
{
    public static IEnumerable<Command> Create() => [];
}
