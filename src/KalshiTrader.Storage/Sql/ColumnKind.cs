namespace KalshiTrader.Storage.Sql;

/// <summary>The logical type of a column; each dialect maps it to its own storage type.</summary>
internal enum ColumnKind
{
    /// <summary>long (ticks, hundredths, micros, ids).</summary>
    Int,
    Text,
    Bool,

    /// <summary>DateTimeOffset at microsecond precision.</summary>
    Time,

    /// <summary>decimal, exact (strikes, multipliers, spot values).</summary>
    Decimal,

    /// <summary>JSON text.</summary>
    Json,
}

/// <summary>One column of a table and how to read its value from a record.</summary>
internal sealed record Column<T>(string Name, ColumnKind Kind, Func<T, object?> Get);

/// <summary>
/// How a record type maps onto a table: its columns, its conflict key, and whether a repeat write updates the
/// row (upsert) or is ignored (append-only tables). <see cref="TouchColumn"/> is refreshed by the database on update.
/// </summary>
internal sealed class TableSpec<T>
{
    public TableSpec(string name, string[] key, bool updateOnConflict, Column<T>[] columns, string? touchColumn = null)
    {
        Name = name;
        Key = key;
        UpdateOnConflict = updateOnConflict;
        Columns = columns;
        TouchColumn = touchColumn;
        ColumnList = string.Join(", ", columns.Select(c => c.Name));
        ConflictClause = BuildConflictClause();
    }

    public string Name { get; }
    public string[] Key { get; }
    public bool UpdateOnConflict { get; }
    public Column<T>[] Columns { get; }
    public string? TouchColumn { get; }
    public string ColumnList { get; }

    /// <summary>"ON CONFLICT (...) DO UPDATE SET ..." or "ON CONFLICT DO NOTHING": the same text in SQLite and PostgreSQL.</summary>
    public string ConflictClause { get; }

    /// <summary>INSERT of <paramref name="rows"/> rows; parameter k (row-major, from 0) is written by <paramref name="placeholder"/>.</summary>
    public string InsertSql(int rows, Func<int, string> placeholder)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append("INSERT INTO ").Append(Name).Append(" (").Append(ColumnList).Append(") VALUES ");
        var p = 0;
        for (var r = 0; r < rows; r++)
        {
            if (r > 0) sb.Append(", ");
            sb.Append('(');
            for (var c = 0; c < Columns.Length; c++)
            {
                if (c > 0) sb.Append(", ");
                sb.Append(placeholder(p++));
            }

            sb.Append(')');
        }

        sb.Append(' ').Append(ConflictClause);
        return sb.ToString();
    }

    private string BuildConflictClause()
    {
        if (!UpdateOnConflict) return "ON CONFLICT DO NOTHING";
        var updates = Columns.Where(c => !Key.Contains(c.Name)).Select(c => $"{c.Name} = excluded.{c.Name}").ToList();
        if (TouchColumn is not null) updates.Add($"{TouchColumn} = excluded.{TouchColumn}");
        return updates.Count == 0
            ? $"ON CONFLICT ({string.Join(", ", Key)}) DO NOTHING"
            : $"ON CONFLICT ({string.Join(", ", Key)}) DO UPDATE SET {string.Join(", ", updates)}";
    }
}
