using System.Diagnostics;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Server;
using KalshiTrader.Storage;
using KalshiTrader.Testing;

namespace KalshiTrader.Cli.Tests.Run;

/// <summary>
/// <c>kalshi-trader run --mode paper</c> as a child process against the local exchange with KALSHI_STORE set: every
/// order it sends is in the store (client_orders, order_events, orders), its fills too, and the run is recorded.
/// </summary>
public sealed class RunStoreTests
{
    private static readonly MarketTicker Market = "KXT-E-A";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task APaperRunLeavesItsOrdersFillsAndRunInTheStore()
    {
        var home = RepoFolder.NewTempFolder("kt-run-store");
        var db = Path.Combine(home, "journal.db");
        await using var exchange = await LocalExchangeHost.StartAsync(new LocalExchangeOptions { Accounts = 0 }, Ct);
        var (us, seller) = SetUpMarket(exchange);
        File.WriteAllText(Path.Combine(home, "config.yaml"), """
            trading:
              timer_interval: 100ms
            scanning:
              events: [KXT-E]
            probe:
              max_markets: 1
              offset_cents: 5
              size: 3
            """);

        using var engine = Start(home, exchange, us, ["run", "--mode", "paper", "--strategy", "probe", "--state-dir", Path.Combine(home, "state")], db);
        await WaitForAsync(() => Resting(exchange, us.Id) == 1, "the probe's resting order", engine);

        // Someone sells into every YES bid down to 0.35: the liquidity's 0.40 and our probe's 0.35.
        lock (exchange.Engine.SyncRoot)
        {
            exchange.Engine.Submit(seller, OrderRequest.Buy(Market, Outcome.No, Price.FromCents(65), Quantity.FromContracts(103), TimeInForce.ImmediateOrCancel)).Unwrap();
        }

        await WaitForAsync(() => PositionOf(exchange, us.Id) == Quantity.FromContracts(3), "our fill", engine);
        await Task.Delay(500, Ct); // the fill message reaches the engine over the socket
        using (var kill = Start(home, exchange, us, ["kill", "--state-dir", Path.Combine(home, "state")], db))
        {
            await kill.WaitForExitAsync(Ct);
            Assert.True(kill.ExitCode == 0, Output(kill));
        }

        Assert.True(engine.WaitForExit(TimeSpan.FromSeconds(20)), "the engine did not stop after kill: " + Output(engine));
        await using var store = await StoreFactory.OpenAsync("sqlite:" + db, Ct);
        var run = Assert.Single(await store.GetRunsAsync(10, Ct));
        Assert.Equal("paper", run.Mode);
        Assert.Equal("killed", run.Status);
        Assert.NotNull(run.EndedTime);

        var orders = await store.GetClientOrdersByRunAsync(run.RunId, Ct);
        Assert.NotEmpty(orders);
        Assert.All(orders, o => Assert.Equal(("probe", "Paper"), (o.Strategy, o.Mode)));
        var filled = Assert.Single(orders, o => o.State == "Filled");
        Assert.Equal(Quantity.FromContracts(3), filled.Filled);
        Assert.DoesNotContain(orders, o => !o.IsFinal); // kill canceled the rest, and the store says so

        var events = await store.GetOrderEventsByClientOrderIdAsync(filled.ClientOrderId, Ct);
        Assert.Equal(["intent", "ack"], events.Take(2).Select(e => e.EventType));
        Assert.Contains(events, e => e.EventType == "fill");
        var exchangeView = await store.GetOrderAsync(filled.OrderId!.Value, Ct);
        Assert.Equal(OrderStatus.Executed, exchangeView!.Order.Status);
        var fill = Assert.Single(await store.GetFillsByRunAsync(run.RunId, Ct));
        Assert.Equal((filled.OrderId, Quantity.FromContracts(3), Price.FromCents(35)), (fill.Fill.OrderId, fill.Fill.Count, fill.Fill.YesPrice));
    }

    private static (LocalAccount Us, AccountId Seller) SetUpMarket(LocalExchangeHost exchange)
    {
        AccountId seller;
        lock (exchange.Engine.SyncRoot)
        {
            var m = exchange.Engine;
            m.AddSeries(new Series { Ticker = "KXT", Title = "test series" });
            m.AddEvent(new Event { Ticker = "KXT-E", SeriesTicker = "KXT", Title = "test event" });
            m.AddMarket(new Market
            {
                Ticker = Market, EventTicker = "KXT-E", Status = MarketStatus.Active, PriceLevelStructure = "linear_cent",
                OpenTime = DateTimeOffset.UtcNow.AddDays(-1), CloseTime = DateTimeOffset.UtcNow.AddDays(1),
            }).Unwrap();
            var liquidity = m.CreateAccount("liquidity", Money.FromCents(1_000_000));
            m.Submit(liquidity, OrderRequest.Buy(Market, Outcome.Yes, Price.FromCents(40), Quantity.FromContracts(100))).Unwrap();
            m.Submit(liquidity, OrderRequest.Buy(Market, Outcome.No, Price.FromCents(55), Quantity.FromContracts(100))).Unwrap();
            seller = m.CreateAccount("seller", Money.FromCents(1_000_000));
        }

        return (exchange.AddAccount("us", Money.FromCents(100_000)), seller);
    }

    private static int Resting(LocalExchangeHost exchange, AccountId account)
    {
        lock (exchange.Engine.SyncRoot) return exchange.Engine.GetOrders(account, null, null, OrderStatus.Resting, null).Count;
    }

    private static Quantity PositionOf(LocalExchangeHost exchange, AccountId account)
    {
        lock (exchange.Engine.SyncRoot) return exchange.Engine.GetPositions(account).FirstOrDefault(p => p.Ticker == Market)?.Position ?? Quantity.Zero;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Process, System.Text.StringBuilder> Outputs = new();

    private static string Output(Process p)
    {
        var sb = Outputs.GetOrCreateValue(p);
        lock (sb) return sb.ToString();
    }

    private static Process Start(string home, LocalExchangeHost exchange, LocalAccount account, string[] args, string db)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "kalshi-trader.dll");
        Assert.True(File.Exists(cli), $"{cli} is missing: build tests/KalshiTrader.Cli.Tests");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = home, RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(cli);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment["KALSHI_ENV"] = "local";
        start.Environment["KALSHI_REST_URL"] = exchange.RestUrl;
        start.Environment["KALSHI_WS_URL"] = exchange.WsUrl;
        start.Environment["KALSHI_API_KEY_ID"] = account.KeyId;
        start.Environment["KALSHI_PRIVATE_KEY_PATH"] = account.PrivateKeyPath;
        start.Environment["KALSHI_STORE"] = "sqlite:" + db;
        start.Environment["KALSHI_DB"] = null;
        start.Environment["KALSHI_TRADER_HOME"] = home;
        start.Environment["NO_COLOR"] = "1";
        var process = new Process { StartInfo = start };
        var sb = Outputs.GetOrCreateValue(process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (sb) sb.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (sb) sb.AppendLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, Process engine)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (engine.HasExited) Assert.Fail($"the engine exited ({engine.ExitCode}) before {what}: {Output(engine)}");
            if (DateTime.UtcNow > deadline) Assert.Fail($"no {what} within 60 s: {Output(engine)}");
            await Task.Delay(50, Ct);
        }
    }
}
