using KalshiTrader.Storage.Postgres;
using KalshiTrader.Storage.Sqlite;

namespace KalshiTrader.Storage;

/// <summary>
/// Opens a store from a connection string and applies any pending migrations:
/// <c>sqlite:PATH</c> (or a path ending in .db/.sqlite) for SQLite; <c>postgres://user:pass@host:port/db</c>,
/// <c>postgresql://...</c> or an Npgsql key=value string (<c>Host=...;Database=...</c>) for PostgreSQL.
/// </summary>
public static class StoreFactory
{
    /// <summary>Where the recorder and the CLI keep data unless told otherwise.</summary>
    public const string DefaultConnectionString = "sqlite:data/kalshi.db";

    public static Task<IKalshiStore> OpenAsync(string connectionString, CancellationToken cancellationToken = default) =>
        OpenAsync(connectionString, StoreOpenOptions.Default, cancellationToken);

    /// <summary>Opens a store with <paramref name="options"/> (e.g. <c>new StoreOpenOptions { Durable = true }</c> for the trading journal).</summary>
    public static async Task<IKalshiStore> OpenAsync(string connectionString, StoreOpenOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (engine, target) = Parse(connectionString);
        return engine switch
        {
            StoreEngine.Sqlite => await SqliteStore.OpenAsync(target, options.Durable, cancellationToken).ConfigureAwait(false),
            _ => await PostgresStore.OpenAsync(target, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Synchronous convenience for startup code.</summary>
    public static IKalshiStore Open(string connectionString) => OpenAsync(connectionString).GetAwaiter().GetResult();

    /// <summary>The engine and the driver-level target (a file path or an Npgsql connection string).</summary>
    public static (StoreEngine Engine, string Target) Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var text = connectionString.Trim();
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["sqlite:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal)) path = path[2..];
            if (path.Length == 0) throw new ArgumentException("connection string: 'sqlite:' needs a file path, e.g. sqlite:data/kalshi.db");
            return (StoreEngine.Sqlite, path);
        }

        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) ||
            text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return (StoreEngine.Postgres, PostgresUrl.ToConnectionString(text));
        }

        if (text.Contains("host=", StringComparison.OrdinalIgnoreCase) || text.Contains("server=", StringComparison.OrdinalIgnoreCase))
        {
            return (StoreEngine.Postgres, text);
        }

        if (text.EndsWith(".db", StringComparison.OrdinalIgnoreCase) || text.EndsWith(".sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return (StoreEngine.Sqlite, text);
        }

        throw new ArgumentException(
            "connection string: expected sqlite:PATH, postgres://user:pass@host:port/db or Host=...;Database=... " +
            $"(got something else of {text.Length} characters)");
    }
}
