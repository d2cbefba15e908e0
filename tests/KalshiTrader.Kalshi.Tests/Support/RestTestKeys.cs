using System.Security.Cryptography;
using KalshiTrader.Kalshi.Auth;

namespace KalshiTrader.Kalshi.Tests.Support;

/// <summary>One RSA key generated per test run (key generation is slow), handed out as fresh RSA instances.</summary>
internal static class RestTestKeys
{
    private static readonly Lazy<byte[]> Pkcs8 = new(() =>
    {
        using var rsa = RSA.Create(2048);
        return rsa.ExportPkcs8PrivateKey();
    });

    /// <summary>A new RSA object holding the shared private key (the caller owns it).</summary>
    public static RSA Private()
    {
        var rsa = RSA.Create();
        rsa.ImportPkcs8PrivateKey(Pkcs8.Value, out _);
        return rsa;
    }

    /// <summary>A signer over the shared key.</summary>
    public static KalshiSigner Signer(string keyId = "key-1", TimeProvider? time = null) => new(keyId, Private(), time);
}
