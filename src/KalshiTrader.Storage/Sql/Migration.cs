namespace KalshiTrader.Storage.Sql;

/// <summary>One ordered schema step. Applied once, in version order, inside a transaction, and recorded in schema_version.</summary>
internal sealed record Migration(int Version, string Name, string Sql);

internal static class Migrations
{
    /// <summary>The migrations of one engine, in order. Add new steps at the end; never edit an applied one.</summary>
    public static IReadOnlyList<Migration> For(SqlDialect dialect) =>
    [
        new(1, "initial schema", dialect.Expand(SchemaV1.Template)),
        new(2, "client orders", dialect.Expand(SchemaClientOrders.Template)),
    ];

    public const string VersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_time TEXT NOT NULL)";
}
