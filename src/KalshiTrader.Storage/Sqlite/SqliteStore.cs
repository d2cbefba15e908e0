using System.Data.Common;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Storage.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KalshiTrader.Storage.Sqlite;

/// <summary>
/// The SQLite store: one file in WAL mode with synchronous=NORMAL (FULL when opened durable), one connection guarded by a gate (SQLite has
/// one writer anyway), prepared multi-row INSERT statements reused across batches, one transaction per batch.
/// Order-book deltas, the bulk of a recording, have their own path (<see cref="SqliteDeltaWriter"/>).
/// A crash loses at most the batch in flight; WAL keeps the file readable.
/// </summary>
internal sealed class SqliteStore : SqlStore
{
    // Several rows per INSERT amortise the per-statement cost of SQLite's VM.
    internal static int MaxRowsPerStatement { get; set; } = 32;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(string Table, int Rows), sqlite3_stmt> _prepared = [];
    private readonly SqliteDeltaWriter _deltas;
    private bool _disposed;

    private SqliteStore(SqliteConnection connection)
        : base(SqliteDialect.Instance)
    {
        _connection = connection;
        _deltas = new SqliteDeltaWriter(connection);
    }

    public override StoreEngine Engine => StoreEngine.Sqlite;

    public string DataSource => _connection.DataSource;

    /// <param name="durable">synchronous=FULL instead of NORMAL: every commit is on disk when it returns (see <see cref="StoreOpenOptions.Durable"/>).</param>
    public static async Task<SqliteStore> OpenAsync(string path, bool durable, CancellationToken cancellationToken)
    {
        if (path != ":memory:")
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // busy_timeout lets a reader (db stats) and the recorder share the file without failing each other.
            // page_size only takes effect on a new file (before WAL is on): 16 KiB pages made bulk delta writes ~10%
            // cheaper and scattered ones (many markets per flush) more, through fewer page splits and WAL frames.
            var synchronous = durable ? "FULL" : "NORMAL";
            await ExecAsync(connection, $"PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous={synchronous}; PRAGMA foreign_keys=ON; " +
                "PRAGMA busy_timeout=30000; PRAGMA temp_store=MEMORY; PRAGMA cache_size=-65536;", cancellationToken).ConfigureAwait(false);
            var store = new SqliteStore(connection);
            await store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task ExecAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // BEGIN IMMEDIATE takes the write lock first, so two processes opening one new file migrate one after the other.
            await ExecAsync(_connection, "BEGIN IMMEDIATE", cancellationToken).ConfigureAwait(false);
            try
            {
                await ExecAsync(_connection, Migrations.VersionTable, cancellationToken).ConfigureAwait(false);
                long current;
                await using (var command = _connection.CreateCommand())
                {
                    command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
                    current = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                }

                foreach (var migration in Migrations.For(Dialect).Where(m => m.Version > current))
                {
                    await ExecAsync(_connection, migration.Sql, cancellationToken).ConfigureAwait(false);
                    await using var record = _connection.CreateCommand();
                    record.CommandText = "INSERT INTO schema_version (version, name, applied_time) VALUES (@v, @n, @t)";
                    record.Parameters.AddWithValue("@v", migration.Version);
                    record.Parameters.AddWithValue("@n", migration.Name);
                    record.Parameters.AddWithValue("@t", DateTimeOffset.UtcNow.ToString("O"));
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await ExecAsync(_connection, "COMMIT", cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await ExecAsync(_connection, "ROLLBACK", CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async ValueTask<ConnectionLease> LeaseAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return new ConnectionLease(_connection, () =>
        {
            _gate.Release();
            return ValueTask.CompletedTask;
        });
    }

    protected override async Task WriteAsync<T>(TableSpec<T> spec, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using var transaction = _connection.BeginTransaction();
            var perStatement = Math.Min(MaxRowsPerStatement, Math.Max(1, 30_000 / spec.Columns.Length));
            var i = 0;
            if (rows.Count >= perStatement)
            {
                var multi = Prepared(spec, perStatement);
                for (; i + perStatement <= rows.Count; i += perStatement)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Run(multi, spec, rows, i, perStatement);
                }
            }

            if (i < rows.Count)
            {
                var single = Prepared(spec, 1);
                for (; i < rows.Count; i++) Run(single, spec, rows, i, 1);
            }

            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async Task InsertOrderBookDeltasAsync(IReadOnlyList<OrderBookDeltaRecord> deltas, CancellationToken cancellationToken)
    {
        if (deltas.Count == 0) return;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _deltas.Write(deltas, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// One market's deltas: the subscriptions that carried it (orderbook_delta_markets), their streams, and each
    /// stream's delta_id range filtered by ticker. The scan covers every row of those subscriptions (the write path
    /// keeps no per-market index), so a read costs in proportion to its subscriptions' rows, not the market's.
    /// </summary>
    public override async Task<IReadOnlyList<OrderBookDeltaRecord>> GetOrderBookDeltasAsync(
        MarketTicker ticker, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var (range, args) = Range("d.received_time", from, to);
        return await QueryListAsync(
            "SELECT d.* FROM orderbook_delta_markets m " +
            "JOIN orderbook_delta_streams s ON s.session = m.session AND s.sid = m.sid " +
            "JOIN orderbook_deltas d ON d.delta_id BETWEEN (s.stream_id << 32) AND (s.stream_id << 32) + 4294967295 " +
            $"WHERE m.ticker = @ticker AND d.ticker = @ticker{range} ORDER BY d.session, d.sid, d.seq",
            Readers.OrderBookDelta, cancellationToken, [A("ticker", ticker.Value), .. args]).ConfigureAwait(false);
    }

    private sqlite3_stmt Prepared<T>(TableSpec<T> spec, int rows)
    {
        if (_prepared.TryGetValue((spec.Name, rows), out var statement)) return statement;
        var sql = spec.InsertSql(rows, k => "?" + (k + 1));
        var rc = raw.sqlite3_prepare_v2(_connection.Handle, sql, out statement);
        SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        _prepared[(spec.Name, rows)] = statement;
        return statement;
    }

    // Binds by position straight through SQLitePCL: Microsoft.Data.Sqlite looks every named parameter up by a
    // linear scan, which dominated the cost of bulk inserts.
    private void Run<T>(sqlite3_stmt statement, TableSpec<T> spec, IReadOnlyList<T> rows, int start, int count)
    {
        var columns = spec.Columns;
        var p = 1;
        try
        {
            for (var r = start; r < start + count; r++)
            {
                var row = rows[r];
                for (var c = 0; c < columns.Length; c++)
                {
                    var rc = SqliteDialect.Instance.ToDb(columns[c].Get(row), columns[c].Kind) switch
                    {
                        long l => raw.sqlite3_bind_int64(statement, p, l),
                        string text => raw.sqlite3_bind_text(statement, p, text),
                        DBNull => raw.sqlite3_bind_null(statement, p),
                        var other => throw new InvalidOperationException($"{spec.Name}.{columns[c].Name}: cannot bind a {other.GetType().Name}"),
                    };
                    SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
                    p++;
                }
            }

            var step = raw.sqlite3_step(statement);
            if (step != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(step, _connection.Handle);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    protected override async Task<QueryResult> RunQueryAsync(string sql, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecAsync(_connection, "PRAGMA query_only = ON", cancellationToken).ConfigureAwait(false);
            try
            {
                await using var command = _connection.CreateCommand();
                command.CommandText = sql;
                return await ReadAllAsync(command, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                await ExecAsync(_connection, "PRAGMA query_only = OFF", CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed) return;
            _disposed = true;
            foreach (var statement in _prepared.Values) raw.sqlite3_finalize(statement);
            _prepared.Clear();
            _deltas.Dispose();
            // A passive checkpoint folds the WAL back into the file so a copied .db is complete on its own.
            try
            {
                await ExecAsync(_connection, "PRAGMA wal_checkpoint(PASSIVE)", CancellationToken.None).ConfigureAwait(false);
            }
            catch (SqliteException)
            {
                // Another process holds the database; its own close will checkpoint.
            }

            await _connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }
}
