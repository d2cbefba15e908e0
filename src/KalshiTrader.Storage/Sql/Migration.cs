namespace KalshiTrader.Storage.Sql;

/// <summary>
/// One ordered schema step. Applied once, in version order, inside a transaction, and recorded in schema_version.
/// <see cref="Tables"/> names every table the step creates and the column that dates its rows (null when none does):
/// <c>db stats</c> and table reads list the tables of all steps, so a new table is listed where it is created.
/// </summary>
internal sealed record Migration(int Version, string Name, string Sql, IReadOnlyList<(string Table, string? TimeColumn)> Tables);

internal static class Migrations
{
    /// <summary>
    /// The migrations of one engine, in order. Add new steps at the end; never edit an applied one. A step may exist
    /// for one engine only (a layout that is fast on one engine need not be on the other).
    /// </summary>
    public static IReadOnlyList<Migration> For(SqlDialect dialect) =>
    [
        new(1, "initial schema", dialect.Expand(SchemaV1.Template), SchemaV1.Tables),
        new(2, "client orders", dialect.Expand(SchemaClientOrders.Template), SchemaClientOrders.Tables),
        dialect is Sqlite.SqliteDialect
            ? new(3, "order-book delta streams", SchemaDeltaStreams.Sqlite, SchemaDeltaStreams.SqliteTables)
            : new(3, "order-book delta streams", SchemaDeltaStreams.Postgres, SchemaDeltaStreams.PostgresTables),
    ];

    /// <summary>The version a store of this engine is at once migrated.</summary>
    public static int Latest(SqlDialect dialect) => For(dialect)[^1].Version;

    /// <summary>Every table a migrated store of this engine has (schema_version aside), in creation order.</summary>
    public static IReadOnlyList<(string Table, string? TimeColumn)> Tables(SqlDialect dialect) =>
        For(dialect).SelectMany(m => m.Tables).ToArray();

    public const string VersionTable =
        "CREATE TABLE IF NOT EXISTS schema_version (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_time TEXT NOT NULL)";
}
