using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage;
using KalshiTrader.Trading.Risk;

namespace KalshiTrader.Trading.Config;

/// <summary>The whole config.yaml, validated. Defaults + environment alone make a working paper setup.</summary>
public sealed record TradingConfig
{
    public KalshiSection Kalshi { get; init; } = new();
    public AnthropicSection Anthropic { get; init; } = new();
    public TradingSection Trading { get; init; } = new();
    public ScanningSection Scanning { get; init; } = new();
    public LoggingSection Logging { get; init; } = new();
    public AlertsSection Alerts { get; init; } = new();

    /// <summary>Strategy sections (mispricing, pair_spread, weekly_count, btc_threshold) as flattened key/values.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Strategies { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, string>>();

    /// <summary>Where the config came from (null = defaults and environment only).</summary>
    public string? SourcePath { get; init; }

    /// <summary>Every secret value in the config, for the log redactor.</summary>
    public IEnumerable<string> Secrets()
    {
        if (Kalshi.ApiKeyId is { } k) yield return k;
        if (Anthropic.ApiKey is { } a) yield return a;
        if (Alerts.WebhookUrl is { } w) yield return w;
    }
}

public sealed record KalshiSection
{
    /// <summary>local | demo | prod (KALSHI_ENV).</summary>
    public string Environment { get; init; } = "local";
    public string? ApiKeyId { get; init; }
    public string? PrivateKeyPath { get; init; }
    public string? RestUrl { get; init; }
    public string? WsUrl { get; init; }
}

public sealed record AnthropicSection
{
    public string? ApiKey { get; init; }
    public string BaseUrl { get; init; } = "https://api.anthropic.com";
    public string FastModel { get; init; } = "claude-haiku-4-5";
    public string StrongModel { get; init; } = "claude-sonnet-4-5";
    public Money DailyBudget { get; init; } = Money.FromCents(500);

    /// <summary>
    /// anthropic.prices: per model id, dollars per million input/output tokens ("1.00/5.00"), for models without a
    /// built-in price or whose price changed. --llm-price on the command line wins over these.
    /// </summary>
    public IReadOnlyDictionary<string, ModelPrice> Prices { get; init; } = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);
}

public sealed record TradingSection
{
    /// <summary>Must be false (together with --live) before anything is sent to Kalshi.</summary>
    public bool DryRun { get; init; } = true;
    public RiskLimits Limits { get; init; } = new();
    public TimeSpan TimerInterval { get; init; } = TimeSpan.FromSeconds(1);
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromSeconds(60);
    public bool CancelOrdersOnStop { get; init; } = true;
    public string TradingDayTimezone { get; init; } = "UTC";

    /// <summary>
    /// The store orders are journaled to before they are sent, and recovered from after a crash (sqlite:PATH or a
    /// PostgreSQL URL; KALSHI_STORE, else KALSHI_DB). Defaults to the recorder's SQLite file, so the journal is never off.
    /// </summary>
    public string Store { get; init; } = StoreFactory.DefaultConnectionString;

    /// <summary>Where the running engine writes its control-endpoint state file (kill finds it there).</summary>
    public string? StateDir { get; init; }
    public Money DryRunBalance { get; init; } = Money.FromCents(100_000);

    /// <summary>Strategies to run when --strategy is not given.</summary>
    public IReadOnlyList<string> Strategies { get; init; } = [];
}

public sealed record ScanningSection
{
    public IReadOnlyList<string> Series { get; init; } = [];
    public IReadOnlyList<string> Events { get; init; } = [];
    public IReadOnlyList<string> Markets { get; init; } = [];
    public string Status { get; init; } = "open";
    public int MaxEvents { get; init; } = 500;
    public bool IncludeMultivariate { get; init; }
}

public sealed record LoggingSection
{
    public string Level { get; init; } = "info";
    public string? File { get; init; } = "logs/kalshi-trader.jsonl";
    public bool Console { get; init; } = true;
}

public sealed record AlertsSection
{
    public string? WebhookUrl { get; init; }
    public bool OnTrades { get; init; } = true;
    public bool OnErrors { get; init; } = true;
    public bool OnKill { get; init; } = true;
    public bool OnDailyLoss { get; init; } = true;
}
