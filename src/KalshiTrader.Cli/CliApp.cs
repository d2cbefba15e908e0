using System.CommandLine;
using KalshiTrader.Cli.Commands;

namespace KalshiTrader.Cli;

/// <summary>Builds the <c>kalshi-trader</c> command tree. Each area owns one file under Commands/.</summary>
internal static class CliApp
{
    public static RootCommand Build()
    {
        var root = new RootCommand("KalshiTrader: record, analyse and trade Kalshi event contracts.");
        IEnumerable<Command>[] areas =
        [
            MarketDataCommands.Create(),   // markets, market, events, series, candles, trades
            BookCommands.Create(),         // book show | watch | replay
            AccountCommands.Create(),      // account balance | positions | orders | fills
            ExchangeCommands.Create(),     // exchange serve
            CollectCommands.Create(),      // collect ...
            DbCommands.Create(),           // db stats | export | import
            RunCommands.Create(),          // run, kill
            ScanCommands.Create(),         // scan
            RelationshipsCommands.Create(), // relationships discover | list | show | approve | reject
            DemoCommands.Create(),         // demo
        ];
        foreach (var area in areas)
        {
            foreach (var command in area) root.Subcommands.Add(command);
        }
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build();
        return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
    }
}
