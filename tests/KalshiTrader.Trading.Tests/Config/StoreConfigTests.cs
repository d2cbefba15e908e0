using KalshiTrader.Trading.Config;

namespace KalshiTrader.Trading.Tests.Config;

/// <summary>trading.store: where run journals its orders; on by default, and the old JSON-lines journal key is refused.</summary>
public sealed class StoreConfigTests
{
    private static readonly Dictionary<string, string> NoEnv = new();

    [Fact]
    public void TheStoreDefaultsToTheRecordersSqliteFile()
    {
        var result = ConfigLoader.LoadFromText("", NoEnv);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal("sqlite:data/kalshi.db", result.Config.Trading.Store);
    }

    [Fact]
    public void KalshiStoreWinsOverKalshiDbAndTheFileWinsOverBoth()
    {
        var env = new Dictionary<string, string> { ["KALSHI_STORE"] = "sqlite:a.db", ["KALSHI_DB"] = "sqlite:b.db" };
        var dbOnly = new Dictionary<string, string> { ["KALSHI_DB"] = "sqlite:b.db" };

        Assert.Equal("sqlite:a.db", ConfigLoader.LoadFromText("", env).Config.Trading.Store);
        Assert.Equal("sqlite:b.db", ConfigLoader.LoadFromText("", dbOnly).Config.Trading.Store);
        Assert.Equal("sqlite:c.db", ConfigLoader.LoadFromText("trading:\n  store: sqlite:c.db\n", env).Config.Trading.Store);
    }

    [Fact]
    public void AStoreThatIsNeitherSqliteNorPostgresIsReportedWithoutEchoingIt()
    {
        var result = ConfigLoader.LoadFromText("trading:\n  store: mysql://u:hunter2@db/x\n", NoEnv);

        var error = Assert.Single(result.Errors);
        Assert.Equal("trading.store", error.Path);
        Assert.DoesNotContain("hunter2", error.ToString());
    }

    [Fact]
    public void TheRemovedJournalKeyIsReportedWithWhereOrdersGoNow()
    {
        var result = ConfigLoader.LoadFromText("trading:\n  journal: data/journal/orders.jsonl\n", NoEnv);

        var error = Assert.Single(result.Errors);
        Assert.Equal("trading.journal", error.Path);
        Assert.Contains("trading.store", error.ToString());
    }
}
