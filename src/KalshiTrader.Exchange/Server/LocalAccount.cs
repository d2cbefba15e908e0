using System.Security.Cryptography;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Kalshi.Auth;

namespace KalshiTrader.Exchange.Server;

/// <summary>
/// A user account on the local exchange and its API key. <see cref="PrivateKeyPath"/> is a PEM file (mode 0600);
/// <see cref="CreateSigner"/> loads it for a client. <see cref="ToString"/> never shows key material.
/// </summary>
public sealed record LocalAccount(AccountId Id, string Name, string KeyId, string PrivateKeyPath, Money StartingBalance, string Tier)
{
    /// <summary>A request signer for this account (the caller disposes it).</summary>
    public KalshiSigner CreateSigner(TimeProvider? time = null) => new(KeyId, PrivateKeyLoader.Load(PrivateKeyPath), time);

    public override string ToString() => $"{Name} (key id {KeyId}, {StartingBalance.ToDisplayString()})";
}

/// <summary>API keys of the exchange: key id → account, public key and tier.</summary>
internal sealed class KeyRegistry : IDisposable
{
    private readonly Dictionary<string, Entry> _byKeyId = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    internal sealed record Entry(string KeyId, AccountId Account, RSA PublicKey, string Tier);

    public bool TryGet(string keyId, out Entry entry)
    {
        lock (_gate) return _byKeyId.TryGetValue(keyId, out entry!);
    }

    public IReadOnlyList<Entry> All
    {
        get { lock (_gate) return _byKeyId.Values.ToArray(); }
    }

    /// <summary>Makes a 2048-bit RSA key for <paramref name="account"/>, writes the private half to <paramref name="folder"/>, keeps the public half.</summary>
    public (string KeyId, string PemPath) Issue(AccountId account, string tier, string folder, Random rng)
    {
        var bytes = new byte[16];
        rng.NextBytes(bytes);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var keyId = new Guid(bytes, bigEndian: true).ToString();
        using var rsa = RSA.Create(2048);
        Directory.CreateDirectory(folder);
        var pemPath = Path.Combine(folder, keyId + ".pem");
        WritePrivate(pemPath, rsa.ExportRSAPrivateKeyPem());
        File.WriteAllText(Path.Combine(folder, keyId + ".key_id"), keyId + "\n");
        var pub = RSA.Create();
        pub.ImportRSAPublicKey(rsa.ExportRSAPublicKey(), out _);
        lock (_gate) _byKeyId[keyId] = new Entry(keyId, account, pub, tier);
        return (keyId, pemPath);
    }

    public void SetTier(string keyId, string tier)
    {
        lock (_gate)
        {
            if (_byKeyId.TryGetValue(keyId, out var e)) _byKeyId[keyId] = e with { Tier = tier };
        }
    }

    private static void WritePrivate(string path, string pem)
    {
        // Create with 0600 from the start so the key is never readable by others, even briefly.
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(pem);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var e in _byKeyId.Values) e.PublicKey.Dispose();
            _byKeyId.Clear();
        }
    }
}
