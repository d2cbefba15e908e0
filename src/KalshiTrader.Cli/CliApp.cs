using System.CommandLine;
using KalshiTrader.Cli.Commands;

namespace KalshiTrader.Cli;

/// <summary>Builds the <c>kalshi-trader</c> command tree. Each area owns one file under Commands/.</summary>
internal static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("KalshiTrader: record, analyse and trade Kalshi event contracts.");
        foreach (var command in MarketDataCommands.Create()) root.Subcommands.Add(command);
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build();
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
