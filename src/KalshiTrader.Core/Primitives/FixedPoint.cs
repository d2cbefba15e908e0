using System.Globalization;

namespace KalshiTrader.Core.Primitives;

/// <summary>
/// Exact conversion between Kalshi's decimal strings ("0.0770", "4132.20", "-54.00") and integers scaled by
/// a power of ten. The single parser behind <see cref="Price"/>, <see cref="Quantity"/> and <see cref="Money"/>,
/// so every boundary rejects excess precision the same way instead of rounding it away.
/// </summary>
public static class FixedPoint
{
    /// <summary>Parses <paramref name="text"/> into an integer of 10^-<paramref name="scale"/> units.</summary>
    /// <returns>false when the text is not a plain decimal, has more than <paramref name="scale"/> significant
    /// decimals (trailing zeros beyond the scale are fine), or overflows.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, int scale, out long units)
    {
        units = 0;
        text = text.Trim();
        if (text.IsEmpty) return false;
        var negative = false;
        var i = 0;
        if (text[0] == '-' || text[0] == '+')
        {
            negative = text[0] == '-';
            i = 1;
            if (text.Length == 1) return false;
        }

        long whole = 0;
        var digits = 0;
        for (; i < text.Length && text[i] != '.'; i++)
        {
            var d = text[i] - '0';
            if ((uint)d > 9) return false;
            if (whole > (long.MaxValue / 10) - 10) return false;
            whole = (whole * 10) + d;
            digits++;
        }

        long frac = 0;
        var fracDigits = 0;
        if (i < text.Length)
        {
            i++; // the '.'
            for (; i < text.Length; i++)
            {
                var d = text[i] - '0';
                if ((uint)d > 9) return false;
                if (fracDigits < scale)
                {
                    frac = (frac * 10) + d;
                }
                else if (d != 0)
                {
                    return false; // more precision than the type holds: never round silently
                }

                fracDigits++;
                digits++;
            }
        }

        if (digits == 0) return false;
        for (var k = Math.Min(fracDigits, scale); k < scale; k++) frac *= 10;

        var pow = Pow10(scale);
        if (whole > (long.MaxValue - frac) / pow) return false;
        units = (whole * pow) + frac;
        if (negative) units = -units;
        return true;
    }

    /// <summary>Parses or throws a <see cref="FormatException"/> naming the field and the text.</summary>
    public static long Parse(ReadOnlySpan<char> text, int scale, string field)
    {
        if (!TryParse(text, scale, out var units))
        {
            throw new FormatException(
                $"{field}: '{Truncate(text)}' is not a decimal with at most {scale} significant decimal places");
        }

        return units;
    }

    /// <summary>Parses UTF-8 bytes (straight from a JSON reader) without allocating.</summary>
    public static bool TryParse(ReadOnlySpan<byte> utf8, int scale, out long units)
    {
        Span<char> buffer = stackalloc char[utf8.Length <= 64 ? utf8.Length : 0];
        if (utf8.Length > 64)
        {
            units = 0;
            return false;
        }

        for (var i = 0; i < utf8.Length; i++) buffer[i] = (char)utf8[i];
        return TryParse(buffer, scale, out units);
    }

    /// <summary>Formats with at least <paramref name="minDecimals"/> and at most <paramref name="scale"/> decimals.</summary>
    public static string Format(long units, int scale, int minDecimals)
    {
        var pow = Pow10(scale);
        var negative = units < 0;
        var abs = negative ? -(decimal)units : units;
        var whole = decimal.Truncate(abs / pow);
        var frac = (long)(abs - (whole * pow));
        var fracText = frac.ToString(CultureInfo.InvariantCulture).PadLeft(scale, '0');
        var keep = scale;
        while (keep > minDecimals && fracText[keep - 1] == '0') keep--;
        var body = keep == 0
            ? whole.ToString(CultureInfo.InvariantCulture)
            : whole.ToString(CultureInfo.InvariantCulture) + "." + fracText[..keep];
        return negative ? "-" + body : body;
    }

    internal static long Pow10(int scale) => scale switch
    {
        0 => 1,
        1 => 10,
        2 => 100,
        3 => 1_000,
        4 => 10_000,
        5 => 100_000,
        6 => 1_000_000,
        _ => (long)Math.Pow(10, scale),
    };

    private static string Truncate(ReadOnlySpan<char> text) =>
        text.Length <= 40 ? text.ToString() : text[..40].ToString() + "…";
}
