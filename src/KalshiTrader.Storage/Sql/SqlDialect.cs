using System.Data.Common;

namespace KalshiTrader.Storage.Sql;

/// <summary>The differences between engines in how values are stored and read back.</summary>
internal abstract class SqlDialect
{
    /// <summary>A logical value (long, int, string, bool, DateTimeOffset, decimal or null) as the driver wants it.</summary>
    public abstract object ToDb(object? value, ColumnKind kind);

    /// <summary>Adds a parameter for a logical value.</summary>
    public abstract void AddParameter(DbCommand command, string name, object? value, ColumnKind kind);

    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    public abstract decimal ReadDecimal(DbDataReader reader, int ordinal);

    public abstract bool ReadBool(DbDataReader reader, int ordinal);

    /// <summary>Turns a value from an ad-hoc query into a plain value for export.</summary>
    public abstract object? ReadPlain(DbDataReader reader, int ordinal);

    /// <summary>Expands the schema tokens of a migration template.</summary>
    public abstract string Expand(string template);
}
