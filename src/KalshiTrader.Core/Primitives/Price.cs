namespace KalshiTrader.Core.Primitives;

/// <summary>
/// A contract price in integer ticks of $0.0001, always within [$0, $1]. "0.0770" is 770 ticks.
/// Kalshi prices YES; the NO price of the same level is <see cref="Complement"/>.
/// </summary>
public readonly record struct Price : IComparable<Price>
{
    /// <summary>Ticks in one dollar.</summary>
    public const int TicksPerDollar = 10_000;
    private const int Scale = 4;

    /// <summary>Creates a price; throws when outside [0, 10000] ticks.</summary>
    public Price(int ticks)
    {
        if ((uint)ticks > TicksPerDollar)
        {
            throw new ArgumentOutOfRangeException(nameof(ticks), ticks, "a price must lie within [$0, $1]");
        }

        Ticks = ticks;
    }

    /// <summary>Integer ticks of $0.0001.</summary>
    public int Ticks { get; }

    public static Price Zero => default;
    public static Price One => new(TicksPerDollar);

    /// <summary>1 − this: the NO price of a YES price and back.</summary>
    public Price Complement => new(TicksPerDollar - Ticks);

    public decimal Dollars => Ticks / (decimal)TicksPerDollar;

    public static Price FromTicks(int ticks) => new(ticks);
    public static Price FromCents(int cents) => new(checked(cents * 100));

    /// <summary>Exact conversion from a dollar decimal; throws when it is off the $0.0001 grid or outside [0, 1].</summary>
    public static Price FromDollars(decimal dollars)
    {
        var ticks = dollars * TicksPerDollar;
        if (ticks != decimal.Truncate(ticks) || ticks < 0 || ticks > TicksPerDollar)
        {
            throw new ArgumentOutOfRangeException(nameof(dollars), dollars, "not a price on the $0.0001 grid within [0, 1]");
        }

        return new Price((int)ticks);
    }

    /// <summary>Parses a Kalshi dollar string such as "0.0770" (up to 6 decimals, but only 4 may be non-zero).</summary>
    /// <exception cref="FormatException">names <paramref name="field"/> when the text is malformed, too precise or out of range.</exception>
    public static Price Parse(ReadOnlySpan<char> text, string field = "price")
    {
        var units = FixedPoint.Parse(text, Scale, field);
        if (units is < 0 or > TicksPerDollar)
        {
            throw new FormatException($"{field}: '{text}' is outside [0, 1]");
        }

        return new Price((int)units);
    }

    public static bool TryParse(ReadOnlySpan<char> text, out Price price)
    {
        price = default;
        if (!FixedPoint.TryParse(text, Scale, out var units) || units is < 0 or > TicksPerDollar) return false;
        price = new Price((int)units);
        return true;
    }

    public static bool TryParse(ReadOnlySpan<byte> utf8, out Price price)
    {
        price = default;
        if (!FixedPoint.TryParse(utf8, Scale, out var units) || units is < 0 or > TicksPerDollar) return false;
        price = new Price((int)units);
        return true;
    }

    /// <summary>Kalshi's 4-decimal dollar string: 770 → "0.0770".</summary>
    public string ToDollarString() => FixedPoint.Format(Ticks, Scale, Scale);

    public override string ToString() => ToDollarString();

    public int CompareTo(Price other) => Ticks.CompareTo(other.Ticks);

    public static bool operator <(Price a, Price b) => a.Ticks < b.Ticks;
    public static bool operator >(Price a, Price b) => a.Ticks > b.Ticks;
    public static bool operator <=(Price a, Price b) => a.Ticks <= b.Ticks;
    public static bool operator >=(Price a, Price b) => a.Ticks >= b.Ticks;

    /// <summary>Money for <paramref name="count"/> contracts at this price (exact: ticks × hundredths = micro-dollars).</summary>
    public Money Times(Quantity count) => Money.FromMicros(checked((long)Ticks * count.Hundredths));
}
