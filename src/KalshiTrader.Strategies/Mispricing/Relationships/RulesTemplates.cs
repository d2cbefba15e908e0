using System.Globalization;
using System.Text.RegularExpressions;

namespace KalshiTrader.Strategies.Mispricing.Relationships;

/// <summary>
/// Reduces rules text to a template so markets that differ only in a strike or a deadline can be recognised
/// as the same question. Two markets whose templates differ are never linked: different wording ("by" vs "in",
/// another station, another source) is exactly what breaks a link that looks obvious from titles.
/// </summary>
internal static partial class RulesTemplates
{
    /// <summary>Rules with every number replaced by '#': a strike ladder's members share this.</summary>
    public static string StrikeTemplate(string rules) => Number().Replace(Normalize(rules), "#");

    /// <summary>Rules with the one deadline date replaced by '{date}', and that date; null when there is not exactly one.</summary>
    public static (string Template, DateOnly Date)? DeadlineTemplate(string rules)
    {
        var text = Normalize(rules);
        var matches = DateText().Matches(text);
        DateOnly? date = null;
        foreach (Match m in matches)
        {
            if (!TryParseDate(m.Value, out var d)) return null;
            if (date is { } seen && seen != d) return null; // two different dates: not a single deadline
            date = d;
        }

        if (date is null) return null;
        var template = DateText().Replace(text, "{date}");
        // Only "by/before <date>" wording is a deadline; "in <month>" or "on <date>" markets are not nested.
        if (!DeadlineWording().IsMatch(template)) return null;
        return (template, date.Value);
    }

    private static string Normalize(string rules) => Whitespace().Replace(rules.Trim(), " ");

    private static bool TryParseDate(string text, out DateOnly date)
    {
        var cleaned = Ordinal().Replace(text, "$1").Replace(".", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        string[] formats = ["MMMM d yyyy", "MMM d yyyy", "yyyy-MM-dd"];
        return DateOnly.TryParseExact(cleaned, formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    [GeneratedRegex(@"\d[\d,]*(?:\.\d+)?")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\b(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}|\d{4}-\d{2}-\d{2})\b")]
    private static partial Regex DateText();

    [GeneratedRegex(@"(\d)(?:st|nd|rd|th)")]
    private static partial Regex Ordinal();

    [GeneratedRegex(@"\b(?:by|before|on or before|no later than) \{date\}", RegexOptions.IgnoreCase)]
    private static partial Regex DeadlineWording();
}
