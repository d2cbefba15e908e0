using System.CommandLine;
using KalshiTrader.Cli.Common;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Cli.Commands;

/// <summary><c>account balance | positions | orders | fills</c> (authenticated: --key-id/--private-key or the environment).</summary>
internal static class AccountCommands
{
    public static IEnumerable<Command> Create()
    {
        var account = new Command("account", "Your balance, positions, orders and fills (needs an API key).");
        account.Subcommands.Add(Balance());
        account.Subcommands.Add(Positions());
        account.Subcommands.Add(Orders());
        account.Subcommands.Add(Fills());
        return [account];
    }

    private static Command Balance()
    {
        var cmd = ConnectionOptions.AddTo(new Command("balance", "Available balance and portfolio value.") { Output.Json });
        cmd.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            using var client = ConnectionOptions.CreateRestClient(pr);
            var b = await client.GetBalanceAsync(ct).ConfigureAwait(false);
            if (pr.GetValue(Output.Json))
            {
                Output.WriteJson(WireMapper.ToWire(b));
                return 0;
            }

            Output.Write(Output.Fields(
            [
                ("balance", b.Available.ToDollarString()), ("portfolio_value", b.PortfolioValue.ToDollarString()),
                ("updated", b.UpdatedTime?.UtcDateTime.ToString("u", System.Globalization.CultureInfo.InvariantCulture)),
            ]));
            return 0;
        }));
        return cmd;
    }

    private static Command Positions()
    {
        var all = new Option<bool>("--all") { Description = "include closed positions (default: only open ones)" };
        var ticker = new Option<string?>("--ticker") { Description = "one market" };
        var cmd = ConnectionOptions.AddTo(new Command("positions", "Positions: + YES, − NO, with exposure and P&L.") { all, ticker, Output.Json });
        cmd.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            using var client = ConnectionOptions.CreateRestClient(pr);
            var query = new PositionQuery
            {
                CountFilter = pr.GetValue(all) ? null : "position",
                Ticker = pr.GetValue(ticker) is { Length: > 0 } t ? new MarketTicker(t) : (MarketTicker?)null,
            };
            var positions = await client.GetPositionsAsync(query, ct).ConfigureAwait(false);
            if (pr.GetValue(Output.Json))
            {
                Output.WriteJson(new PositionsResponse
                {
                    MarketPositions = positions.Markets.Select(WireMapper.ToWire).ToList(),
                    EventPositions = positions.Events.Select(WireMapper.ToWire).ToList(),
                });
                return 0;
            }

            var table = Output.Table(["ticker", "position", "exposure", "traded", "realized p&l", "fees"], 1, 2, 3, 4, 5);
            foreach (var p in positions.Markets)
            {
                Output.AddRow(table, p.Ticker.Value, p.Position.ToFpString(), p.MarketExposure.ToDollarString(), p.TotalTraded.ToDollarString(),
                    p.RealizedPnl.ToDollarString(), p.FeesPaid.ToDollarString());
            }

            Output.Write(table);
            return 0;
        }));
        return cmd;
    }

    private static Command Orders()
    {
        var ticker = new Option<string?>("--ticker") { Description = "one market" };
        var status = new Option<string?>("--status") { Description = "resting | canceled | executed (default: resting)", DefaultValueFactory = _ => "resting" };
        var limit = new Option<int>("--limit") { Description = "at most this many (0 = all)", DefaultValueFactory = _ => 200 };
        var cmd = ConnectionOptions.AddTo(new Command("orders", "Your orders (side in YES price: bid buys YES, ask buys NO).") { ticker, status, limit, Output.Json });
        cmd.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            var query = new OrderListQuery
            {
                Ticker = pr.GetValue(ticker) is { Length: > 0 } t ? new MarketTicker(t) : (MarketTicker?)null,
                Status = pr.GetValue(status) is { Length: > 0 } s && s != "all" ? WireMapper.ParseOrderStatus(s, "--status", "value") : null,
                Limit = pr.GetValue(limit) is > 0 and var l ? l : null,
            };
            using var client = ConnectionOptions.CreateRestClient(pr);
            var orders = new List<Order>();
            await foreach (var o in client.GetOrdersAsync(query, ct).ConfigureAwait(false)) orders.Add(o);
            if (pr.GetValue(Output.Json))
            {
                Output.WriteJson(new OrdersResponse { Orders = orders.Select(WireMapper.ToWire).ToList() });
                return 0;
            }

            var table = Output.Table(["order id", "ticker", "side", "buys", "yes price", "filled", "remaining", "status", "client id"], 4, 5, 6);
            foreach (var o in orders)
            {
                Output.AddRow(table, o.Id.Value, o.Ticker.Value, WireMapper.ToWire(o.Side), WireMapper.ToWire(o.Buys), o.YesPrice.ToDollarString(),
                    o.FillCount.ToFpString(), o.RemainingCount.ToFpString(), WireMapper.ToWire(o.Status), o.ClientOrderId?.Value);
            }

            Output.Write(table);
            return 0;
        }));
        return cmd;
    }

    private static Command Fills()
    {
        var ticker = new Option<string?>("--ticker") { Description = "one market" };
        var since = new Option<string?>("--since") { Description = "ISO 8601 or Unix seconds" };
        var limit = new Option<int>("--limit") { Description = "at most this many (0 = all)", DefaultValueFactory = _ => 200 };
        var cmd = ConnectionOptions.AddTo(new Command("fills", "Your fills, newest first.") { ticker, since, limit, Output.Json });
        cmd.SetAction((ParseResult pr, CancellationToken ct) => CliErrors.RunAsync(async () =>
        {
            var query = new FillQuery
            {
                Ticker = pr.GetValue(ticker) is { Length: > 0 } t ? new MarketTicker(t) : (MarketTicker?)null,
                Min = CliTime.Parse(pr.GetValue(since), "--since"),
                Limit = pr.GetValue(limit) is > 0 and var l ? l : null,
            };
            using var client = ConnectionOptions.CreateRestClient(pr);
            var fills = new List<Fill>();
            await foreach (var f in client.GetFillsAsync(query, ct).ConfigureAwait(false)) fills.Add(f);
            if (pr.GetValue(Output.Json))
            {
                Output.WriteJson(new FillsResponse { Fills = fills.Select(WireMapper.ToWire).ToList() });
                return 0;
            }

            var table = Output.Table(["time", "ticker", "side", "buys", "yes price", "count", "fee", "taker", "order id"], 4, 5, 6);
            foreach (var f in fills)
            {
                Output.AddRow(table, f.Time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), f.Ticker.Value,
                    WireMapper.ToWire(f.Side), WireMapper.ToWire(f.Bought), f.YesPrice.ToDollarString(), f.Count.ToFpString(),
                    f.Fee.ToDollarString(), f.IsTaker ? "yes" : "no", f.OrderId.Value);
            }

            Output.Write(table);
            return 0;
        }));
        return cmd;
    }
}
