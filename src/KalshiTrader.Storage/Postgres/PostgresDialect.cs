using System.Data.Common;
using KalshiTrader.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace KalshiTrader.Storage.Postgres;

/// <summary>PostgreSQL storage rules: timestamptz (µs), exact NUMERIC, BOOLEAN, JSON kept verbatim.</summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static PostgresDialect Instance { get; } = new();

    public override object ToDb(object? value, ColumnKind kind) => value switch
    {
        null => DBNull.Value,
        // Truncate like SQLite does, so both engines read back the same instant.
        DateTimeOffset t => DbTime.Truncate(t).UtcDateTime,
        int i => (long)i,
        _ => value,
    };

    public static NpgsqlDbType TypeOf(ColumnKind kind) => kind switch
    {
        ColumnKind.Int => NpgsqlDbType.Bigint,
        ColumnKind.Text => NpgsqlDbType.Text,
        ColumnKind.Bool => NpgsqlDbType.Boolean,
        ColumnKind.Time => NpgsqlDbType.TimestampTz,
        ColumnKind.Decimal => NpgsqlDbType.Numeric,
        ColumnKind.Json => NpgsqlDbType.Json,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public override void AddParameter(DbCommand command, string name, object? value, ColumnKind kind) =>
        ((NpgsqlCommand)command).Parameters.Add(new NpgsqlParameter(name, TypeOf(kind)) { Value = ToDb(value, kind) });

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) =>
        new(DateTime.SpecifyKind(reader.GetFieldValue<DateTime>(ordinal), DateTimeKind.Utc), TimeSpan.Zero);

    public override decimal ReadDecimal(DbDataReader reader, int ordinal) => reader.GetDecimal(ordinal);

    public override bool ReadBool(DbDataReader reader, int ordinal) => reader.GetBoolean(ordinal);

    public override object? ReadPlain(DbDataReader reader, int ordinal)
    {
        var value = reader.GetValue(ordinal);
        return value is DateTime dt ? new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc), TimeSpan.Zero) : value;
    }

    public override string Expand(string template) => template
        .Replace("{TIME}", "TIMESTAMPTZ", StringComparison.Ordinal)
        .Replace("{BOOL}", "BOOLEAN", StringComparison.Ordinal)
        .Replace("{DEC}", "NUMERIC", StringComparison.Ordinal)
        .Replace("{JSON}", "JSON", StringComparison.Ordinal)
        .Replace("{ID}", "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", StringComparison.Ordinal)
        .Replace("{NOW}", "now()", StringComparison.Ordinal)
        .Replace("{NOROWID}", "", StringComparison.Ordinal);
}
