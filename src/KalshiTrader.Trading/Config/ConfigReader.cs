using System.Globalization;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Trading.Config;

/// <summary>Typed reads over flattened config paths; each bad value adds an error and yields the default, so every problem is reported.</summary>
internal sealed class ConfigReader(Dictionary<string, string> values, List<ConfigError> errors)
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public List<ConfigError> Errors => errors;

    public bool Has(string path) => values.ContainsKey(path);

    public string? String(string path, string? fallback)
    {
        _used.Add(path);
        return values.TryGetValue(path, out var v) && v.Length > 0 ? v : fallback;
    }

    public string OneOf(string path, string fallback, params string[] allowed)
    {
        var v = String(path, fallback)!;
        if (allowed.Contains(v, StringComparer.Ordinal)) return v;
        Fail(path, $"must be one of {string.Join(", ", allowed)}, was '{v}'");
        return fallback;
    }

    public bool Bool(string path, bool fallback)
    {
        var v = String(path, null);
        if (v is null) return fallback;
        switch (v.ToLowerInvariant())
        {
            case "true" or "yes" or "on" or "1": return true;
            case "false" or "no" or "off" or "0": return false;
            default:
                Fail(path, $"must be true or false, was '{v}'");
                return fallback;
        }
    }

    public int Int(string path, int fallback, int min, int max)
    {
        var v = String(path, null);
        if (v is null) return fallback;
        if (!int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return Fail(path, $"must be a whole number, was '{v}'", fallback);
        if (n < min || n > max) return Fail(path, $"must be in [{min}, {max}], was {n}", fallback);
        return n;
    }

    public double Rate(string path, double fallback)
    {
        var v = String(path, null);
        if (v is null) return fallback;
        if (!double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return Fail(path, $"must be a number, was '{v}'", fallback);
        if (n <= 0) return Fail(path, $"must be greater than 0, was {v}", fallback);
        return n;
    }

    /// <summary>A share in (0, 1] ("0.02" or "2%").</summary>
    public decimal Share(string path, decimal fallback)
    {
        var v = String(path, null);
        if (v is null) return fallback;
        var percent = v.EndsWith('%');
        if (!decimal.TryParse(percent ? v[..^1] : v, NumberStyles.Number, CultureInfo.InvariantCulture, out var d)) return Fail(path, $"must be a number in (0, 1], was '{v}'", fallback);
        if (percent) d /= 100;
        if (d <= 0 || d > 1) return Fail(path, $"must be in (0, 1], was {v}", fallback);
        return d;
    }

    /// <summary>Dollars, exact ("250", "12.50", "$12.50").</summary>
    public Money Dollars(string path, Money fallback)
    {
        var v = String(path, null);
        if (v is null) return fallback;
        var text = v.TrimStart('$').Replace("_", "", StringComparison.Ordinal);
        if (!Money.TryParse(text, out var m)) return Fail(path, $"must be an amount in dollars with at most 6 decimals, was '{v}'", fallback);
        if (m.IsNegative || m.Micros == 0) return Fail(path, $"must be greater than $0, was {v}", fallback);
        return m;
    }

    /// <summary>A contract count (hundredths allowed).</summary>
    public Quantity Contracts(string path, Quantity fallback)
    {
        var v = String(path, null);
        if (v is null) return fallback;
        if (!Quantity.TryParse(v, out var q)) return Fail(path, $"must be a number of contracts with at most 2 decimals, was '{v}'", fallback);
        if (!q.IsPositive) return Fail(path, $"must be greater than 0, was {v}", fallback);
        return q;
    }

    /// <summary>A duration: "250ms", "30s", "5m", "2h", or plain seconds.</summary>
    public TimeSpan Duration(string path, TimeSpan fallback, TimeSpan min)
    {
        var v = String(path, null);
        if (v is null) return fallback;
        TimeSpan? parsed = null;
        var (number, unit) = v.EndsWith("ms", StringComparison.Ordinal) ? (v[..^2], "ms")
            : v.Length > 0 && char.IsLetter(v[^1]) ? (v[..^1], v[^1..]) : (v, "s");
        if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0)
        {
            parsed = unit switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                "h" => TimeSpan.FromHours(n),
                _ => null,
            };
        }

        if (parsed is null) return Fail(path, $"must be a duration such as 250ms, 30s, 5m or 2h, was '{v}'", fallback);
        if (parsed < min) return Fail(path, $"must be at least {min.TotalMilliseconds} ms, was {v}", fallback);
        return parsed.Value;
    }

    public IReadOnlyList<string> List(string path)
    {
        _used.Add(path + "[]");
        var items = new List<string>();
        for (var i = 0; values.ContainsKey($"{path}[{i}]"); i++)
        {
            _used.Add($"{path}[{i}]");
            items.Add(values[$"{path}[{i}]"]);
        }

        // A single string is accepted as a one-item (or comma-separated) list.
        if (items.Count == 0 && String(path, null) is { } single)
        {
            items.AddRange(single.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        }

        return items;
    }

    public Uri? Url(string path, bool requireHttp)
    {
        var v = String(path, null);
        if (v is null) return null;
        if (!Uri.TryCreate(v, UriKind.Absolute, out var uri) || (requireHttp && uri.Scheme is not ("http" or "https")))
        {
            Fail(path, "must be an absolute http(s) URL, was '" + (path.Contains("webhook", StringComparison.Ordinal) ? "[REDACTED]" : v) + "'");
            return null;
        }

        return uri;
    }

    /// <summary>Every path under <paramref name="section"/>, relative, marked used.</summary>
    public Dictionary<string, string> Section(string section)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in values)
        {
            if (!k.StartsWith(section + ".", StringComparison.Ordinal)) continue;
            _used.Add(k);
            result[k[(section.Length + 1)..]] = v;
        }

        return result;
    }

    /// <summary>Fields nobody read: typos such as "max_risk_per_trde" must not be silently ignored.</summary>
    public void ReportUnknown()
    {
        foreach (var key in values.Keys.Where(k => !_used.Contains(k)).Order(StringComparer.Ordinal))
        {
            errors.Add(new ConfigError(key, "unknown field"));
        }
    }

    public void Fail(string path, string problem) => errors.Add(new ConfigError(path, problem));

    private T Fail<T>(string path, string problem, T fallback)
    {
        Fail(path, problem);
        return fallback;
    }
}
