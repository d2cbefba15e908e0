using KalshiTrader.Storage;
using KalshiTrader.Storage.Tests.Support;
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

        var baseCs = await PostgresServer.RequireAsync(ct);
        var schema = "j_" + Guid.NewGuid().ToString("N")[..16];
        await PostgresServer.ExecuteAsync(baseCs, $"CREATE SCHEMA {schema}", ct);
        var scoped = new NpgsqlConnectionStringBuilder(baseCs) { SearchPath = schema }.ConnectionString;
        return new TestStores(await StoreFactory.OpenAsync(scoped, ct), scoped, () => PostgresServer.ExecuteAsync(baseCs, $"DROP SCHEMA {schema} CASCADE", CancellationToken.None));
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
}
