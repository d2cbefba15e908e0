using System.Globalization;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Detection;

namespace KalshiTrader.Strategies.Mispricing.Execution;

/// <summary>
/// The mispricing strategy's settings, bound from its config section (keys listed on
/// <see cref="MispricingStrategyFactory"/>). Defaults are deliberately small: a riskless trade earns cents per contract.
/// </summary>
public sealed record MispricingSettings
{
    /// <summary>Minimum edge per unit after conservative fees (min_edge, dollars).</summary>
    public Money MinEdge { get; init; } = Money.FromMicros(5_000);

    /// <summary>Gross edge must be at least this multiple of the fees (fee_safety).</summary>
    public decimal FeeSafety { get; init; } = 2m;

    /// <summary>Fewest units worth trading (min_size, contracts).</summary>
    public Quantity MinSize { get; init; } = Quantity.FromContracts(1);

    /// <summary>Hard cap on units per trade (max_size, contracts).</summary>
    public Quantity MaxSize { get; init; } = Quantity.FromContracts(25);

    /// <summary>Worst-case loss one trade may carry (risk_budget, dollars): size ≤ budget / worst-case loss per unit.</summary>
    public Money RiskBudget { get; init; } = Money.FromCents(5_000);

    /// <summary>How long the missing legs are retried before the surplus is unwound (leg_timeout).</summary>
    public TimeSpan LegTimeout { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>Repair attempts before unwinding (max_retries).</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>Most a repair order may pay above the detected limit, per contract (max_slippage, dollars); the edge bounds it too.</summary>
    public Price MaxSlippage { get; init; } = Price.FromCents(4);

    /// <summary>The most a trade may lose unwinding legs it could not hedge (loss_cap, dollars per trade).</summary>
    public Money LossCap { get; init; } = Money.FromCents(200);

    /// <summary>How long unwinding is tried before the residual is left to settle and the trade is marked failed (flatten_timeout).</summary>
    public TimeSpan FlattenTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Quiet time on a relationship after a trade ends (cooldown).</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Approve a structurally proposed bucket-vs-ladder triple when the members' rules text states the inclusivity the
    /// identity needs ("more than K1 … at most K2") (confirm_bucket_rules).
    /// </summary>
    public bool ConfirmBucketRules { get; init; } = true;

    /// <summary>How often person-approved relationships are re-read from the store (relationships_refresh).</summary>
    public TimeSpan RelationshipsRefresh { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How often every watched relationship is re-validated against the catalog's current metadata, on the engine's
    /// clock (revalidate_interval; 0 = only when a member market's lifecycle changes).
    /// </summary>
    public TimeSpan RevalidateInterval { get; init; } = TimeSpan.FromMinutes(5);

    public DetectionOptions Detection => new()
    {
        MinEdgePerContract = MinEdge,
        FeeSafetyMultiple = FeeSafety,
        MinSize = MinSize,
        MaxSize = MaxSize,
    };

    /// <summary>Binds a flattened config section; every bad value is reported with its key.</summary>
    public static MispricingSettings FromSection(IReadOnlyDictionary<string, string> section)
    {
        var errors = new List<string>();
        var d = new MispricingSettings();
        T Read<T>(string key, T fallback, Func<string, T> parse)
        {
            if (!section.TryGetValue(key, out var text) || string.IsNullOrWhiteSpace(text)) return fallback;
            try
            {
                return parse(text.Trim());
            }
            catch (Exception e) when (e is FormatException or OverflowException or ArgumentException)
            {
                errors.Add($"mispricing.{key}: '{text}' is not valid ({e.Message})");
                return fallback;
            }
        }

        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            "min_edge", "fee_safety", "fee_safety_multiple", "min_size", "max_size", "risk_budget", "leg_timeout", "max_retries", "max_slippage", "loss_cap",
            "flatten_timeout", "cooldown", "confirm_bucket_rules", "relationships_refresh", "revalidate_interval", "enabled",
        };
        foreach (var key in section.Keys.Where(k => !known.Contains(k))) errors.Add($"mispricing.{key}: unknown setting");

        var s = new MispricingSettings
        {
            MinEdge = Read("min_edge", d.MinEdge, t => Money.Parse(t, "mispricing.min_edge")),
            // config.example.yaml spells it fee_safety_multiple; both are accepted.
            FeeSafety = Read("fee_safety", Read("fee_safety_multiple", d.FeeSafety, ParseDecimal), ParseDecimal),
            MinSize = Read("min_size", d.MinSize, t => Quantity.Parse(t, "mispricing.min_size")),
            MaxSize = Read("max_size", d.MaxSize, t => Quantity.Parse(t, "mispricing.max_size")),
            RiskBudget = Read("risk_budget", d.RiskBudget, t => Money.Parse(t, "mispricing.risk_budget")),
            LegTimeout = Read("leg_timeout", d.LegTimeout, ParseDuration),
            MaxRetries = Read("max_retries", d.MaxRetries, t => int.Parse(t, NumberStyles.Integer, CultureInfo.InvariantCulture)),
            MaxSlippage = Read("max_slippage", d.MaxSlippage, t => Price.Parse(t, "mispricing.max_slippage")),
            LossCap = Read("loss_cap", d.LossCap, t => Money.Parse(t, "mispricing.loss_cap")),
            FlattenTimeout = Read("flatten_timeout", d.FlattenTimeout, ParseDuration),
            Cooldown = Read("cooldown", d.Cooldown, ParseDuration),
            ConfirmBucketRules = Read("confirm_bucket_rules", d.ConfirmBucketRules, t => bool.Parse(t)),
            RelationshipsRefresh = Read("relationships_refresh", d.RelationshipsRefresh, ParseDuration),
            RevalidateInterval = Read("revalidate_interval", d.RevalidateInterval, ParseDuration),
        };

        if (s.MinEdge.IsNegative) errors.Add("mispricing.min_edge: must not be negative");
        if (s.FeeSafety < 0) errors.Add("mispricing.fee_safety: must not be negative");
        if (!s.MinSize.IsPositive) errors.Add("mispricing.min_size: must be positive");
        if (s.MaxSize < s.MinSize) errors.Add($"mispricing.max_size: {s.MaxSize} is below min_size {s.MinSize}");
        if (!s.RiskBudget.IsPositive) errors.Add("mispricing.risk_budget: must be positive");
        if (s.MaxRetries < 0) errors.Add("mispricing.max_retries: must not be negative");
        if (s.LossCap.IsNegative) errors.Add("mispricing.loss_cap: must not be negative");
        if (errors.Count > 0) throw new FormatException(string.Join("; ", errors));
        return s;
    }

    private static decimal ParseDecimal(string t) => decimal.Parse(t, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>"250ms", "3s", "2m", "1h" or a TimeSpan ("00:00:03").</summary>
    internal static TimeSpan ParseDuration(string text)
    {
        static double Number(string t) => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture);
        TimeSpan value;
        if (text.EndsWith("ms", StringComparison.Ordinal)) value = TimeSpan.FromMilliseconds(Number(text[..^2]));
        else if (text.EndsWith('s')) value = TimeSpan.FromSeconds(Number(text[..^1]));
        else if (text.EndsWith('m')) value = TimeSpan.FromMinutes(Number(text[..^1]));
        else if (text.EndsWith('h')) value = TimeSpan.FromHours(Number(text[..^1]));
        else value = TimeSpan.Parse(text, CultureInfo.InvariantCulture);
        if (value < TimeSpan.Zero) throw new FormatException("a duration must not be negative");
        return value;
    }
}
