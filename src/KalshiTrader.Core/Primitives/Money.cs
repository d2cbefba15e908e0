namespace KalshiTrader.Core.Primitives;

/// <summary>
/// Cash, fees and P&amp;L in integer micro-dollars ($0.000001). A price tick ($0.0001) times a count
/// hundredth (0.01) is exactly one micro-dollar, so cost = price × count never rounds; averages keep
/// the 6 decimals Kalshi emits.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    public const long MicrosPerDollar = 1_000_000;
    private const int Scale = 6;

    public Money(long micros) => Micros = micros;

    public long Micros { get; }

    public static Money Zero => default;
    public static Money FromMicros(long micros) => new(micros);
    public static Money FromCents(long cents) => new(checked(cents * 10_000));
    public static Money FromDollars(decimal dollars)
    {
        var micros = dollars * MicrosPerDollar;
        if (micros != decimal.Truncate(micros))
        {
            throw new ArgumentOutOfRangeException(nameof(dollars), dollars, "more precision than $0.000001");
        }

        return new Money((long)micros);
    }

    public decimal Dollars => Micros / (decimal)MicrosPerDollar;
    public bool IsNegative => Micros < 0;
    public bool IsPositive => Micros > 0;

    /// <summary>Whole cents, truncated toward zero (for Kalshi's integer-cent fields such as <c>balance</c>).</summary>
    public long WholeCents => Micros / 10_000;

    /// <summary>Parses a Kalshi dollar string ("12.3400", "-0.0587", up to 6 decimals).</summary>
    public static Money Parse(ReadOnlySpan<char> text, string field = "dollars") =>
        new(FixedPoint.Parse(text, Scale, field));

    public static bool TryParse(ReadOnlySpan<char> text, out Money money)
    {
        var ok = FixedPoint.TryParse(text, Scale, out var units);
        money = new Money(units);
        return ok;
    }

    /// <summary>Dollar string with at least 4 decimals and up to 6 when needed: "0.0587", "0.003638".</summary>
    public string ToDollarString() => FixedPoint.Format(Micros, Scale, 4);

    /// <summary>Dollar string with exactly two decimals, rounded toward zero, for people.</summary>
    public string ToDisplayString() => (Dollars < 0 ? "-$" : "$") + FixedPoint.Format(Math.Abs(Micros) / 10_000, 2, 2);

    public override string ToString() => ToDollarString();

    /// <summary>Rounds up (toward +∞) to a multiple of <paramref name="step"/> micro-dollars.</summary>
    public Money CeilingTo(long step)
    {
        var r = Micros % step;
        if (r == 0) return this;
        return new Money(Micros > 0 ? Micros - r + step : Micros - r);
    }

    /// <summary>Rounds down (toward −∞) to a multiple of <paramref name="step"/> micro-dollars.</summary>
    public Money FloorTo(long step)
    {
        var r = Micros % step;
        if (r == 0) return this;
        return new Money(Micros > 0 ? Micros - r : Micros - r - step);
    }

    /// <summary>Kalshi rounds a fee up to $0.0001.</summary>
    public Money CeilingToTick() => CeilingTo(100);

    /// <summary>Retail balances move in whole cents: a balance change is floored to the cent.</summary>
    public Money FloorToCent() => FloorTo(10_000);

    public Money CeilingToCent() => CeilingTo(10_000);

    public int CompareTo(Money other) => Micros.CompareTo(other.Micros);

    public static Money Min(Money a, Money b) => a.Micros <= b.Micros ? a : b;
    public static Money Max(Money a, Money b) => a.Micros >= b.Micros ? a : b;

    public static Money operator +(Money a, Money b) => new(checked(a.Micros + b.Micros));
    public static Money operator -(Money a, Money b) => new(checked(a.Micros - b.Micros));
    public static Money operator -(Money a) => new(-a.Micros);
    public static Money operator *(Money a, long k) => new(checked(a.Micros * k));
    public static bool operator <(Money a, Money b) => a.Micros < b.Micros;
    public static bool operator >(Money a, Money b) => a.Micros > b.Micros;
    public static bool operator <=(Money a, Money b) => a.Micros <= b.Micros;
    public static bool operator >=(Money a, Money b) => a.Micros >= b.Micros;
}
