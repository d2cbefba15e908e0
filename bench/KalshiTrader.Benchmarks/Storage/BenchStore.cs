using KalshiTrader.Storage;
using Npgsql;

namespace KalshiTrader.Benchmarks.Storage;

/// <summary>
/// A throw-away store for one storage benchmark: a new SQLite file in a temp folder, or a new schema in the
/// PostgreSQL database named by KALSHI_TEST_POSTGRES (start it with scripts/test-setup/postgres.sh). Dispose removes it.
/// </summary>
internal sealed class BenchStore : IDisposable
{
    private readonly string? _folder;
    private readonly string? _schema;
    private readonly string? _adminConnection;

    private BenchStore(IKalshiStore store, string? folder, string? schema, string? adminConnection)
    {
        Store = store;
        _folder = folder;
        _schema = schema;
        _adminConnection = adminConnection;
    }

    public IKalshiStore Store { get; }

    /// <summary><paramref name="engine"/> is "sqlite" or "postgres" (the benchmarks' Engine parameter).</summary>
    public static BenchStore Open(string engine)
    {
        if (engine == "sqlite")
        {
            var folder = Path.Combine(Path.GetTempPath(), "kt-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return new BenchStore(StoreFactory.Open("sqlite:" + Path.Combine(folder, "bench.db")), folder, null, null);
        }

        var cs = Environment.GetEnvironmentVariable("KALSHI_TEST_POSTGRES")
            ?? throw new InvalidOperationException("KALSHI_TEST_POSTGRES is not set: run scripts/test-setup/postgres.sh and source scripts/test-setup/.env-out");
        var admin = StoreFactory.Parse(cs).Target;
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
        Execute(admin, $"CREATE SCHEMA {schema}");
        var store = StoreFactory.Open(new NpgsqlConnectionStringBuilder(admin) { SearchPath = schema }.ConnectionString);
        return new BenchStore(store, null, schema, admin);
    }

    public void Dispose()
    {
        Store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_folder is not null) Directory.Delete(_folder, recursive: true);
        if (_schema is not null && _adminConnection is not null) Execute(_adminConnection, $"DROP SCHEMA {_schema} CASCADE");
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
