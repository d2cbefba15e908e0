namespace KalshiTrader.Storage.Sql;

/// <summary>One ordered schema step. Applied once, in version order, inside a transaction, and recorded in schema_version.</summary>
internal sealed record Migration(int Version, string Name, string Sql);

internal static class Migrations
{
    /// <summary>
    /// The migrations of one engine, in order. Add new steps at the end; never edit an applied one. A step may exist
    /// for one engine only (a layout that is fast on one engine need not be on the other).
    /// </summary>
    public static IReadOnlyList<Migration> For(SqlDialect dialect) =>
    [
        new(1, "initial schema", dialect.Expand(SchemaV1.Template)),
        new(2, "client orders", dialect.Expand(SchemaClientOrders.Template)),
        new(3, "order-book delta streams", dialect is Sqlite.SqliteDialect ? SchemaDeltaStreams.Sqlite : SchemaDeltaStreams.Postgres),
    ];

    /// <summary>The version a store of this engine is at once migrated.</summary>
    public static int Latest(SqlDialect dialect) => For(dialect)[^1].Version;

    public const string VersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_time TEXT NOT NULL)";
}
