using KalshiTrader.Storage.Tests.Support;

namespace KalshiTrader.Storage.Tests;

public sealed class AdminStoreTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task StatsCountRowsAndGiveTheTimeRange(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        await t.Store.InsertOrderBookDeltasAsync([Samples.Delta(1), Samples.Delta(2), Samples.Delta(3)], Ct);
        var stats = (await t.Store.GetTableStatsAsync(Ct)).Single(s => s.Table == "orderbook_deltas");
        Assert.Equal(3, stats.Rows);
        Assert.Equal(Samples.Delta(1).ReceivedTime.AddTicks(-(Samples.Delta(1).ReceivedTime.UtcTicks % 10)), stats.From);
        Assert.True(stats.To > stats.From);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task StatsListEveryTableTheDatabaseHolds(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var sql = engine == TestStore.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type IN ('BASE TABLE', 'VIEW')";
        var inDatabase = (await t.Store.QueryAsync(sql, Ct)).Rows.Select(r => (string)r[0]!).Where(n => n != "schema_version").Order().ToList();

        var listed = (await t.Store.GetTableStatsAsync(Ct)).Select(s => s.Table).ToList();

        Assert.Equal(inDatabase, listed.Order().ToList());
        Assert.Equal(listed, t.Store.TableNames);
        Assert.Contains("client_orders", listed);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task AdHocQueriesReadButNeverWrite(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        await t.Store.InsertOrderBookDeltasAsync([Samples.Delta(1), Samples.Delta(2)], Ct);
        var result = await t.Store.QueryAsync("SELECT seq, price_ticks FROM orderbook_deltas ORDER BY seq", Ct);
        Assert.Equal(["seq", "price_ticks"], result.Columns);
        Assert.Equal(2, result.Rows.Count);

        await Assert.ThrowsAsync<ArgumentException>(() => t.Store.QueryAsync("DELETE FROM orderbook_deltas", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => t.Store.QueryAsync("SELECT 1; DELETE FROM orderbook_deltas", Ct));
        // A data-modifying CTE passes the text check; the read-only guard must still stop it.
        await Assert.ThrowsAnyAsync<Exception>(() => t.Store.QueryAsync(
            "WITH d AS (DELETE FROM orderbook_deltas RETURNING seq) SELECT * FROM d", Ct));
        Assert.Equal(2, (await t.Store.QueryAsync("SELECT * FROM orderbook_deltas", Ct)).Rows.Count);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task ReadingATableByNameRefusesUnknownNames(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        await t.Store.InsertOrderBookDeltasAsync([Samples.Delta(1)], Ct);
        Assert.Single((await t.Store.ReadTableAsync("orderbook_deltas", 10, Ct)).Rows);
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => t.Store.ReadTableAsync("orderbook_deltas; DROP TABLE runs", null, Ct));
        Assert.Contains("not one of", ex.Message, StringComparison.Ordinal);
    }
}
