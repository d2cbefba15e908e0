namespace KalshiTrader.Exchange.Scenarios;

/// <summary>
/// Seeded randomness: every stream derives from the run's seed and a stream name, so adding a stream never shifts
/// another one and a run is reproducible. (string.GetHashCode is randomised per process, hence FNV-1a.)
/// </summary>
public sealed class ScenarioRandom
{
    private readonly Random _random;
    private double? _spareNormal;

    public ScenarioRandom(ulong seed, string stream) => _random = new Random(Derive(seed, stream));

    public static int Derive(ulong seed, string stream)
    {
        var h = 14695981039346656037UL ^ seed;
        foreach (var c in stream)
        {
            h ^= c;
            h *= 1099511628211UL;
        }

        h ^= h >> 29;
        return (int)(h & 0x7fff_ffff);
    }

    public double NextDouble() => _random.NextDouble();

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => _random.Next(minInclusive, maxExclusive);

    public bool Chance(double p) => _random.NextDouble() < p;

    /// <summary>A standard normal draw (Marsaglia polar method).</summary>
    public double Normal()
    {
        if (_spareNormal is { } spare)
        {
            _spareNormal = null;
            return spare;
        }

        double u, v, s;
        do
        {
            u = (2 * _random.NextDouble()) - 1;
            v = (2 * _random.NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var m = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareNormal = v * m;
        return u * m;
    }

    /// <summary>Picks an index with probability proportional to <paramref name="weights"/>; -1 when the draw lands past their sum (≤ 1).</summary>
    public int PickIndex(IReadOnlyList<double> weights)
    {
        var x = _random.NextDouble();
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }

        return -1;
    }
}

/// <summary>The normal distribution's cumulative function (Abramowitz-Stegun 7.1.26 via erf; |error| &lt; 1.5e-7).</summary>
internal static class Normal
{
    public static double Cdf(double x) => 0.5 * (1 + Erf(x / Math.Sqrt(2)));

    private static double Erf(double x)
    {
        var sign = Math.Sign(x);
        x = Math.Abs(x);
        var t = 1 / (1 + (0.3275911 * x));
        var y = 1 - ((((((1.061405429 * t) - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-x * x);
        return sign * y;
    }
}
