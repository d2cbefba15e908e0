using System.CommandLine;

namespace KalshiTrader.Cli.Commands;

internal static class ExchangeCommands
{
    public static IEnumerable<Command> Create() => [];
}
