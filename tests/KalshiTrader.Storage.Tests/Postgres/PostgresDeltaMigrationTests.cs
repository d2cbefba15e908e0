using KalshiTrader.Storage.Postgres;
using KalshiTrader.Storage.Sql;
using KalshiTrader.Storage.Tests.Support;
using Npgsql;
using static KalshiTrader.Storage.Tests.Support.Samples;

namespace KalshiTrader.Storage.Tests.Postgres;

public sealed class PostgresDeltaMigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeltasStoredUnderTheOldKeyAreKeptExactlyAndStillRejectARepeat()
    {
        var baseCs = await PostgresServer.RequireAsync(Ct);
        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        await PostgresServer.ExecuteAsync(baseCs, $"CREATE SCHEMA {schema}", Ct);
        var cs = new NpgsqlConnectionStringBuilder(baseCs) { SearchPath = schema }.ConnectionString;
        try
        {
            var old = Enumerable.Range(1, 50).Select(i => Delta(i)).Append(Delta(1, "KXOTHER-26MAR-T1", session: 2)).ToList();
            await using (var connection = new NpgsqlConnection(cs))
            {
                await connection.OpenAsync(Ct);
                await using (var create = new NpgsqlCommand(Migrations.VersionTable, connection)) await create.ExecuteNonQueryAsync(Ct);
                foreach (var m in Migrations.For(PostgresDialect.Instance).Where(m => m.Version <= 2))
                {
                    await using var apply = new NpgsqlCommand(m.Sql, connection);
                    await apply.ExecuteNonQueryAsync(Ct);
                    await using var record = new NpgsqlCommand($"INSERT INTO schema_version VALUES ({m.Version}, '{m.Name}', '2026-01-01T00:00:00Z')", connection);
                    await record.ExecuteNonQueryAsync(Ct);
                }

                foreach (var d in old)
                {
                    await using var insert = new NpgsqlCommand(
                        "INSERT INTO orderbook_deltas VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", connection);
                    object[] values =
                    [
                        d.Session, d.Sid, d.Seq, d.Ticker.Value, StoreText.Of(d.Side), (long)d.Price.Ticks, d.Delta.Hundredths,
                        d.ExchangeTime is { } e ? DbTime.Truncate(e).UtcDateTime : DBNull.Value, DbTime.Truncate(d.ReceivedTime).UtcDateTime,
                        (object?)d.ClientOrderId?.Value ?? DBNull.Value,
                    ];
                    foreach (var v in values) insert.Parameters.Add(new NpgsqlParameter { Value = v });
                    await insert.ExecuteNonQueryAsync(Ct);
                }
            }

            await using var store = await StoreFactory.OpenAsync(cs, Ct);
            Assert.Equal(Migrations.Latest(PostgresDialect.Instance), await store.GetSchemaVersionAsync(Ct));
            await store.InsertOrderBookDeltasAsync(old, Ct); // all already there
            await store.InsertOrderBookDeltasAsync([Delta(51)], Ct);

            var expected = old.Where(d => d.Ticker.Value == "KXTEST-26MAR-T3.1").Append(Delta(51))
                .Select(d => d with { ReceivedTime = DbTime.Truncate(d.ReceivedTime), ExchangeTime = d.ExchangeTime is { } e ? DbTime.Truncate(e) : null })
                .ToList();
            Assert.Equal(expected, await store.GetOrderBookDeltasAsync("KXTEST-26MAR-T3.1", null, null, Ct));
            Assert.Single(await store.GetOrderBookDeltasAsync("KXOTHER-26MAR-T1", null, null, Ct));
            Assert.Equal(52, (await store.GetTableStatsAsync(Ct)).Single(s => s.Table == "orderbook_deltas").Rows);
        }
        finally
        {
            await PostgresServer.ExecuteAsync(baseCs, $"DROP SCHEMA {schema} CASCADE", CancellationToken.None);
        }
    }
}
