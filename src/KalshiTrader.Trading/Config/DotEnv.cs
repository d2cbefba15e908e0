namespace KalshiTrader.Trading.Config;

/// <summary>
/// Reads a .env file (KEY=value lines, # comments, optional quotes, optional "export "). Values from the real
/// environment win over the file, so a .env only fills gaps. The file itself is never committed (.gitignore).
/// </summary>
public static class DotEnv
{
    public static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim().TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line[7..].TrimStart();
            var eq = line.IndexOf('=');
            if (eq <= 0) continue;
            var key = line[..eq].Trim();
            var value = line[(eq + 1)..].Trim();
            if (value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0]) value = value[1..^1];
            else if (value.IndexOf(" #", StringComparison.Ordinal) is var hash and >= 0) value = value[..hash].TrimEnd();
            result[key] = value;
        }

        return result;
    }

    /// <summary>The process environment overlaid on the .env file at <paramref name="path"/> (when it exists).</summary>
    public static Dictionary<string, string> Merge(string? path, IReadOnlyDictionary<string, string> environment)
    {
        var result = path is not null && File.Exists(path) ? Parse(File.ReadAllText(path)) : new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in environment) result[k] = v;
        return result;
    }

    public static Dictionary<string, string> ProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            if (e.Key is string k && e.Value is string v) result[k] = v;
        }

        return result;
    }
}
