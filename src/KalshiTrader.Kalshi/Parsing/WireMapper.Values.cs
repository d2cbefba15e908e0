using System.Globalization;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Kalshi.Parsing;

/// <summary>
/// Converts Kalshi wire records (<see cref="Wire.Rest"/>) to Core domain values and back. Every price, count
/// and amount is parsed exactly once, here; a value that does not fit (outside [0, 1], more precision than the
/// type holds, not a number) throws <see cref="FormatException"/> naming the object and field, e.g.
/// <c>market KX-1 yes_bid_dollars: '0.12345' is not a decimal with at most 4 significant decimal places</c>.
/// Where a payload carries both the current <c>_dollars</c>/<c>_fp</c> string and the legacy integer-cent field,
/// the string wins; the integer is read only when the string is absent.
/// </summary>
public static partial class WireMapper
{
    /// <summary>A price from a dollar string, else from legacy integer cents, else null.</summary>
    public static Price? ParsePrice(string? dollars, long? cents, string context, string dollarsField, string centsField)
    {
        if (!string.IsNullOrEmpty(dollars)) return Price.Parse(dollars, $"{context} {dollarsField}");
        if (cents is { } c) return PriceFromCents(c, context, centsField);
        return null;
    }

    /// <summary>A price from a dollar string (null when absent or empty).</summary>
    public static Price? ParsePrice(string? dollars, string context, string field) =>
        string.IsNullOrEmpty(dollars) ? null : Price.Parse(dollars, $"{context} {field}");

    /// <summary>A required price; absence is an error naming the field.</summary>
    public static Price RequirePrice(string? dollars, long? cents, string context, string dollarsField, string centsField) =>
        ParsePrice(dollars, cents, context, dollarsField, centsField)
        ?? throw new FormatException($"{context} {dollarsField}: missing");

    /// <summary>A count from an fp string, else legacy whole contracts, else zero.</summary>
    public static Quantity ParseQuantity(string? fp, long? contracts, string context, string fpField)
    {
        if (!string.IsNullOrEmpty(fp)) return Quantity.Parse(fp, $"{context} {fpField}");
        if (contracts is { } n) return Quantity.FromContracts(n);
        return Quantity.Zero;
    }

    /// <summary>A count from an fp string (null when absent).</summary>
    public static Quantity? ParseQuantityOrNull(string? fp, string context, string field) =>
        string.IsNullOrEmpty(fp) ? null : Quantity.Parse(fp, $"{context} {field}");

    /// <summary>An amount from a dollar string, else legacy integer cents, else zero.</summary>
    public static Money ParseMoney(string? dollars, long? cents, string context, string dollarsField)
    {
        if (!string.IsNullOrEmpty(dollars)) return Money.Parse(dollars, $"{context} {dollarsField}");
        if (cents is { } c) return Money.FromCents(c);
        return Money.Zero;
    }

    /// <summary>An RFC3339 time; null for absent or empty.</summary>
    public static DateTimeOffset? ParseTime(string? text, string context, string field)
    {
        if (string.IsNullOrEmpty(text)) return null;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
        {
            return t;
        }

        // Some timestamp fields have been sent as Unix numbers; accept seconds or milliseconds.
        if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return FromUnix(n);
        throw new FormatException($"{context} {field}: '{Truncate(text)}' is not an RFC3339 time");
    }

    /// <summary>Unix seconds or milliseconds (told apart by magnitude) to a UTC time.</summary>
    public static DateTimeOffset FromUnix(long value) =>
        value > 100_000_000_000L ? DateTimeOffset.FromUnixTimeMilliseconds(value) : DateTimeOffset.FromUnixTimeSeconds(value);

    /// <summary>Kalshi's time format: RFC3339 UTC with microseconds.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Formats an optional time, null stays null.</summary>
    public static string? FormatTime(DateTimeOffset? time) => time is { } t ? FormatTime(t) : null;

    private static Price PriceFromCents(long cents, string context, string field)
    {
        if (cents is < 0 or > 100) throw new FormatException($"{context} {field}: {cents} cents is outside [0, 100]");
        return Price.FromCents((int)cents);
    }

    private static T Wrap<T>(string context, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException ex) when (!ex.Message.StartsWith(context, StringComparison.Ordinal))
        {
            throw new FormatException($"{context} {ex.Message}", ex);
        }
    }

    // Core's enum parsers name only the field; prefix the object so the error says which market.
    private static MarketResult ParseResult(string? wire, string context) => Wrap(context, () => MarketEnumsWire.ParseResult(wire));

    private static MarketStatus ParseStatus(string? wire, string context) =>
        string.IsNullOrEmpty(wire) ? MarketStatus.Initialized : Wrap(context, () => MarketEnumsWire.ParseStatus(wire));

    internal static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
