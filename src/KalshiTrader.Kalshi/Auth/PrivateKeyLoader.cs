using System.Security.Cryptography;

namespace KalshiTrader.Kalshi.Auth;

/// <summary>Loads a Kalshi RSA private key from a PEM file (PKCS#1 or PKCS#8) without ever echoing its contents.</summary>
public static class PrivateKeyLoader
{
    /// <summary>Loads the key; <paramref name="warn"/> hears about a file readable by group or others.</summary>
    public static RSA Load(string path, Action<string>? warn = null)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"private key file not found: {path}", path);
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            const UnixFileMode groupOrOthers = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
            if ((mode & groupOrOthers) != 0)
            {
                warn?.Invoke($"private key file {path} is readable by group or others (mode {Convert.ToString((int)mode, 8)}); run: chmod 600 {path}");
            }
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(File.ReadAllText(path));
            return rsa;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            // The message names the file, never its contents.
            throw new CryptographicException($"{path} does not hold an RSA private key in PEM (PKCS#1 or PKCS#8) form", ex);
        }
    }
}
