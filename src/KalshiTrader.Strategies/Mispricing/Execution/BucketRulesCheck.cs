using System.Globalization;
using System.Text.RegularExpressions;
using KalshiTrader.Core.Markets;
using KalshiTrader.Strategies.Mispricing.Relationships;

namespace KalshiTrader.Strategies.Mispricing.Execution;

/// <summary>
/// Structural discovery only proposes bucket-vs-ladder triples because the strike metadata cannot say which end of a
/// "between" bucket is included. The identity P(X &gt; K1) = P(K1 &lt; X ≤ K2) + P(X &gt; K2) needs exactly (K1, K2]
/// with strict thresholds; when every member's rules text states that in so many words ("more than K1 … at most K2",
/// "more than K"), the link is proven and may be approved. Anything less explicit stays proposed for a person.
/// </summary>
internal static partial class BucketRulesCheck
{
    public static bool Confirms(Relationship r, Func<Core.Primitives.MarketTicker, Market?> market, out string reason)
    {
        reason = "";
        if (r.Kind != RelationshipKind.BucketLadder || r.Source != RelationshipSource.Structural || r.Markets.Count != 3) return false;
        var low = market(r.Markets[0]);
        var bucket = market(r.Markets[1]);
        var high = market(r.Markets[2]);
        if (low is null || bucket is null || high is null) return false;
        if (low.StrikeType != StrikeType.Greater || high.StrikeType != StrikeType.Greater || bucket.StrikeType != StrikeType.Between) return false;
        if (bucket.FloorStrike is not { } k1 || bucket.CapStrike is not { } k2 || low.FloorStrike != k1 || high.FloorStrike != k2) return false;
        if (!States(StrictlyAbove(), bucket.RulesPrimary, k1) || !States(AtMost(), bucket.RulesPrimary, k2)) return false;
        if (!States(StrictlyAbove(), low.RulesPrimary, k1) || !States(StrictlyAbove(), high.RulesPrimary, k2)) return false;
        reason = $"rules text states the bucket is ({k1}, {k2}] and both thresholds are strict: the identity holds";
        return true;
    }

    private static bool States(Regex pattern, string? rules, decimal strike)
    {
        if (string.IsNullOrEmpty(rules)) return false;
        foreach (Match m in pattern.Matches(rules))
        {
            var text = m.Groups["n"].Value.Replace(",", "", StringComparison.Ordinal);
            if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var n) && n == strike) return true;
        }

        return false;
    }

    [GeneratedRegex(@"(?<!\bor\s)\b(?:more than|greater than|above|exceeds?)\s+\$?(?<n>-?\d[\d,]*(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex StrictlyAbove();

    [GeneratedRegex(@"\b(?:at most|no more than|less than or equal to)\s+\$?(?<n>-?\d[\d,]*(?:\.\d+)?)", RegexOptions.IgnoreCase)]
    private static partial Regex AtMost();
}
