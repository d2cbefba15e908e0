using KalshiTrader.Trading.Logging;

namespace KalshiTrader.Trading.Tests.Logging;

public sealed class RedactorTests
{
    [Fact]
    public void ARegisteredSecretIsMaskedWhereverItAppears()
    {
        var redactor = new Redactor();
        redactor.AddSecret("a1b2c3d4-secret-key-id");

        var text = redactor.Redact("signing with a1b2c3d4-secret-key-id for url?k=a1b2c3d4-secret-key-id");

        Assert.DoesNotContain("a1b2c3d4-secret-key-id", text);
        Assert.Equal(2, text.Split(Redactor.Mask).Length - 1);
    }

    [Fact]
    public void APrivateKeyBlockIsMaskedEvenWhenNobodyRegisteredIt()
    {
        var text = new Redactor().Redact("oops -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY----- done");

        Assert.DoesNotContain("MIIEowIBAAKCAQEA7", text);
        Assert.EndsWith("done", text);
    }

    [Theory]
    [InlineData("key sk-ant-api03-abcdefghijklmnop", "sk-ant-api03-abcdefghijklmnop")]
    [InlineData("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload", "eyJhbGciOiJIUzI1NiJ9.payload")]
    [InlineData("KALSHI-ACCESS-SIGNATURE: c2lnbmF0dXJlLWJ5dGVz", "c2lnbmF0dXJlLWJ5dGVz")]
    [InlineData("{\"api_key\":\"hunter2hunter2\"}", "hunter2hunter2")]
    [InlineData("password=correct-horse-battery", "correct-horse-battery")]
    public void SecretShapedTextIsMasked(string text, string secret) => Assert.DoesNotContain(secret, new Redactor().Redact(text));

    [Fact]
    public void OrdinaryTradingTextIsLeftAlone()
    {
        const string text = "KXT-E-A bought YES 10.00 @ 0.4500 client_order_id=probe-a1b2c3d4-000001";
        Assert.Equal(text, new Redactor().Redact(text));
    }

    [Fact]
    public void TheJsonLogRedactsMessagesAndFieldsAndWritesOneObjectPerLine()
    {
        var redactor = new Redactor();
        redactor.AddSecret("super-secret-value");
        var writer = new StringWriter();
        var log = new JsonLinesLog(writer, redactor, TimeProvider.System);

        log.Info("test.event", "message with super-secret-value", ("field", "also super-secret-value"), ("count", 3));

        var line = writer.ToString().Trim();
        Assert.DoesNotContain("super-secret-value", line);
        using var doc = System.Text.Json.JsonDocument.Parse(line);
        Assert.Equal("test.event", doc.RootElement.GetProperty("event").GetString());
        Assert.Equal(3, doc.RootElement.GetProperty("count").GetInt32());
        Assert.Equal("info", doc.RootElement.GetProperty("level").GetString());
    }

    [Fact]
    public void TheConsoleLogRedactsToo()
    {
        var redactor = new Redactor();
        redactor.AddSecret("super-secret-value");
        var writer = new StringWriter();

        new ConsoleLog(writer, redactor, TimeProvider.System).Warn("x", "see super-secret-value", ("k", "super-secret-value"));

        Assert.DoesNotContain("super-secret-value", writer.ToString());
        Assert.Contains("WARN", writer.ToString());
    }
}
