using KalshiTrader.Storage.Records;
using KalshiTrader.Storage.Sql;
using KalshiTrader.Storage.Sqlite;
using KalshiTrader.Testing;
using Microsoft.Data.Sqlite;
using static KalshiTrader.Storage.Tests.Support.Samples;

namespace KalshiTrader.Storage.Tests.Sqlite;

public sealed class SqliteDeltaMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A database as version 2 left it: the composite-key orderbook_deltas, filled through plain SQL.</summary>
    private static void CreateVersion2Database(string path, IEnumerable<OrderBookDeltaRecord> deltas)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        void Exec(string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.ExecuteNonQuery();
        }

        Exec(Migrations.VersionTable);
        foreach (var m in Migrations.For(SqliteDialect.Instance).Where(m => m.Version <= 2))
        {
            Exec(m.Sql);
            Exec($"INSERT INTO schema_version VALUES ({m.Version}, '{m.Name}', '2026-01-01T00:00:00Z')");
        }

        foreach (var d in deltas)
        {
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO orderbook_deltas VALUES (@session, @sid, @seq, @ticker, @side, @price, @delta, @exchange, @received, @client)";
            insert.Parameters.AddWithValue("@session", d.Session);
            insert.Parameters.AddWithValue("@sid", d.Sid);
            insert.Parameters.AddWithValue("@seq", d.Seq);
            insert.Parameters.AddWithValue("@ticker", d.Ticker.Value);
            insert.Parameters.AddWithValue("@side", StoreText.Of(d.Side));
            insert.Parameters.AddWithValue("@price", (long)d.Price.Ticks);
            insert.Parameters.AddWithValue("@delta", d.Delta.Hundredths);
            insert.Parameters.AddWithValue("@exchange", d.ExchangeTime is { } e ? DbTime.ToMicros(e) : DBNull.Value);
            insert.Parameters.AddWithValue("@received", DbTime.ToMicros(d.ReceivedTime));
            insert.Parameters.AddWithValue("@client", (object?)d.ClientOrderId?.Value ?? DBNull.Value);
            insert.ExecuteNonQuery();
        }
    }

    [Fact]
    public async Task DeltasStoredUnderTheOldKeyAreKeptExactlyAndStillRejectARepeat()
    {
        var folder = RepoFolder.NewTempFolder("kt-store-v2");
        var path = Path.Combine(folder, "v2.db");
        var old = Enumerable.Range(1, 50).Select(i => Delta(i))
            .Concat([Delta(1, "KXOTHER-26MAR-T1", session: 2), Delta((1L << 32) + 4)]).ToList();
        CreateVersion2Database(path, old);

        await using (var store = await StoreFactory.OpenAsync("sqlite:" + path, Ct))
        {
            Assert.Equal(Migrations.Latest(SqliteDialect.Instance), await store.GetSchemaVersionAsync(Ct));
            await store.InsertOrderBookDeltasAsync(old, Ct); // all already there
            await store.InsertOrderBookDeltasAsync([Delta(51)], Ct);

            var back = await store.GetOrderBookDeltasAsync("KXTEST-26MAR-T3.1", null, null, Ct);
            var expected = old.Where(d => d.Ticker.Value == "KXTEST-26MAR-T3.1").Append(Delta(51))
                .Select(d => d with { ReceivedTime = DbTime.Truncate(d.ReceivedTime), ExchangeTime = d.ExchangeTime is { } e ? DbTime.Truncate(e) : null })
                .OrderBy(d => d.Seq).ToList();
            Assert.Equal(expected, back);
            Assert.Single(await store.GetOrderBookDeltasAsync("KXOTHER-26MAR-T1", null, null, Ct));
            Assert.Equal(53, (await store.GetTableStatsAsync(Ct)).Single(s => s.Table == "orderbook_deltas").Rows);
        }

        Directory.Delete(folder, recursive: true);
    }
}
