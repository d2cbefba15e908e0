using System.CommandLine;
using System.Globalization;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Strategies.Mispricing.Llm;
using KalshiTrader.Trading.Config;

namespace KalshiTrader.Cli.Mispricing;

/// <summary>
/// <c>relationships discover --llm</c>: options and the mapping from config.yaml's <c>anthropic:</c> section (key from
/// ANTHROPIC_API_KEY or anthropic.api_key, base_url, fast_model, strong_model, daily_budget, prices) to <see cref="LlmSettings"/>.
/// Command-line options win over the file. The key is never printed.
/// </summary>
internal static class LlmDiscoveryOptions
{
    public static readonly Option<bool> Llm = new("--llm") { Description = "also ask a language model for links metadata cannot prove (stored as proposed; approve before they trade)" };
    public static readonly Option<string?> Config = new("--config") { Description = "config.yaml path for the anthropic section (default: ./config.yaml when present, else defaults + environment)" };
    public static readonly Option<decimal?> Budget = new("--budget") { Description = "daily LLM budget in dollars (default: anthropic.daily_budget)" };
    public static readonly Option<string?> Model = new("--model") { Description = "fast model for bulk scanning (default: anthropic.fast_model)" };
    public static readonly Option<string?> StrongModel = new("--strong-model") { Description = "stronger model that validates each proposal (default: anthropic.strong_model)" };
    public static readonly Option<string[]> Prices = new("--llm-price")
    {
        Description = "MODEL=IN/OUT dollars per million tokens, for models without a built-in price; wins over anthropic.prices (repeatable)",
        AllowMultipleArgumentsPerToken = true,
    };
    public static readonly Option<string[]> Scopes = new("--llm-scope")
    {
        Description = "batch levels to run, in order: event, category, cross (default: all three)",
        AllowMultipleArgumentsPerToken = true,
    };
    public static readonly Option<int?> MaxBatches = new("--llm-max-batches") { Description = "most scanning prompts in one run (default 200)" };

    public static IEnumerable<Option> All => [Llm, Config, Budget, Model, StrongModel, Prices, Scopes, MaxBatches];

    /// <returns>The settings, or null with every problem written to <paramref name="stderr"/>.</returns>
    public static LlmSettings? Resolve(ParseResult pr, TextWriter stderr)
    {
        var path = pr.GetValue(Config) ?? (File.Exists("config.yaml") ? "config.yaml" : null);
        var loaded = ConfigLoader.Load(path);
        if (!loaded.IsValid)
        {
            stderr.WriteLine($"invalid configuration{(path is null ? "" : $" in {path}")} ({loaded.Errors.Count} problems):");
            foreach (var e in loaded.Errors) stderr.WriteLine("  " + e);
            return null;
        }

        var a = loaded.Config.Anthropic;
        var problems = new List<string>();
        // Resolution order per model: --llm-price, then anthropic.prices, then the built-in list (LlmSettings.PriceOf).
        var prices = new Dictionary<string, ModelPrice>(a.Prices, StringComparer.Ordinal);
        foreach (var p in (pr.GetValue(Prices) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            try
            {
                if (eq <= 0) throw new FormatException($"--llm-price: expected MODEL=IN/OUT, was '{p}'");
                prices[p[..eq]] = ModelPrice.Parse(p[(eq + 1)..], "--llm-price " + p[..eq]);
            }
            catch (FormatException ex)
            {
                problems.Add(ex.Message);
            }
        }

        var scopes = new List<BatchScope>();
        foreach (var s in (pr.GetValue(Scopes) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            switch (s)
            {
                case "event": scopes.Add(BatchScope.Event); break;
                case "category": scopes.Add(BatchScope.Category); break;
                case "cross": scopes.Add(BatchScope.CrossCategory); break;
                default: problems.Add($"--llm-scope: expected event, category or cross, was '{s}'"); break;
            }
        }

        var budget = a.DailyBudget;
        if (pr.GetValue(Budget) is { } dollars)
        {
            if (dollars < 0 || decimal.Round(dollars, 6) != dollars) problems.Add($"--budget: expected dollars ≥ 0 with at most 6 decimals, was {dollars.ToString(CultureInfo.InvariantCulture)}");
            else budget = Money.FromDollars(dollars);
        }

        if (pr.GetValue(MaxBatches) is < 1) problems.Add("--llm-max-batches: must be at least 1");
        if (problems.Count > 0)
        {
            foreach (var p in problems) stderr.WriteLine(p);
            return null;
        }

        var defaults = new LlmSettings();
        return new LlmSettings
        {
            ApiKey = a.ApiKey,
            BaseUrl = a.BaseUrl,
            FastModel = pr.GetValue(Model) ?? a.FastModel,
            StrongModel = pr.GetValue(StrongModel) ?? a.StrongModel,
            DailyBudget = budget,
            Prices = prices,
            Scopes = scopes.Count > 0 ? scopes.Distinct().ToList() : defaults.Scopes,
            MaxBatches = pr.GetValue(MaxBatches) ?? defaults.MaxBatches,
        };
    }

    public static void Print(LlmDiscoveryReport r, TextWriter stdout)
    {
        stdout.WriteLine($"llm: {r.Batches} batches, {r.Calls} calls, {r.CacheHits} cached; {r.InputTokens} input + {r.OutputTokens} output tokens; " +
                         $"spent {r.Spent.Dollars:0.00####} now, {r.SpentToday.Dollars:0.00####} of {r.Budget.Dollars:0.00####} dollars today (UTC)");
        stdout.WriteLine($"llm: {r.Proposed.Count} proposed (run `relationships approve <id>` after reading them), {r.Rejected.Count} rejected, {r.Skipped} already known; " +
                         $"{r.MalformedReplies} malformed replies, {r.SchemaViolations} schema violations");
        foreach (var p in r.Proposed) stdout.WriteLine($"  proposed  {p.Id}  conf {p.Confidence.ToString(CultureInfo.InvariantCulture)}");
        foreach (var x in r.Rejected) stdout.WriteLine($"  rejected  [{x.Batch}] {x.Proposal}: {x.Reason}");
        foreach (var e in r.Errors) stdout.WriteLine($"  error     {e}");
        if (r.StoppedBecause is { } why) stdout.WriteLine("llm: stopped early: " + why);
    }
}
