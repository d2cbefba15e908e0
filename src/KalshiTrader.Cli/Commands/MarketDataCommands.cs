using System.CommandLine;

namespace KalshiTrader.Cli.Commands;

/// <summary>markets, market, events, series, book, candles, trades, account.</summary>
internal static class MarketDataCommands
{
    public static IEnumerable<Command> Create() => [];
}
