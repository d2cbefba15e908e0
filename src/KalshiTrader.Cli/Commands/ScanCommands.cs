using System.CommandLine;

namespace KalshiTrader.Cli.Commands;

internal static class ScanCommands
{
    public static IEnumerable<Command> Create() => [];
}
