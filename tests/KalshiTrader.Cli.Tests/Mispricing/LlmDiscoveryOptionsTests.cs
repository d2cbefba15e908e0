using System.CommandLine;
using KalshiTrader.Cli.Mispricing;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Llm;
using KalshiTrader.Testing;
using KalshiTrader.Trading.Config;

namespace KalshiTrader.Cli.Tests.Mispricing;

/// <summary>Where a model's price comes from: --llm-price, then anthropic.prices in config.yaml, then the built-in list.</summary>
public sealed class LlmDiscoveryOptionsTests
{
    private const string ConfigWithPrices = """
        anthropic:
          fast_model: claude-haiku-4-5
          prices:
            claude-haiku-4-5: "0.50/2.50"
            my-proxy-model: "0.25/1.25"
        """;

    [Fact]
    public void ConfigPricesOverrideTheBuiltInListAndPriceModelsItLacks()
    {
        var (settings, errors) = Resolve(ConfigWithPrices);

        Assert.Equal("", errors);
        Assert.Equal(Price(0.50m, 2.50m), settings!.PriceOf("claude-haiku-4-5"));
        Assert.Equal(Price(0.25m, 1.25m), settings.PriceOf("my-proxy-model"));
        Assert.Equal(LlmPrices.Default("claude-sonnet-4-5"), settings.PriceOf("claude-sonnet-4-5"));
    }

    [Fact]
    public void LlmPriceOnTheCommandLineWinsOverTheConfigForItsModelOnly()
    {
        var (settings, errors) = Resolve(ConfigWithPrices, "--llm-price", "my-proxy-model=0.10/0.20", "--llm-price", "other-model=1/2");

        Assert.Equal("", errors);
        Assert.Equal(Price(0.10m, 0.20m), settings!.PriceOf("my-proxy-model"));
        Assert.Equal(Price(1m, 2m), settings.PriceOf("other-model"));
        Assert.Equal(Price(0.50m, 2.50m), settings.PriceOf("claude-haiku-4-5"));
    }

    [Fact]
    public void ABadConfigPriceStopsDiscoveryNamingTheField()
    {
        var (settings, errors) = Resolve("anthropic:\n  prices:\n    my-proxy-model: free\n");

        Assert.Null(settings);
        Assert.Contains("anthropic.prices.my-proxy-model: expected INPUT/OUTPUT dollars per million tokens", errors, StringComparison.Ordinal);
    }

    private static ModelPrice Price(decimal input, decimal output) => new(Money.FromDollars(input), Money.FromDollars(output));

    private static (LlmSettings? Settings, string Errors) Resolve(string yaml, params string[] args)
    {
        var folder = RepoFolder.NewTempFolder("kt-llm-options");
        try
        {
            var path = Path.Combine(folder, "config.yaml");
            File.WriteAllText(path, yaml);
            var command = new RootCommand();
            foreach (var option in LlmDiscoveryOptions.All) command.Options.Add(option);
            var parsed = command.Parse(["--config", path, .. args]);
            Assert.Empty(parsed.Errors);
            var stderr = new StringWriter();
            return (LlmDiscoveryOptions.Resolve(parsed, stderr), stderr.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
