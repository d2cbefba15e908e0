using System.Globalization;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Trading.Config;

/// <summary>
/// List price of one language model, dollars per million tokens. Lives with the config because
/// <c>anthropic.prices</c> in config.yaml is parsed (and validated) here; LLM discovery and the CLI use the same parser.
/// </summary>
public readonly record struct ModelPrice(Money InputPerMillion, Money OutputPerMillion)
{
    /// <summary>Cost of one call, rounded up to the micro-dollar so the budget never under-counts.</summary>
    public Money Cost(long inputTokens, long outputTokens)
    {
        var micros = (Int128)inputTokens * InputPerMillion.Micros + (Int128)outputTokens * OutputPerMillion.Micros;
        return Money.FromMicros((long)((micros + 999_999) / 1_000_000));
    }

    /// <summary>Parses "IN/OUT" in dollars per million tokens, e.g. "1.00/5.00"; the message names <paramref name="field"/>.</summary>
    public static ModelPrice Parse(string text, string field)
    {
        var parts = text.Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !TryDollars(parts[0], out var input) || !TryDollars(parts[1], out var output))
        {
            throw new FormatException($"{field}: expected INPUT/OUTPUT dollars per million tokens such as 1.00/5.00, was '{text}'");
        }

        return new ModelPrice(input, output);
    }

    private static bool TryDollars(string s, out Money money)
    {
        money = default;
        if (!decimal.TryParse(s, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) || d < 0 || decimal.Round(d, 6) != d) return false;
        money = Money.FromDollars(d);
        return true;
    }
}
