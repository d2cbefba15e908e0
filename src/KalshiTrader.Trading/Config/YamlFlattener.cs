using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace KalshiTrader.Trading.Config;

/// <summary>
/// Reads YAML into dotted paths ("trading.max_risk_per_trade" → "0.02", lists as "scanning.series[0]") and expands
/// ${VAR} and ${VAR:-default} from the environment. Every problem is collected, none thrown.
/// </summary>
internal static partial class YamlFlattener
{
    public static Dictionary<string, string> Flatten(string yaml, IReadOnlyDictionary<string, string> environment, List<ConfigError> errors)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            errors.Add(new ConfigError("(file)", $"not valid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {ex.InnerException?.Message ?? ex.Message}"));
            return result;
        }

        if (stream.Documents.Count == 0) return result;
        var root = stream.Documents[0].RootNode;
        if (root is YamlScalarNode { Value: null or "" }) return result;
        if (root is not YamlMappingNode map)
        {
            errors.Add(new ConfigError("(file)", "the top level must be a mapping of sections (kalshi:, trading:, ...)"));
            return result;
        }

        Walk(map, "", result, environment, errors);
        return result;
    }

    private static void Walk(YamlNode node, string path, Dictionary<string, string> result, IReadOnlyDictionary<string, string> env, List<ConfigError> errors)
    {
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? "";
                    Walk(value, path.Length == 0 ? name : $"{path}.{name}", result, env, errors);
                }

                break;
            case YamlSequenceNode seq:
                var i = 0;
                foreach (var item in seq.Children) Walk(item, $"{path}[{i++}]", result, env, errors);
                if (i == 0) result[path + "[]"] = "";
                break;
            case YamlScalarNode scalar:
                if (scalar.Value is null || (scalar.Style == ScalarStyle.Plain && scalar.Value is "~" or "null")) return;
                result[path] = Expand(scalar.Value, path, env, errors);
                break;
        }
    }

    /// <summary>Replaces ${VAR} and ${VAR:-default}; an unset variable without a default is an error naming both.</summary>
    public static string Expand(string value, string path, IReadOnlyDictionary<string, string> env, List<ConfigError> errors) =>
        Variable().Replace(value, m =>
        {
            var name = m.Groups["name"].Value;
            if (env.TryGetValue(name, out var v) && v.Length > 0) return v;
            if (m.Groups["default"].Success) return m.Groups["default"].Value;
            errors.Add(new ConfigError(path, $"environment variable {name} is not set (use ${{{name}:-default}} for a fallback)"));
            return "";
        });

    [GeneratedRegex(@"\$\{(?<name>[A-Za-z_][A-Za-z0-9_]*)(:-(?<default>[^}]*))?\}")]
    private static partial Regex Variable();
}
