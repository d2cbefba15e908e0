using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Strategies.Tests.Mispricing.Execution;

public sealed class MispricingStrategyFactoryTests
{
    [Fact]
    public void TheRegistryFindsTheFactoryByNameAndItReadsItsSection()
    {
        var registry = new StrategyRegistry().AddFrom(typeof(MispricingStrategyFactory).Assembly);
        Assert.True(registry.TryGet("mispricing", out var factory));
        var section = new Dictionary<string, string> { ["min_edge"] = "0.01", ["fee_safety_multiple"] = "3", ["max_size"] = "5", ["leg_timeout"] = "500ms", ["loss_cap"] = "1.50" };
        var strategy = Assert.IsType<MispricingStrategy>(factory.Create(new StrategyCreation { Section = section, Clock = TimeProvider.System }));
        Assert.Equal("mispricing", strategy.Name);
        Assert.Equal(Money.FromCents(1), strategy.Settings.MinEdge);
        Assert.Equal(3m, strategy.Settings.FeeSafety);
        Assert.Equal(Quantity.FromContracts(5), strategy.Settings.MaxSize);
        Assert.Equal(TimeSpan.FromMilliseconds(500), strategy.Settings.LegTimeout);
        Assert.Equal(Money.FromCents(150), strategy.Settings.LossCap);
    }

    [Fact]
    public void ABadValueIsRejectedNamingItsKey()
    {
        var section = new Dictionary<string, string> { ["max_size"] = "lots", ["cooldown"] = "-1s", ["max_sise"] = "3" };
        var e = Assert.Throws<FormatException>(() => new MispricingStrategyFactory().Create(new StrategyCreation { Section = section, Clock = TimeProvider.System }));
        Assert.Contains("mispricing.max_size", e.Message);
        Assert.Contains("mispricing.cooldown", e.Message);
        Assert.Contains("mispricing.max_sise: unknown setting", e.Message);
    }
}
