using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KalshiTrader.Kalshi.Auth;

/// <summary>
/// Signs Kalshi requests: RSA-PSS with SHA-256 (MGF1-SHA256, salt = digest length) over
/// <c>timestamp_ms + METHOD + path</c>, where the path includes <c>/trade-api/v2</c> and excludes the query.
/// The key never leaves this object: <see cref="ToString"/> names only the key id.
/// </summary>
public sealed class KalshiSigner : IDisposable
{
    public const string KeyHeader = "KALSHI-ACCESS-KEY";
    public const string TimestampHeader = "KALSHI-ACCESS-TIMESTAMP";
    public const string SignatureHeader = "KALSHI-ACCESS-SIGNATURE";

    private readonly RSA _rsa;
    private readonly TimeProvider _time;

    public KalshiSigner(string keyId, RSA rsa, TimeProvider? time = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(keyId);
        KeyId = keyId;
        _rsa = rsa;
        _time = time ?? TimeProvider.System;
    }

    public string KeyId { get; }

    /// <summary>The message Kalshi expects to be signed. The query string is cut off here so callers cannot get it wrong.</summary>
    public static string Message(long timestampMs, string method, string path)
    {
        var q = path.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0) path = path[..q];
        return timestampMs.ToString(CultureInfo.InvariantCulture) + method.ToUpperInvariant() + path;
    }

    public string Sign(long timestampMs, string method, string path)
    {
        var bytes = Encoding.UTF8.GetBytes(Message(timestampMs, method, path));
        return Convert.ToBase64String(_rsa.SignData(bytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pss));
    }

    /// <summary>The three headers for one request, timestamped now.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> CreateHeaders(string method, string path)
    {
        var ts = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return
        [
            new(KeyHeader, KeyId),
            new(TimestampHeader, ts.ToString(CultureInfo.InvariantCulture)),
            new(SignatureHeader, Sign(ts, method, path)),
        ];
    }

    /// <summary>Verifies a signature with a public key (the local exchange uses this to authenticate clients).</summary>
    public static bool Verify(RSA publicKey, long timestampMs, string method, string path, string signatureBase64)
    {
        Span<byte> sig = stackalloc byte[1024];
        if (!Convert.TryFromBase64String(signatureBase64, sig, out var written)) return false;
        var bytes = Encoding.UTF8.GetBytes(Message(timestampMs, method, path));
        return publicKey.VerifyData(bytes, sig[..written], HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
    }

    public override string ToString() => $"KalshiSigner(key id {KeyId})";

    public void Dispose() => _rsa.Dispose();
}
