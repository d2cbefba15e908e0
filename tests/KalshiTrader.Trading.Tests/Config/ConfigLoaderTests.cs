using KalshiTrader.Core.Primitives;
using KalshiTrader.Trading.Config;

namespace KalshiTrader.Trading.Tests.Config;

public sealed class ConfigLoaderTests
{
    private static readonly Dictionary<string, string> NoEnv = new();

    [Fact]
    public void NoFileAtAllGivesAValidDryRunConfigFromDefaults()
    {
        var result = ConfigLoader.Load(null, NoEnv);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.True(result.Config.Trading.DryRun);
        Assert.Equal("local", result.Config.Kalshi.Environment);
        Assert.Equal(0.02m, result.Config.Trading.Limits.MaxRiskPerTrade);
    }

    [Fact]
    public void KalshiEnvironmentVariablesFillTheKalshiSection()
    {
        var env = new Dictionary<string, string>
        {
            ["KALSHI_ENV"] = "demo",
            ["KALSHI_API_KEY_ID"] = "0f5e7c1a-key-id",
            ["KALSHI_REST_URL"] = "http://127.0.0.1:9999/trade-api/v2",
            ["KALSHI_WS_URL"] = "ws://127.0.0.1:9999/trade-api/ws/v2",
        };

        var config = ConfigLoader.LoadFromText("", env).Config;

        Assert.Equal("demo", config.Kalshi.Environment);
        Assert.Equal("0f5e7c1a-key-id", config.Kalshi.ApiKeyId);
        Assert.Equal("http://127.0.0.1:9999/trade-api/v2", config.Kalshi.RestUrl);
        Assert.Equal("ws://127.0.0.1:9999/trade-api/ws/v2", config.Kalshi.WsUrl);
    }

    [Fact]
    public void EveryBadFieldIsReportedAtOnceWithItsPath()
    {
        const string yaml = """
            kalshi:
              environment: staging
            trading:
              max_risk_per_trade: 1.5
              max_contracts_per_order: -3
              daily_loss_limit: lots
              no_entry_before_close: soon
              max_open_orders: 0
              dry_run: maybe
            logging:
              level: chatty
            alerts:
              webhook_url: not a url
            """;

        var errors = ConfigLoader.LoadFromText(yaml, NoEnv).Errors.Select(e => e.ToString()).ToList();

        Assert.Contains("trading.max_risk_per_trade: must be in (0, 1], was 1.5", errors);
        Assert.Contains(errors, e => e.StartsWith("kalshi.environment: must be one of local, demo, prod", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("trading.max_contracts_per_order:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("trading.daily_loss_limit:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("trading.no_entry_before_close:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("trading.max_open_orders: must be in [1,", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("trading.dry_run:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("logging.level:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("alerts.webhook_url:", StringComparison.Ordinal));
        Assert.Equal(9, errors.Count);
    }

    [Fact]
    public void AnUnknownFieldIsAnErrorNotSilentlyIgnored()
    {
        var errors = ConfigLoader.LoadFromText("trading:\n  max_risk_per_trde: 0.01\nsurprise: 1\n", NoEnv).Errors;

        Assert.Contains(errors, e => e.Path == "trading.max_risk_per_trde" && e.Problem == "unknown field");
        Assert.Contains(errors, e => e.Path == "surprise");
    }

    [Fact]
    public void VariablesExpandFromTheEnvironmentWithDefaultsAndAMissingOneIsNamed()
    {
        var env = new Dictionary<string, string> { ["MY_KEY"] = "key-from-env" };
        const string yaml = """
            kalshi:
              api_key_id: ${MY_KEY}
            trading:
              daily_loss_limit: ${LOSS:-75.50}
            anthropic:
              api_key: ${ANTHROPIC_KEY_NOT_SET}
            """;

        var result = ConfigLoader.LoadFromText(yaml, env);

        Assert.Equal("key-from-env", result.Config.Kalshi.ApiKeyId);
        Assert.Equal(Money.FromCents(7550), result.Config.Trading.Limits.DailyLossLimit);
        var error = Assert.Single(result.Errors);
        Assert.Equal("anthropic.api_key", error.Path);
        Assert.Contains("ANTHROPIC_KEY_NOT_SET", error.Problem);
    }

    [Fact]
    public void ADotEnvBesideTheConfigFillsVariablesButTheRealEnvironmentWins()
    {
        var folder = Testing.RepoFolder.NewTempFolder();
        File.WriteAllText(Path.Combine(folder, ".env"), "# secrets\nexport KALSHI_API_KEY_ID=\"from-dotenv\"\nLOSS=12.34 # comment\nKALSHI_ENV=demo\n");
        var path = Path.Combine(folder, "config.yaml");
        File.WriteAllText(path, "trading:\n  daily_loss_limit: ${LOSS}\n");

        var config = ConfigLoader.LoadOrThrow(path, new Dictionary<string, string> { ["KALSHI_ENV"] = "prod" });

        Assert.Equal("from-dotenv", config.Kalshi.ApiKeyId);
        Assert.Equal("prod", config.Kalshi.Environment);
        Assert.Equal(Money.FromCents(1234), config.Trading.Limits.DailyLossLimit);
    }

    [Fact]
    public void StrategySectionsArePassedThroughAsFlattenedKeys()
    {
        const string yaml = """
            mispricing:
              min_edge: 0.01
              fee_safety_multiple: 2
              legs:
                max: 4
            """;

        var section = ConfigLoader.LoadFromText(yaml, NoEnv).Config.Strategies["mispricing"];

        Assert.Equal("0.01", section["min_edge"]);
        Assert.Equal("4", section["legs.max"]);
    }

    [Fact]
    public void PercentagesDurationsAndListsParse()
    {
        const string yaml = """
            trading:
              max_risk_per_trade: 1.5%
              no_entry_before_close: 15m
              timer_interval: 250ms
              strategies: [mispricing]
            scanning:
              series: [KXFED, KXCPI]
            """;

        var config = ConfigLoader.LoadFromText(yaml, NoEnv);

        Assert.True(config.IsValid, string.Join("; ", config.Errors));
        Assert.Equal(0.015m, config.Config.Trading.Limits.MaxRiskPerTrade);
        Assert.Equal(TimeSpan.FromMinutes(15), config.Config.Trading.Limits.NoEntryBeforeClose);
        Assert.Equal(TimeSpan.FromMilliseconds(250), config.Config.Trading.TimerInterval);
        Assert.Equal(["KXFED", "KXCPI"], config.Config.Scanning.Series);
        Assert.Equal(["mispricing"], config.Config.Trading.Strategies);
    }

    [Fact]
    public void BrokenYamlIsOneClearErrorWithTheLine()
    {
        var error = Assert.Single(ConfigLoader.LoadFromText("trading:\n  dry_run: [true\n", NoEnv).Errors);
        Assert.Contains("line", error.Problem);
    }

    [Fact]
    public void AnthropicPricesAreReadPerModelInDollarsPerMillionTokens()
    {
        const string yaml = """
            anthropic:
              prices:
                claude-haiku-4-5: "0.80/4.00"
                my-proxy-model: 0.25 / 1.25
            """;

        var result = ConfigLoader.LoadFromText(yaml, NoEnv);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var prices = result.Config.Anthropic.Prices;
        Assert.Equal(2, prices.Count);
        Assert.Equal(new ModelPrice(Money.FromDollars(0.80m), Money.FromDollars(4m)), prices["claude-haiku-4-5"]);
        Assert.Equal(new ModelPrice(Money.FromDollars(0.25m), Money.FromDollars(1.25m)), prices["my-proxy-model"]);
    }

    [Fact]
    public void NoAnthropicPricesMeansAnEmptyTableSoBuiltInPricesApply()
    {
        Assert.Empty(ConfigLoader.LoadFromText("anthropic:\n  fast_model: claude-haiku-4-5\n", NoEnv).Config.Anthropic.Prices);
    }

    [Fact]
    public void EveryBadAnthropicPriceIsReportedUnderItsModelsPathAndTheGoodOnesAreKept()
    {
        const string yaml = """
            anthropic:
              daily_budget: free
              prices:
                cheap-model: cheap
                one-sided: "1.00"
                negative: "-1/2"
                good-model: "3/15"
            """;

        var result = ConfigLoader.LoadFromText(yaml, NoEnv);

        var paths = result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["anthropic.daily_budget", "anthropic.prices.cheap-model", "anthropic.prices.negative", "anthropic.prices.one-sided"], paths);
        var cheap = Assert.Single(result.Errors, e => e.Path == "anthropic.prices.cheap-model");
        Assert.Equal("expected INPUT/OUTPUT dollars per million tokens such as 1.00/5.00, was 'cheap'", cheap.Problem);
        Assert.Equal(new ModelPrice(Money.FromDollars(3m), Money.FromDollars(15m)), Assert.Single(result.Config.Anthropic.Prices).Value);
    }

    [Fact]
    public void AnthropicPricesGivenAsOneValueInsteadOfAMappingIsAnError()
    {
        var errors = ConfigLoader.LoadFromText("anthropic:\n  prices: 1.00/5.00\n", NoEnv).Errors;

        var error = Assert.Single(errors);
        Assert.Equal("anthropic.prices", error.Path);
        Assert.Contains("mapping of model id", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void TheExampleConfigInTheRepositoryIsValid()
    {
        var path = Path.Combine(Testing.RepoFolder.Root, "config.example.yaml");
        var env = new Dictionary<string, string> { ["KALSHI_API_KEY_ID"] = "example-key-id" };

        var result = ConfigLoader.Load(path, env);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }
}
