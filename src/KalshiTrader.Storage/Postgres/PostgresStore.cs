using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace KalshiTrader.Storage.Postgres;

/// <summary>
/// The PostgreSQL store: pooled connections from one data source; small batches as one pipelined NpgsqlBatch,
/// large ones through binary COPY into a temporary staging table followed by one INSERT ... ON CONFLICT, so bulk
/// loads keep COPY's speed and stay idempotent. Order-book deltas COPY straight into their table through
/// <see cref="PostgresDeltaWriter"/>, which keeps them idempotent without a per-row unique index.
/// </summary>
internal sealed class PostgresStore : SqlStore
{
    private const int CopyThreshold = 32;

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresDeltaWriter _deltas = new();

    private PostgresStore(NpgsqlDataSource dataSource)
        : base(PostgresDialect.Instance) => _dataSource = dataSource;

    public override StoreEngine Engine => StoreEngine.Postgres;

    public static async Task<PostgresStore> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            var store = new PostgresStore(dataSource);
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // One migrator at a time per database (tests and several processes may open a new database together).
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7461032)", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var create = new NpgsqlCommand(Migrations.VersionTable, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        long current;
        await using (var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection, transaction))
        {
            current = Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var migration in Migrations.For(Dialect).Where(m => m.Version > current))
        {
            await using (var apply = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await apply.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using var record = new NpgsqlCommand(
                "INSERT INTO schema_version (version, name, applied_time) VALUES ($1, $2, $3)", connection, transaction);
            record.Parameters.Add(new NpgsqlParameter { Value = (long)migration.Version });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Name });
            record.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.UtcNow.ToString("O") });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask<ConnectionLease> LeaseAsync(CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return new ConnectionLease(connection, connection.DisposeAsync);
    }

    protected override async Task WriteAsync<T>(TableSpec<T> spec, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count < CopyThreshold)
        {
            await WriteBatchAsync(connection, spec, rows, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await CopyThroughStagingAsync(connection, spec, rows, cancellationToken).ConfigureAwait(false);
        }
    }

    public override async Task InsertOrderBookDeltasAsync(IReadOnlyList<OrderBookDeltaRecord> deltas, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0) return;
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await _deltas.WriteAsync(connection, deltas, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// One market's deltas, read from orderbook_delta_rows by its market id and narrowed to the subscriptions that
    /// carried it (orderbook_delta_markets; the BRIN index skips other sessions' pages). With no per-market index on
    /// the write path, a read scans its subscriptions' rows. Columns as the orderbook_deltas view names them.
    /// </summary>
    public override async Task<IReadOnlyList<OrderBookDeltaRecord>> GetOrderBookDeltasAsync(
        MarketTicker ticker, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var (range, args) = Range("d.received_time", from, to);
        return await QueryListAsync(
            "SELECT d.session, d.sid, d.seq, i.ticker, CASE WHEN d.yes THEN 'yes' ELSE 'no' END AS side, d.price_ticks::bigint AS price_ticks, " +
            "d.delta_hundredths, d.exchange_time, d.received_time, d.client_order_id " +
            "FROM orderbook_delta_market_ids i JOIN orderbook_delta_markets m ON m.market_id = i.market_id " +
            "JOIN orderbook_delta_rows d ON d.session = m.session AND d.sid = m.sid AND d.market_id = i.market_id " +
            $"WHERE i.ticker = @ticker{range} ORDER BY d.session, d.sid, d.seq",
            Readers.OrderBookDelta, cancellationToken, [A("ticker", ticker.Value), .. args]).ConfigureAwait(false);
    }

    private static async Task WriteBatchAsync<T>(NpgsqlConnection connection, TableSpec<T> spec, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        var sql = spec.InsertSql(1, k => "$" + (k + 1));
        await using var batch = new NpgsqlBatch(connection);
        foreach (var row in rows)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var column in spec.Columns)
            {
                command.Parameters.Add(new NpgsqlParameter
                {
                    NpgsqlDbType = PostgresDialect.TypeOf(column.Kind),
                    Value = PostgresDialect.Instance.ToDb(column.Get(row), column.Kind),
                });
            }

            batch.BatchCommands.Add(command);
        }

        // A batch without an explicit transaction runs in one implicit transaction: all rows or none.
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyThroughStagingAsync<T>(
        NpgsqlConnection connection, TableSpec<T> spec, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        var stage = "stage_" + spec.Name;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var create = new NpgsqlCommand(
            $"CREATE TEMP TABLE {stage} ON COMMIT DROP AS SELECT {spec.ColumnList} FROM {spec.Name} WITH NO DATA", connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await CopyAsync(connection, spec, stage, rows, cancellationToken).ConfigureAwait(false);

        // ON CONFLICT DO UPDATE may not touch one row twice in a statement: keep one row per key from the batch.
        var select = spec.UpdateOnConflict
            ? $"SELECT DISTINCT ON ({string.Join(", ", spec.Key)}) {spec.ColumnList} FROM {stage}"
            : $"SELECT {spec.ColumnList} FROM {stage}";
        await using (var merge = new NpgsqlCommand(
            $"INSERT INTO {spec.Name} ({spec.ColumnList}) {select} {spec.ConflictClause}", connection, transaction))
        {
            await merge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task CopyAsync<T>(
        NpgsqlConnection connection, TableSpec<T> spec, string target, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY {target} ({spec.ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        // The synchronous writes only fill Npgsql's buffer (it flushes when full); awaiting every value would cost
        // more than the value itself on this bulk path.
        var columns = spec.Columns;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            writer.StartRow();
            foreach (var column in columns)
            {
                var value = column.Get(row);
                if (value is null)
                {
                    writer.WriteNull();
                    continue;
                }

                switch (column.Kind)
                {
                    case ColumnKind.Int:
                        writer.Write(value is long l ? l : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture), NpgsqlDbType.Bigint);
                        break;
                    case ColumnKind.Bool:
                        writer.Write((bool)value, NpgsqlDbType.Boolean);
                        break;
                    case ColumnKind.Time:
                        writer.Write(DbTime.Truncate((DateTimeOffset)value).UtcDateTime, NpgsqlDbType.TimestampTz);
                        break;
                    case ColumnKind.Decimal:
                        writer.Write((decimal)value, NpgsqlDbType.Numeric);
                        break;
                    case ColumnKind.Json:
                        writer.Write((string)value, NpgsqlDbType.Json);
                        break;
                    default:
                        writer.Write((string)value, NpgsqlDbType.Text);
                        break;
                }
            }
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task<QueryResult> RunQueryAsync(string sql, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var readOnly = new NpgsqlCommand("SET TRANSACTION READ ONLY", connection, transaction))
        {
            await readOnly.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var command = new NpgsqlCommand(sql, connection, transaction);
        var result = await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
        return result;
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
