using KalshiTrader.Cli.Demo;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Scenarios;

namespace KalshiTrader.Cli.Tests.Demo;

public sealed class DemoReportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void PnlPaysADollarPerWinningContractLessCostAndFeesExactly()
    {
        var settlement = new ScenarioSettlement(T0, [new MarketOutcome("KXT-A", MarketResult.Yes, "test"), new MarketOutcome("KXT-B", MarketResult.No, "test")], []);
        DemoFill[] fills =
        [
            new(T0, "s", "KXT-A", Outcome.Yes, Price.FromTicks(4_230), Quantity.FromContracts(10), Money.FromMicros(17_000)), // wins 10 × $1
            new(T0, "s", "KXT-B", Outcome.Yes, Price.FromTicks(5_500), Quantity.FromHundredths(250), Money.FromMicros(10_000)), // loses
            new(T0, "s", "KXT-B", Outcome.No, Price.FromTicks(3_000), Quantity.FromContracts(2), Money.FromMicros(2_000)), // wins 2 × $1
        ];

        // 10 − 4.23 − 0.017 + (0 − 1.375 − 0.01) + (2 − 0.60 − 0.002)
        Assert.Equal(Money.FromMicros(5_766_000), DemoReport.PnlOf(fills, settlement));
    }
}
