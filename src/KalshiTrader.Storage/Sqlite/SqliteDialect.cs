using System.Data.Common;
using System.Globalization;
using KalshiTrader.Storage.Sql;
using Microsoft.Data.Sqlite;

namespace KalshiTrader.Storage.Sqlite;

/// <summary>
/// SQLite storage rules: times as integer microseconds since the epoch, decimals as exact text (never
/// NUMERIC affinity, which would turn "1.50" into a double), booleans as 0/1.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static SqliteDialect Instance { get; } = new();

    public override object ToDb(object? value, ColumnKind kind) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset t => DbTime.ToMicros(t),
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        bool b => b ? 1L : 0L,
        int i => (long)i,
        _ => value,
    };

    public override void AddParameter(DbCommand command, string name, object? value, ColumnKind kind) =>
        ((SqliteCommand)command).Parameters.AddWithValue("@" + name, ToDb(value, kind));

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => DbTime.FromMicros(reader.GetInt64(ordinal));

    public override decimal ReadDecimal(DbDataReader reader, int ordinal)
    {
        var text = reader.GetString(ordinal);
        return decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
    }

    public override bool ReadBool(DbDataReader reader, int ordinal) => reader.GetInt64(ordinal) != 0;

    public override object? ReadPlain(DbDataReader reader, int ordinal) => reader.GetValue(ordinal);

    public override string Expand(string template) => template
        .Replace("{TIME}", "INTEGER", StringComparison.Ordinal)
        .Replace("{BOOL}", "INTEGER", StringComparison.Ordinal)
        .Replace("{DEC}", "TEXT", StringComparison.Ordinal)
        .Replace("{JSON}", "TEXT", StringComparison.Ordinal)
        .Replace("{ID}", "INTEGER PRIMARY KEY", StringComparison.Ordinal)
        .Replace("{NOW}", "(CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER))", StringComparison.Ordinal)
        .Replace("{NOROWID}", " WITHOUT ROWID", StringComparison.Ordinal);
}
