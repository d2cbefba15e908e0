using KalshiTrader.Storage.Postgres;
using KalshiTrader.Storage.Sql;
using KalshiTrader.Storage.Sqlite;
using KalshiTrader.Storage.Tests.Support;

namespace KalshiTrader.Storage.Tests;

public sealed class StoreMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static int LatestVersion(string engine) =>
        Migrations.Latest(engine == TestStore.Sqlite ? SqliteDialect.Instance : PostgresDialect.Instance);

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task ANewStoreHasEveryTableEmptyAndTheLatestSchemaVersion(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        Assert.Equal(LatestVersion(engine), await t.Store.GetSchemaVersionAsync(Ct));
        var stats = await t.Store.GetTableStatsAsync(Ct);
        string[] required =
        [
            "series", "events", "markets", "market_snapshots", "candlesticks", "orderbook_snapshots", "orderbook_deltas", "trades",
            "tickers", "lifecycle_events", "spot_ticks", "opportunities", "relationships", "orders", "order_events", "fills",
            "position_snapshots", "settlements", "features", "runs", "quarantine", "checkpoints",
        ];
        foreach (var table in required) Assert.Contains(stats, s => s.Table == table && s.Rows == 0);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task ReopeningAStoreKeepsItsDataAndAppliesNoMigrationTwice(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        await t.Store.UpsertSeriesAsync([Samples.Series()], Ct);
        await t.ReopenAsync();
        Assert.Equal(LatestVersion(engine), await t.Store.GetSchemaVersionAsync(Ct));
        var versions = await t.Store.QueryAsync("SELECT version FROM schema_version", Ct);
        Assert.Equal(LatestVersion(engine), versions.Rows.Count);
        Assert.NotNull(await t.Store.GetSeriesAsync("KXTEST", Ct));
    }

    [Fact]
    public async Task SqliteRunsInWalModeWithForeignKeysOn()
    {
        await using var t = await TestStore.OpenAsync(TestStore.Sqlite);
        var mode = await t.Store.QueryAsync("SELECT * FROM pragma_journal_mode", Ct);
        Assert.Equal("wal", mode.Rows[0][0]);
        var fk = await t.Store.QueryAsync("SELECT * FROM pragma_foreign_keys", Ct);
        Assert.Equal(1L, fk.Rows[0][0]);
    }

    [Fact]
    public async Task ANewSqliteFileUses16KiBPages()
    {
        await using var t = await TestStore.OpenAsync(TestStore.Sqlite);
        var size = await t.Store.QueryAsync("SELECT * FROM pragma_page_size", Ct);
        Assert.Equal(16384L, size.Rows[0][0]);
    }

    [Fact]
    public async Task NoColumnOfTheSqliteSchemaStoresFloatingPoint()
    {
        await using var t = await TestStore.OpenAsync(TestStore.Sqlite);
        var columns = await t.Store.QueryAsync(
            "SELECT m.name, p.name, p.type FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'", Ct);
        Assert.NotEmpty(columns.Rows);
        Assert.DoesNotContain(columns.Rows, r => ((string)r[2]!).Contains("REAL", StringComparison.OrdinalIgnoreCase)
            || ((string)r[2]!).Contains("FLOAT", StringComparison.OrdinalIgnoreCase)
            || ((string)r[2]!).Contains("DOUBLE", StringComparison.OrdinalIgnoreCase)
            || ((string)r[2]!).Contains("NUMERIC", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task NoColumnOfThePostgresSchemaStoresFloatingPoint()
    {
        await using var t = await TestStore.OpenAsync(TestStore.Postgres);
        var columns = await t.Store.QueryAsync(
            "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()", Ct);
        Assert.NotEmpty(columns.Rows);
        Assert.DoesNotContain(columns.Rows, r => (string)r[2]! is "real" or "double precision");
    }
}
