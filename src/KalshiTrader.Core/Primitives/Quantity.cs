namespace KalshiTrader.Core.Primitives;

/// <summary>
/// A contract count in integer hundredths ("4132.20" is 413220). Signed, because positions
/// (+ YES, − NO) and book deltas are signed; order sizes are checked positive where they are built.
/// </summary>
public readonly record struct Quantity : IComparable<Quantity>
{
    /// <summary>Hundredths in one contract.</summary>
    public const long HundredthsPerContract = 100;
    private const int Scale = 2;

    public Quantity(long hundredths) => Hundredths = hundredths;

    public long Hundredths { get; }

    public static Quantity Zero => default;
    public static Quantity FromContracts(long contracts) => new(checked(contracts * HundredthsPerContract));
    public static Quantity FromHundredths(long hundredths) => new(hundredths);

    public bool IsZero => Hundredths == 0;
    public bool IsPositive => Hundredths > 0;
    public bool IsNegative => Hundredths < 0;
    public bool IsWholeContracts => Hundredths % HundredthsPerContract == 0;
    public decimal Contracts => Hundredths / (decimal)HundredthsPerContract;
    public Quantity Abs => new(Math.Abs(Hundredths));

    /// <summary>Parses a Kalshi "_fp" string such as "4132.20" or "-54.00".</summary>
    /// <exception cref="FormatException">names <paramref name="field"/> when the text is malformed or too precise.</exception>
    public static Quantity Parse(ReadOnlySpan<char> text, string field = "count_fp") =>
        new(FixedPoint.Parse(text, Scale, field));

    public static bool TryParse(ReadOnlySpan<char> text, out Quantity quantity)
    {
        var ok = FixedPoint.TryParse(text, Scale, out var units);
        quantity = new Quantity(units);
        return ok;
    }

    public static bool TryParse(ReadOnlySpan<byte> utf8, out Quantity quantity)
    {
        var ok = FixedPoint.TryParse(utf8, Scale, out var units);
        quantity = new Quantity(units);
        return ok;
    }

    /// <summary>Kalshi's 2-decimal string: 413220 → "4132.20".</summary>
    public string ToFpString() => FixedPoint.Format(Hundredths, Scale, Scale);

    public override string ToString() => ToFpString();

    public int CompareTo(Quantity other) => Hundredths.CompareTo(other.Hundredths);

    public static Quantity Min(Quantity a, Quantity b) => a.Hundredths <= b.Hundredths ? a : b;
    public static Quantity Max(Quantity a, Quantity b) => a.Hundredths >= b.Hundredths ? a : b;

    public static Quantity operator +(Quantity a, Quantity b) => new(checked(a.Hundredths + b.Hundredths));
    public static Quantity operator -(Quantity a, Quantity b) => new(checked(a.Hundredths - b.Hundredths));
    public static Quantity operator -(Quantity a) => new(-a.Hundredths);
    public static bool operator <(Quantity a, Quantity b) => a.Hundredths < b.Hundredths;
    public static bool operator >(Quantity a, Quantity b) => a.Hundredths > b.Hundredths;
    public static bool operator <=(Quantity a, Quantity b) => a.Hundredths <= b.Hundredths;
    public static bool operator >=(Quantity a, Quantity b) => a.Hundredths >= b.Hundredths;
}
