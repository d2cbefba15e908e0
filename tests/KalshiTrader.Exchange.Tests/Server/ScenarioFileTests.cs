using System.Text.Json;
using KalshiTrader.Exchange.Server;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;
using KalshiTrader.Testing;

namespace KalshiTrader.Exchange.Tests.Server;

public sealed class ScenarioFileTests
{
    [Fact]
    public async Task KalshiEventFileSeedsEveryBookAtTheFilesBestBidAndAsk()
    {
        var path = SharedFolder.RequireFile("fixtures/kalshi/rest_event_kxpresperson-28.json");
        var file = JsonSerializer.Deserialize(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken), KalshiRestJsonContext.Default.EventResponse)!;
        await using var host = await LocalExchangeHost.StartAsync(new LocalExchangeOptions { ScenarioFile = path, Accounts = 1 }, TestContext.Current.CancellationToken);

        Assert.Single(host.Accounts);
        Assert.NotNull(host.LoadedFile);
        var expected = WireMapper.ToEvent(file).Markets;
        Assert.Equal(expected.Count, host.LoadedFile!.Markets.Count);
        lock (host.Engine.SyncRoot)
        {
            foreach (var m in expected.Where(m => m.Status == Core.Markets.MarketStatus.Active))
            {
                var live = host.Engine.GetMarket(m.Ticker)!;
                if (m.YesBid is { Ticks: > 0 })
                {
                    Assert.Equal(m.YesBid, live.YesBid);
                    Assert.Equal(m.YesBidSize.IsPositive ? m.YesBidSize : Core.Primitives.Quantity.FromContracts(100), live.YesBidSize);
                }

                if (m.YesAsk is { Ticks: > 0 and < 10_000 } && m.YesAsk > m.YesBid) Assert.Equal(m.YesAsk, live.YesAsk);
            }

            Assert.Equal(Core.Fees.FeeSchedule.Standard, host.Engine.GetSeries("KXPRESPERSON")!.Fees);
            Assert.DoesNotContain(host.Accounts, a => a.Name == ScenarioFileLoader.LiquidityAccountName);
        }
    }
}
