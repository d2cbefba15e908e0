using System.Data.Common;
using KalshiTrader.Storage.Records;
using KalshiTrader.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace KalshiTrader.Storage.Sqlite;

/// <summary>
/// The SQLite store: one file in WAL mode with synchronous=NORMAL, one connection guarded by a gate (SQLite has
/// one writer anyway), prepared multi-row INSERT statements reused across batches, one transaction per batch.
/// A crash loses at most the batch in flight; WAL keeps the file readable.
/// </summary>
internal sealed class SqliteStore : SqlStore
{
    private const int MaxRowsPerStatement = 64;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(string Table, int Rows), SqliteCommand> _prepared = [];
    private bool _disposed;

    private SqliteStore(SqliteConnection connection)
        : base(SqliteDialect.Instance) => _connection = connection;

    public override StoreEngine Engine => StoreEngine.Sqlite;

    public string DataSource => _connection.DataSource;

    public static async Task<SqliteStore> OpenAsync(string path, CancellationToken cancellationToken)
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
            await ExecAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; " +
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
                multi.Transaction = transaction;
                for (; i + perStatement <= rows.Count; i += perStatement)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Bind(spec, multi, rows, i, perStatement);
                    multi.ExecuteNonQuery();
                }
            }

            if (i < rows.Count)
            {
                var single = Prepared(spec, 1);
                single.Transaction = transaction;
                for (; i < rows.Count; i++)
                {
                    Bind(spec, single, rows, i, 1);
                    single.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }
        finally
        {
            _gate.Release();
        }
    }

    private SqliteCommand Prepared<T>(TableSpec<T> spec, int rows)
    {
        if (_prepared.TryGetValue((spec.Name, rows), out var command)) return command;
        command = _connection.CreateCommand();
        command.CommandText = spec.InsertSql(rows, k => "@p" + k);
        for (var k = 0; k < rows * spec.Columns.Length; k++)
        {
            command.Parameters.Add(new SqliteParameter("@p" + k, DBNull.Value));
        }

        _prepared[(spec.Name, rows)] = command;
        return command;
    }

    private static void Bind<T>(TableSpec<T> spec, SqliteCommand command, IReadOnlyList<T> rows, int start, int count)
    {
        var columns = spec.Columns;
        var parameters = command.Parameters;
        var p = 0;
        for (var r = start; r < start + count; r++)
        {
            var row = rows[r];
            for (var c = 0; c < columns.Length; c++)
            {
                parameters[p++].Value = SqliteDialect.Instance.ToDb(columns[c].Get(row), columns[c].Kind);
            }
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
            foreach (var command in _prepared.Values) await command.DisposeAsync().ConfigureAwait(false);
            _prepared.Clear();
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
