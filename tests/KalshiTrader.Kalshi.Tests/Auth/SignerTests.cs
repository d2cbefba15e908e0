using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using KalshiTrader.Kalshi.Auth;
using KalshiTrader.Kalshi.Tests.Support;
using KalshiTrader.Testing;

namespace KalshiTrader.Kalshi.Tests.Auth;

/// <summary>RSA-PSS signatures verify with .NET and with openssl, over timestamp + METHOD + path-without-query.</summary>
public sealed class SignerTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1703123456789);

    [Fact]
    public void MessageIsTimestampMethodAndPathWithoutQuery()
    {
        Assert.Equal("1703123456789GET/trade-api/v2/portfolio/orders",
            KalshiSigner.Message(1703123456789, "get", "/trade-api/v2/portfolio/orders?limit=5"));
    }

    [Fact]
    public void HeadersCarryKeyTimestampAndAVerifiableSignature()
    {
        using var rsa = RestTestKeys.Private();
        using var signer = RestTestKeys.Signer("key-1", new FixedTime(Now));
        var headers = signer.CreateHeaders("POST", "/trade-api/v2/portfolio/events/orders").ToDictionary(h => h.Key, h => h.Value);
        Assert.Equal("key-1", headers[KalshiSigner.KeyHeader]);
        Assert.Equal("1703123456789", headers[KalshiSigner.TimestampHeader]);
        Assert.True(KalshiSigner.Verify(rsa, 1703123456789, "POST", "/trade-api/v2/portfolio/events/orders", headers[KalshiSigner.SignatureHeader]));
        Assert.False(KalshiSigner.Verify(rsa, 1703123456789, "GET", "/trade-api/v2/portfolio/events/orders", headers[KalshiSigner.SignatureHeader]));
        Assert.False(KalshiSigner.Verify(rsa, 1703123456790, "POST", "/trade-api/v2/portfolio/events/orders", headers[KalshiSigner.SignatureHeader]));
    }

    [Fact]
    public void SignerNeverPrintsItsKey()
    {
        using var signer = RestTestKeys.Signer("key-1");
        Assert.DoesNotContain("PRIVATE", signer.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void OpensslVerifiesOurSignatureAndWeVerifyOpenssls()
    {
        var folder = RepoFolder.NewTempFolder("kt-sign");
        try
        {
            var key = Path.Combine(folder, "key.pem");
            var pub = Path.Combine(folder, "pub.pem");
            RunOpenssl(folder, "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", key);
            RunOpenssl(folder, "pkey", "-in", key, "-pubout", "-out", pub);

            const string path = "/trade-api/v2/portfolio/balance";
            using var rsa = PrivateKeyLoader.Load(key);
            using var signer = new KalshiSigner("key-1", rsa, new FixedTime(Now));
            var signature = signer.CreateHeaders("GET", path + "?subaccount=0").Single(h => h.Key == KalshiSigner.SignatureHeader).Value;
            var msg = Path.Combine(folder, "msg.txt");
            File.WriteAllBytes(msg, Encoding.UTF8.GetBytes("1703123456789GET" + path));
            var sig = Path.Combine(folder, "sig.bin");
            File.WriteAllBytes(sig, Convert.FromBase64String(signature));

            var verify = RunOpenssl(folder, "dgst", "-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest",
                "-verify", pub, "-signature", sig, msg);
            Assert.Contains("Verified OK", verify);

            var theirs = Path.Combine(folder, "theirs.bin");
            RunOpenssl(folder, "dgst", "-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt", "rsa_pss_saltlen:digest",
                "-sign", key, "-out", theirs, msg);
            using var publicKey = RSA.Create();
            publicKey.ImportFromPem(File.ReadAllText(pub));
            Assert.True(KalshiSigner.Verify(publicKey, 1703123456789, "GET", path, Convert.ToBase64String(File.ReadAllBytes(theirs))));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void LoaderReadsPkcs1AndPkcs8Pem()
    {
        var folder = RepoFolder.NewTempFolder("kt-keys");
        try
        {
            using var rsa = RestTestKeys.Private();
            var pkcs1 = Path.Combine(folder, "pkcs1.pem");
            var pkcs8 = Path.Combine(folder, "pkcs8.pem");
            File.WriteAllText(pkcs1, rsa.ExportRSAPrivateKeyPem());
            File.WriteAllText(pkcs8, rsa.ExportPkcs8PrivateKeyPem());
            foreach (var file in new[] { pkcs1, pkcs8 })
            {
                using var loaded = PrivateKeyLoader.Load(file);
                Assert.Equal(rsa.ExportParameters(false).Modulus, loaded.ExportParameters(false).Modulus);
            }
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void LoaderWarnsWhenGroupOrOthersCanReadTheKey()
    {
        if (OperatingSystem.IsWindows()) Assert.Skip("unix file modes only");
        var folder = RepoFolder.NewTempFolder("kt-keys");
        try
        {
            using var rsa = RestTestKeys.Private();
            var file = Path.Combine(folder, "k.pem");
            File.WriteAllText(file, rsa.ExportPkcs8PrivateKeyPem());
            var warnings = new List<string>();
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            PrivateKeyLoader.Load(file, warnings.Add).Dispose();
            Assert.Empty(warnings);
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            PrivateKeyLoader.Load(file, warnings.Add).Dispose();
            Assert.Contains("chmod 600", Assert.Single(warnings));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public void BadKeyFileErrorNamesTheFileButNotItsContents()
    {
        var folder = RepoFolder.NewTempFolder("kt-keys");
        try
        {
            var file = Path.Combine(folder, "bad.pem");
            File.WriteAllText(file, "-----BEGIN PRIVATE KEY-----\nSECRETSTUFF\n-----END PRIVATE KEY-----\n");
            var ex = Assert.ThrowsAny<CryptographicException>(() => PrivateKeyLoader.Load(file));
            Assert.Contains("bad.pem", ex.Message);
            Assert.DoesNotContain("SECRETSTUFF", ex.Message);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    private static string RunOpenssl(string folder, params string[] args)
    {
        var psi = new ProcessStartInfo("openssl") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new InvalidOperationException("openssl did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Skip("openssl is not installed; the cross-check with openssl was not run");
            throw;
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEnd();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"openssl {string.Join(' ', args)} failed: {stderr}");
            return stdout + stderr;
        }
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
