using KalshiTrader.Testing;
using Npgsql;

namespace KalshiTrader.Storage.Tests.Support;

/// <summary>
/// A fresh, empty store of either engine: a new SQLite file in a temp folder, or a new schema in the
/// PostgreSQL database named by KALSHI_TEST_POSTGRES (skipped when unset or unreachable, failed under CI=true).
/// </summary>
public sealed class TestStore : IAsyncDisposable
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    private readonly Func<Task> _cleanup;

    private TestStore(IKalshiStore store, string connectionString, Func<Task> cleanup)
    {
        Store = store;
        ConnectionString = connectionString;
        _cleanup = cleanup;
    }

    public IKalshiStore Store { get; private set; }

    /// <summary>Opens the same database again (through <see cref="StoreFactory"/>).</summary>
    public string ConnectionString { get; }

    public static TheoryData<string> Engines => new(Sqlite, Postgres);

    public static async Task<TestStore> OpenAsync(string engine)
    {
        var ct = TestContext.Current.CancellationToken;
        if (engine == Sqlite)
        {
            var folder = RepoFolder.NewTempFolder("kt-store");
            var cs = "sqlite:" + Path.Combine(folder, "test.db");
            var store = await StoreFactory.OpenAsync(cs, ct);
            return new TestStore(store, cs, () =>
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // a file still open elsewhere; the temp folder is cleaned by the OS later
                }

                return Task.CompletedTask;
            });
        }

        var baseCs = await PostgresServer.RequireAsync(ct);
        var schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        await PostgresServer.ExecuteAsync(baseCs, $"CREATE SCHEMA {schema}", ct);
        var builder = new NpgsqlConnectionStringBuilder(baseCs) { SearchPath = schema };
        var pgStore = await StoreFactory.OpenAsync(builder.ConnectionString, ct);
        return new TestStore(pgStore, builder.ConnectionString, () => PostgresServer.ExecuteAsync(baseCs, $"DROP SCHEMA {schema} CASCADE", CancellationToken.None));
    }

    /// <summary>Closes and reopens the store, as a restarted process would.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = await StoreFactory.OpenAsync(ConnectionString, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        await _cleanup();
    }
}
