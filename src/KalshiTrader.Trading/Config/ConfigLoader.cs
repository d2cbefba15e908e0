using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage;
using KalshiTrader.Trading.Risk;

namespace KalshiTrader.Trading.Config;

/// <summary>What loading produced: the config (with defaults where a field was bad) and every error.</summary>
public sealed record ConfigLoadResult(TradingConfig Config, IReadOnlyList<ConfigError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Loads config.yaml: ${VAR} expansion from the environment and a .env beside the config (or in the working
/// folder), KALSHI_* / ANTHROPIC_API_KEY filling fields the file leaves empty, then validation of EVERY field,
/// reporting all problems at once with their paths. No file at all is fine: defaults + environment.
/// </summary>
public static class ConfigLoader
{
    /// <summary>The strategy sections the config knows; each is handed to its strategy factory as key/values.</summary>
    public static readonly IReadOnlyList<string> StrategySections = ["mispricing", "pair_spread", "weekly_count", "btc_threshold", "probe"];

    public static TradingConfig LoadOrThrow(string? path, IReadOnlyDictionary<string, string>? environment = null)
    {
        var result = Load(path, environment);
        if (!result.IsValid) throw new ConfigException(result.Errors);
        return result.Config;
    }

    public static ConfigLoadResult Load(string? path, IReadOnlyDictionary<string, string>? environment = null)
    {
        var errors = new List<ConfigError>();
        var folder = path is not null ? Path.GetDirectoryName(Path.GetFullPath(path))! : Directory.GetCurrentDirectory();
        var env = DotEnv.Merge(Path.Combine(folder, ".env"), environment ?? DotEnv.ProcessEnvironment());
        string yaml = "";
        if (path is not null)
        {
            if (!File.Exists(path)) errors.Add(new ConfigError("(file)", $"config file '{path}' does not exist"));
            else yaml = File.ReadAllText(path);
        }

        var config = Parse(yaml, env, errors) with { SourcePath = path };
        return new ConfigLoadResult(config, errors);
    }

    /// <summary>Parses YAML text (tests use this directly).</summary>
    public static ConfigLoadResult LoadFromText(string yaml, IReadOnlyDictionary<string, string> environment)
    {
        var errors = new List<ConfigError>();
        var config = Parse(yaml, environment, errors);
        return new ConfigLoadResult(config, errors);
    }

    private static TradingConfig Parse(string yaml, IReadOnlyDictionary<string, string> env, List<ConfigError> errors)
    {
        var values = YamlFlattener.Flatten(yaml, env, errors);
        FillFromEnvironment(values, env);
        var r = new ConfigReader(values, errors);

        var kalshi = new KalshiSection
        {
            Environment = r.OneOf("kalshi.environment", "local", "local", "demo", "prod"),
            ApiKeyId = r.String("kalshi.api_key_id", null),
            PrivateKeyPath = r.String("kalshi.private_key_path", null),
            RestUrl = r.Url("kalshi.rest_url", requireHttp: true)?.ToString().TrimEnd('/'),
            WsUrl = ReadWsUrl(r),
        };
        if (kalshi.PrivateKeyPath is { } keyPath && !File.Exists(keyPath))
        {
            r.Fail("kalshi.private_key_path", $"file '{keyPath}' does not exist");
        }

        var anthropic = new AnthropicSection
        {
            ApiKey = r.String("anthropic.api_key", null),
            BaseUrl = r.Url("anthropic.base_url", requireHttp: true)?.ToString().TrimEnd('/') ?? "https://api.anthropic.com",
            FastModel = r.String("anthropic.fast_model", "claude-haiku-4-5")!,
            StrongModel = r.String("anthropic.strong_model", "claude-sonnet-4-5")!,
            DailyBudget = r.Dollars("anthropic.daily_budget", Money.FromCents(500)),
            Prices = ReadModelPrices(r),
        };

        var trading = ReadTrading(r);
        var scanning = new ScanningSection
        {
            Series = r.List("scanning.series"),
            Events = r.List("scanning.events"),
            Markets = r.List("scanning.markets"),
            Status = r.OneOf("scanning.status", "open", "open", "unopened", "closed", "settled", "all"),
            MaxEvents = r.Int("scanning.max_events", 500, 1, 100_000),
            IncludeMultivariate = r.Bool("scanning.include_multivariate", false),
        };
        var logging = new LoggingSection
        {
            Level = r.OneOf("logging.level", "info", "debug", "info", "warn", "error"),
            File = r.String("logging.file", "logs/kalshi-trader.jsonl") is { } f && f is not ("none" or "off") ? f : null,
            Console = r.Bool("logging.console", true),
        };
        var alerts = new AlertsSection
        {
            WebhookUrl = r.Url("alerts.webhook_url", requireHttp: true)?.ToString(),
            OnTrades = r.Bool("alerts.on_trades", true),
            OnErrors = r.Bool("alerts.on_errors", true),
            OnKill = r.Bool("alerts.on_kill", true),
            OnDailyLoss = r.Bool("alerts.on_daily_loss", true),
        };

        var strategies = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var name in StrategySections) strategies[name] = r.Section(name);
        foreach (var name in trading.Strategies)
        {
            if (!StrategySections.Contains(name, StringComparer.Ordinal))
            {
                r.Fail("trading.strategies", $"unknown strategy '{name}' (known: {string.Join(", ", StrategySections)})");
            }
        }

        r.ReportUnknown();
        return new TradingConfig
        {
            Kalshi = kalshi,
            Anthropic = anthropic,
            Trading = trading,
            Scanning = scanning,
            Logging = logging,
            Alerts = alerts,
            Strategies = strategies,
        };
    }

    /// <summary>anthropic.prices: {"model": "IN/OUT"}; each bad entry is reported under its own path and left out.</summary>
    private static Dictionary<string, ModelPrice> ReadModelPrices(ConfigReader r)
    {
        const string section = "anthropic.prices";
        var prices = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
        if (r.Has(section))
        {
            r.String(section, null);
            r.Fail(section, "must be a mapping of model id to \"IN/OUT\" dollars per million tokens, e.g. claude-haiku-4-5: \"1.00/5.00\"");
        }

        foreach (var (model, value) in r.Section(section).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var path = $"{section}.{model}";
            try
            {
                prices[model] = ModelPrice.Parse(value, path);
            }
            catch (FormatException ex)
            {
                // Parse names the field first; the error carries it as its path instead.
                r.Fail(path, ex.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? ex.Message[(path.Length + 2)..] : ex.Message);
            }
        }

        return prices;
    }

    private static string? ReadWsUrl(ConfigReader r)
    {
        var v = r.String("kalshi.ws_url", null);
        if (v is null) return null;
        if (!Uri.TryCreate(v, UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss"))
        {
            r.Fail("kalshi.ws_url", $"must be an absolute ws(s) URL, was '{v}'");
            return null;
        }

        return v.TrimEnd('/');
    }

    private static TradingSection ReadTrading(ConfigReader r)
    {
        var d = new RiskLimits();
        var limits = new RiskLimits
        {
            MaxContractsPerOrder = r.Contracts("trading.max_contracts_per_order", d.MaxContractsPerOrder),
            MaxPositionPerMarket = r.Contracts("trading.max_position_per_market", d.MaxPositionPerMarket),
            MaxPositionPerEvent = r.Contracts("trading.max_position_per_event", d.MaxPositionPerEvent),
            MaxOpenOrders = r.Int("trading.max_open_orders", d.MaxOpenOrders, 1, 200_000),
            MaxOpenPositionSets = r.Int("trading.max_open_position_sets", d.MaxOpenPositionSets, 1, 100_000),
            MaxNotionalPerOrder = r.Dollars("trading.max_notional_per_order", d.MaxNotionalPerOrder),
            MaxRiskPerTrade = r.Share("trading.max_risk_per_trade", d.MaxRiskPerTrade),
            DailyLossLimit = r.Dollars("trading.daily_loss_limit", d.DailyLossLimit),
            NoEntryBeforeClose = r.Duration("trading.no_entry_before_close", d.NoEntryBeforeClose, TimeSpan.Zero),
            MaxBookAge = r.Duration("trading.max_book_age", d.MaxBookAge, TimeSpan.FromMilliseconds(100)),
            PriceSanityTicks = r.Int("trading.price_sanity_ticks", d.PriceSanityTicks, 0, Price.TicksPerDollar),
            WritesPerSecond = r.Rate("trading.writes_per_second", d.WritesPerSecond),
            WriteBurst = r.Int("trading.write_burst", d.WriteBurst, 1, 10_000),
        };
        var zone = r.String("trading.trading_day_timezone", "UTC")!;
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)) r.Fail("trading.trading_day_timezone", $"unknown time zone '{zone}'");
        return new TradingSection
        {
            DryRun = r.Bool("trading.dry_run", true),
            Limits = limits,
            TimerInterval = r.Duration("trading.timer_interval", TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(10)),
            ReconcileInterval = r.Duration("trading.reconcile_interval", TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1)),
            CancelOrdersOnStop = r.Bool("trading.cancel_orders_on_stop", true),
            TradingDayTimezone = zone,
            Store = ReadStore(r),
            StateDir = r.String("trading.state_dir", null),
            DryRunBalance = r.Dollars("trading.dry_run_balance", Money.FromCents(100_000)),
            Strategies = r.List("trading.strategies"),
        };
    }

    private static string ReadStore(ConfigReader r)
    {
        if (r.Has("trading.journal"))
        {
            r.String("trading.journal", null);
            r.Fail("trading.journal", "no longer used: orders are journaled to trading.store (default sqlite:data/kalshi.db); remove this key");
        }

        var store = r.String("trading.store", StoreFactory.DefaultConnectionString)!;
        try
        {
            StoreFactory.Parse(store);
        }
        catch (ArgumentException ex)
        {
            // Parse never echoes the text back (a PostgreSQL URL may hold a password).
            r.Fail("trading.store", ex.Message);
            return StoreFactory.DefaultConnectionString;
        }

        return store;
    }

    /// <summary>KALSHI_* and ANTHROPIC_API_KEY fill what the file leaves unset (the file wins when both say something).</summary>
    private static void FillFromEnvironment(Dictionary<string, string> values, IReadOnlyDictionary<string, string> env)
    {
        (string Env, string Path)[] map =
        [
            ("KALSHI_ENV", "kalshi.environment"),
            ("KALSHI_API_KEY_ID", "kalshi.api_key_id"),
            ("KALSHI_PRIVATE_KEY_PATH", "kalshi.private_key_path"),
            ("KALSHI_REST_URL", "kalshi.rest_url"),
            ("KALSHI_WS_URL", "kalshi.ws_url"),
            ("ANTHROPIC_API_KEY", "anthropic.api_key"),
            ("KALSHI_ALERT_WEBHOOK_URL", "alerts.webhook_url"),
            ("KALSHI_STORE", "trading.store"),
            ("KALSHI_DB", "trading.store"), // the store collect and db use, when KALSHI_STORE does not say otherwise
        ];
        foreach (var (name, path) in map)
        {
            if (!values.ContainsKey(path) && env.TryGetValue(name, out var v) && v.Length > 0) values[path] = v;
        }
    }
}
