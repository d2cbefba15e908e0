using KalshiTrader.Storage;
using KalshiTrader.Testing;
using Npgsql;

namespace KalshiTrader.Trading.Tests.Support;

/// <summary>
/// A fresh store of either engine for journal tests: a new SQLite file, or a new schema in the PostgreSQL database
/// named by KALSHI_TEST_POSTGRES (skipped when unset or unreachable, failed under CI=true). Reopen = a restarted process.
/// </summary>
internal sealed class TestStores : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly Func<Task> _cleanup;

    private TestStores(IKalshiStore store, string connectionString, Func<Task> cleanup)
    {
        Store = store;
        ConnectionString = connectionString;
        _cleanup = cleanup;
    }

    public static TheoryData<string> Engines => new(Sqlite, Postgres);

    public IKalshiStore Store { get; private set; }

    public string ConnectionString { get; }

    public static async Task<TestStores> OpenAsync(string engine)
    {
        var ct = TestContext.Current.CancellationToken;
        if (engine == Sqlite)
        {
            var folder = RepoFolder.NewTempFolder("kt-journal");
            var cs = "sqlite:" + Path.Combine(folder, "journal.db");
            return new TestStores(await StoreFactory.OpenAsync(cs, ct), cs, () => Task.CompletedTask);
        }

        var baseCs = await RequirePostgresAsync(ct);
        var schema = "j_" + Guid.NewGuid().ToString("N")[..16];
        await ExecuteAsync(baseCs, $"CREATE SCHEMA {schema}", ct);
        var scoped = new NpgsqlConnectionStringBuilder(baseCs) { SearchPath = schema }.ConnectionString;
        return new TestStores(await StoreFactory.OpenAsync(scoped, ct), scoped, () => ExecuteAsync(baseCs, $"DROP SCHEMA {schema} CASCADE", CancellationToken.None));
    }

    /// <summary>Closes and opens the store again, as a restarted process would.</summary>
    public async Task<IKalshiStore> ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await StoreFactory.OpenAsync(ConnectionString, TestContext.Current.CancellationToken);
        return Store;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await _cleanup();
    }

    private static async Task<string> RequirePostgresAsync(CancellationToken ct)
    {
        var cs = Environment.GetEnvironmentVariable("KALSHI_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(cs)) Unavailable("KALSHI_TEST_POSTGRES is not set (run scripts/test-setup/postgres.sh, or ./test.sh)");
        try
        {
            var (_, target) = StoreFactory.Parse(cs!);
            await using var connection = new NpgsqlConnection(target);
            await connection.OpenAsync(ct);
            return target;
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or ArgumentException)
        {
            Unavailable($"PostgreSQL at KALSHI_TEST_POSTGRES is unreachable: {ex.Message}");
            throw;
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static void Unavailable(string why)
    {
        if (SharedFolder.IsCi) Assert.Fail(why + " (required under CI=true)");
        Assert.Skip(why + "; skipping the PostgreSQL case");
    }
}
