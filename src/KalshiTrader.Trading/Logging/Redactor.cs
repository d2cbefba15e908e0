using System.Text.RegularExpressions;

namespace KalshiTrader.Trading.Logging;

/// <summary>
/// Removes secrets from text: every registered secret value (API keys, key ids, webhook URLs) wherever it
/// appears, plus anything shaped like a secret even when nobody registered it (PEM private keys, Anthropic keys,
/// bearer tokens, Kalshi signature headers, "api_key=..." pairs). Used by every log path and by alerts.
/// </summary>
public sealed partial class Redactor
{
    public const string Mask = "[REDACTED]";
    private readonly object _gate = new();
    private string[] _secrets = [];

    public static Redactor Shared { get; } = new();

    /// <summary>Registers a value to be masked wherever it appears (values shorter than 6 characters are ignored: too many false hits).</summary>
    public void AddSecret(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length < 6) return;
        lock (_gate)
        {
            if (_secrets.Contains(value, StringComparer.Ordinal)) return;
            _secrets = [.. _secrets, value];
            Array.Sort(_secrets, (a, b) => b.Length.CompareTo(a.Length)); // longest first, so a secret containing another is masked whole
        }
    }

    public string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text ?? "";
        var result = text;
        foreach (var secret in _secrets)
        {
            if (result.Contains(secret, StringComparison.Ordinal)) result = result.Replace(secret, Mask, StringComparison.Ordinal);
        }

        result = PemBlock().Replace(result, "-----BEGIN PRIVATE KEY-----" + Mask + "-----END PRIVATE KEY-----");
        result = AnthropicKey().Replace(result, Mask);
        result = Bearer().Replace(result, "${1}" + Mask);
        result = SecretHeader().Replace(result, "${1}" + Mask);
        result = SecretPair().Replace(result, "${1}" + Mask);
        return result;
    }

    [GeneratedRegex(@"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)")]
    private static partial Regex PemBlock();

    [GeneratedRegex(@"sk-ant-[A-Za-z0-9_\-]{8,}")]
    private static partial Regex AnthropicKey();

    [GeneratedRegex(@"(?i)(bearer\s+)[A-Za-z0-9._\-+/=]{8,}")]
    private static partial Regex Bearer();

    [GeneratedRegex(@"(?i)(KALSHI-ACCESS-(?:SIGNATURE|KEY)\s*[:=]\s*""?)[^\s"",;]+")]
    private static partial Regex SecretHeader();

    [GeneratedRegex(@"(?i)((?:api[_-]?key|secret|password|token|private[_-]?key)""?\s*[:=]\s*""?)[^\s"",;&]{4,}")]
    private static partial Regex SecretPair();
}
