using KalshiTrader.Storage;
using KalshiTrader.Testing;
using Npgsql;

namespace KalshiTrader.Storage.Tests.Support;

// Also compiled into KalshiTrader.Trading.Tests and Recorder.Tests (linked in their csproj): one place that finds the test server.
/// <summary>Finds the test PostgreSQL server, or skips (fails under CI=true) saying why.</summary>
public static class PostgresServer
{
    public static async Task<string> RequireAsync(CancellationToken cancellationToken)
    {
        var cs = Environment.GetEnvironmentVariable("KALSHI_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(cs))
        {
            Unavailable("KALSHI_TEST_POSTGRES is not set (run scripts/test-setup/postgres.sh, or ./test.sh)");
        }

        try
        {
            var (_, target) = StoreFactory.Parse(cs!);
            await using var connection = new NpgsqlConnection(target);
            await connection.OpenAsync(cancellationToken);
            return target;
        }
        catch (Exception ex) when (ex is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or ArgumentException)
        {
            Unavailable($"PostgreSQL at KALSHI_TEST_POSTGRES is unreachable: {ex.Message}");
            throw;
        }
    }

    public static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void Unavailable(string why)
    {
        if (SharedFolder.IsCi) Assert.Fail(why + " (required under CI=true)");
        Assert.Skip(why + "; skipping the PostgreSQL test");
    }
}
