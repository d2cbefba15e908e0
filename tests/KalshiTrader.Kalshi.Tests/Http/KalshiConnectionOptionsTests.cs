using KalshiTrader.Kalshi.Tests.Support;

namespace KalshiTrader.Kalshi.Tests.Http;

/// <summary>Environment selection: explicit values, then environment variables, then defaults.</summary>
public sealed class KalshiConnectionOptionsTests
{
    private static Func<string, string?> Vars(params (string Name, string Value)[] vars) =>
        name => vars.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void WithNothingSetTheDemoEnvironmentIsUsed()
    {
        var o = KalshiConnectionOptions.Resolve(getVariable: Vars());
        Assert.Equal(KalshiEnvironment.Demo, o.Environment);
        Assert.Equal("https://external-api.demo.kalshi.co/trade-api/v2", o.RestBaseUrl.ToString());
        Assert.False(o.HasCredentials);
        Assert.Null(o.CreateSigner());
    }

    [Fact]
    public void LocalEnvironmentPointsAtTheLocalExchange()
    {
        var o = KalshiConnectionOptions.Resolve("local", getVariable: Vars());
        Assert.Equal("http://127.0.0.1:8787/trade-api/v2", o.RestBaseUrl.ToString());
        Assert.Equal("ws://127.0.0.1:8787/trade-api/ws/v2", o.WebSocketUrl.ToString());
        Assert.Equal("/trade-api/v2", o.RestPathPrefix);
    }

    [Fact]
    public void EnvironmentVariablesApplyAndExplicitArgumentsWin()
    {
        var vars = Vars(("KALSHI_ENV", "prod"), ("KALSHI_API_KEY_ID", "env-key"), ("KALSHI_PRIVATE_KEY_PATH", "/keys/k.pem"));
        var fromEnv = KalshiConnectionOptions.Resolve(getVariable: vars);
        Assert.Equal(KalshiEnvironment.Prod, fromEnv.Environment);
        Assert.Equal("wss://external-api-ws.kalshi.com/trade-api/ws/v2", fromEnv.WebSocketUrl.ToString());
        Assert.Equal("env-key", fromEnv.ApiKeyId);
        Assert.True(fromEnv.HasCredentials);

        var explicitly = KalshiConnectionOptions.Resolve("demo", apiKeyId: "arg-key", getVariable: vars);
        Assert.Equal(KalshiEnvironment.Demo, explicitly.Environment);
        Assert.Equal("arg-key", explicitly.ApiKeyId);
        Assert.Equal("/keys/k.pem", explicitly.PrivateKeyPath);
    }

    [Fact]
    public void AnExplicitRestUrlAloneImpliesTheWebSocketOnTheSameHost()
    {
        var o = KalshiConnectionOptions.Resolve(restUrl: "http://127.0.0.1:5123/trade-api/v2", getVariable: Vars());
        Assert.Equal("ws://127.0.0.1:5123/trade-api/ws/v2", o.WebSocketUrl.ToString());
        var env = KalshiConnectionOptions.Resolve(getVariable: Vars(("KALSHI_REST_URL", "https://x.example/trade-api/v2"), ("KALSHI_WS_URL", "wss://y.example/trade-api/ws/v2")));
        Assert.Equal("wss://y.example/trade-api/ws/v2", env.WebSocketUrl.ToString());
    }

    [Theory]
    [InlineData("staging", null, "KALSHI_ENV: 'staging'")]
    [InlineData(null, "ftp://x/trade-api/v2", "REST URL: 'ftp://x/trade-api/v2'")]
    public void BadValuesAreNamed(string? env, string? rest, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => KalshiConnectionOptions.Resolve(env, rest, getVariable: Vars()));
        Assert.StartsWith(expected, ex.Message);
    }

    [Fact]
    public void DescriptionNeverShowsTheWholeKeyId()
    {
        var o = KalshiConnectionOptions.Resolve("local", apiKeyId: "a1b2c3d4-0000-1111-2222-333344445555", privateKeyPath: "/k.pem", getVariable: Vars());
        Assert.DoesNotContain("a1b2c3d4-0000-1111-2222-333344445555", o.ToString());
        Assert.Contains("local", o.ToString());
    }

    [Fact]
    public void CreateSignerLoadsTheKeyFile()
    {
        var folder = KalshiTrader.Testing.RepoFolder.NewTempFolder("kt-keys");
        try
        {
            var path = Path.Combine(folder, "k.pem");
            using (var rsa = RestTestKeys.Private()) File.WriteAllText(path, rsa.ExportPkcs8PrivateKeyPem());
            var o = KalshiConnectionOptions.Resolve("local", apiKeyId: "kid", privateKeyPath: path, getVariable: Vars());
            using var signer = o.CreateSigner();
            Assert.Equal("kid", signer!.KeyId);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}
