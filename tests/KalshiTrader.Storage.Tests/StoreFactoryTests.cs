namespace KalshiTrader.Storage.Tests;

public sealed class StoreFactoryTests
{
    [Theory]
    [InlineData("sqlite:data/kalshi.db", StoreEngine.Sqlite, "data/kalshi.db")]
    [InlineData("sqlite:/tmp/x.db", StoreEngine.Sqlite, "/tmp/x.db")]
    [InlineData("sqlite:///tmp/x.db", StoreEngine.Sqlite, "/tmp/x.db")]
    [InlineData("kalshi.db", StoreEngine.Sqlite, "kalshi.db")]
    public void SqliteConnectionStringsNameAFile(string text, StoreEngine engine, string target)
    {
        var (e, t) = StoreFactory.Parse(text);
        Assert.Equal(engine, e);
        Assert.Equal(target, t);
    }

    [Fact]
    public void APostgresUrlBecomesAnNpgsqlConnectionString()
    {
        var (engine, target) = StoreFactory.Parse("postgresql://u%40x:p%3Ass@db.local:6543/kalshi?sslmode=disable");
        Assert.Equal(StoreEngine.Postgres, engine);
        var b = new Npgsql.NpgsqlConnectionStringBuilder(target);
        Assert.Equal("db.local", b.Host);
        Assert.Equal(6543, b.Port);
        Assert.Equal("kalshi", b.Database);
        Assert.Equal("u@x", b.Username);
        Assert.Equal("p:ss", b.Password);
        Assert.Equal(Npgsql.SslMode.Disable, b.SslMode);
    }

    [Fact]
    public void AKeyValueStringIsPostgres() =>
        Assert.Equal(StoreEngine.Postgres, StoreFactory.Parse("Host=127.0.0.1;Database=k;Username=u").Engine);

    [Fact]
    public void AnUnrecognisedStringIsRefusedWithoutEchoingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => StoreFactory.Parse("mysql://root:secret@h/db"));
        Assert.DoesNotContain("secret", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, 1L)] // NORMAL
    [InlineData(true, 2L)] // FULL
    public async Task ADurableSqliteStoreCommitsWithSynchronousFull(bool durable, long expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = KalshiTrader.Testing.RepoFolder.NewTempFolder("kt-store-durable");
        try
        {
            await using var store = await StoreFactory.OpenAsync("sqlite:" + Path.Combine(folder, "trading.db"), new StoreOpenOptions { Durable = durable }, ct);

            var result = await store.QueryAsync("SELECT synchronous FROM pragma_synchronous", ct);

            Assert.Equal(expected, Convert.ToInt64(result.Rows.Single()[0], System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
