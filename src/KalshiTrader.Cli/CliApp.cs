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
        // Ctrl-C cancels the command's token; a trading command then needs time to cancel resting orders,
        // flush the store and settle (the library's default is to give up after 2 s).
        var invocation = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) };
        return await root.Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
    }
}
