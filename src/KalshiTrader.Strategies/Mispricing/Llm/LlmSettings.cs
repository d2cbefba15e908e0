using KalshiTrader.Core.Primitives;
using KalshiTrader.Trading.Config;

namespace KalshiTrader.Strategies.Mispricing.Llm;

/// <summary>
/// How LLM discovery talks to Anthropic's Messages API and what it may spend. A class, not a record, so the API
/// key can never reach a log through a generated ToString.
/// </summary>
public sealed class LlmSettings
{
    /// <summary>From ANTHROPIC_API_KEY or anthropic.api_key. Null or blank = no LLM.</summary>
    public string? ApiKey { get; init; }
    public string BaseUrl { get; init; } = "https://api.anthropic.com";

    /// <summary>Bulk scanning: proposes candidate links batch by batch.</summary>
    public string FastModel { get; init; } = "claude-haiku-4-5";

    /// <summary>Checks every proposal that survived the structural checks before it is stored.</summary>
    public string StrongModel { get; init; } = "claude-sonnet-4-5";

    /// <summary>Dollars per UTC day over all calls (cache hits cost nothing).</summary>
    public Money DailyBudget { get; init; } = Money.FromCents(500);

    /// <summary>Per model, dollars per million tokens. Models missing here fall back to <see cref="LlmPrices.Defaults"/>.</summary>
    public IReadOnlyDictionary<string, ModelPrice> Prices { get; init; } = new Dictionary<string, ModelPrice>(StringComparer.Ordinal);

    public long MaxOutputTokens { get; init; } = 4096;

    /// <summary>Markets per scanning prompt: large events and categories are split into chunks of this size.</summary>
    public int MaxMarketsPerBatch { get; init; } = 60;

    /// <summary>Stop after this many scanning batches in one run (the budget may stop it sooner).</summary>
    public int MaxBatches { get; init; } = 200;

    /// <summary>Which batch levels to run, in this order.</summary>
    public IReadOnlyList<BatchScope> Scopes { get; init; } = [BatchScope.Event, BatchScope.Category, BatchScope.CrossCategory];

    /// <summary>How far P(if) may exceed P(then) on an IMPLICATION before it is a signal.</summary>
    public Price ImplicationSlack { get; init; } = Price.FromCents(5);

    public int MaxRetries { get; init; } = 2;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(2);

    public bool HasKey => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>The one message for "no key": what is off and how to turn it on.</summary>
    public const string NoKeyMessage =
        "LLM discovery is off: no Anthropic API key. Set ANTHROPIC_API_KEY (or anthropic.api_key in config.yaml) to enable it; " +
        "structural discovery needs no key and has run as usual.";

    public ModelPrice? PriceOf(string model) =>
        Prices.TryGetValue(model, out var p) ? p : LlmPrices.Default(model);

    public override string ToString() =>
        $"LlmSettings {{ BaseUrl = {BaseUrl}, FastModel = {FastModel}, StrongModel = {StrongModel}, DailyBudget = {DailyBudget}, ApiKey = {(HasKey ? "[set]" : "[none]")} }}";
}

/// <summary>The level at which markets are grouped into one prompt.</summary>
public enum BatchScope
{
    /// <summary>The markets of one event.</summary>
    Event,

    /// <summary>Markets of several events sharing a category.</summary>
    Category,

    /// <summary>Markets of different categories that settle around the same time.</summary>
    CrossCategory,
}

/// <summary>
/// Built-in list prices (dollars per million input/output tokens, Anthropic's published prices when written) so a
/// budget works without configuration. Matched by longest prefix, so dated ids ("claude-haiku-4-5-20251001") price
/// like their alias. Override per model in <see cref="LlmSettings.Prices"/>; a model with no price is refused.
/// </summary>
public static class LlmPrices
{
    private static readonly (string Prefix, ModelPrice Price)[] Known =
    [
        ("claude-haiku-4-5", new(Money.FromDollars(1m), Money.FromDollars(5m))),
        ("claude-sonnet-4-5", new(Money.FromDollars(3m), Money.FromDollars(15m))),
        ("claude-sonnet-4", new(Money.FromDollars(3m), Money.FromDollars(15m))),
        ("claude-opus-4-5", new(Money.FromDollars(5m), Money.FromDollars(25m))),
        ("claude-opus-4-1", new(Money.FromDollars(15m), Money.FromDollars(75m))),
        ("claude-opus-4", new(Money.FromDollars(15m), Money.FromDollars(75m))),
        ("claude-3-5-haiku", new(Money.FromDollars(0.8m), Money.FromDollars(4m))),
    ];

    public static ModelPrice? Default(string model)
    {
        ModelPrice? best = null;
        var bestLength = -1;
        foreach (var (prefix, price) in Known)
        {
            if (model.StartsWith(prefix, StringComparison.Ordinal) && prefix.Length > bestLength)
            {
                best = price;
                bestLength = prefix.Length;
            }
        }

        return best;
    }
}
