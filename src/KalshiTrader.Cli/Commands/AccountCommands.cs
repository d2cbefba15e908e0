using System.CommandLine;

namespace KalshiTrader.Cli.Commands;

internal static class AccountCommands
{
    public static IEnumerable<Command> Create() => [];
}
