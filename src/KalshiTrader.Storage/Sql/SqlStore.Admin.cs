using System.Data.Common;
using KalshiTrader.Storage.Records;

namespace KalshiTrader.Storage.Sql;

internal abstract partial class SqlStore
{
    public async Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken)
    {
        var list = await QueryListAsync(
            "SELECT COALESCE(MAX(version), 0) AS v FROM schema_version", r => r.Long("v"), cancellationToken).ConfigureAwait(false);
        return (int)list[0];
    }

    public async Task<IReadOnlyList<TableStats>> GetTableStatsAsync(CancellationToken cancellationToken)
    {
        var stats = new List<TableStats>();
        foreach (var (table, timeColumn) in SchemaTables)
        {
            var sql = timeColumn is null
                ? $"SELECT COUNT(*) AS n, NULL AS lo, NULL AS hi FROM {table}"
                : $"SELECT COUNT(*) AS n, MIN({timeColumn}) AS lo, MAX({timeColumn}) AS hi FROM {table}";
            var row = await QueryListAsync(
                sql, r => new TableStats(table, r.Long("n"), r.TimeOrNull("lo"), r.TimeOrNull("hi")), cancellationToken).ConfigureAwait(false);
            stats.Add(row[0]);
        }

        return stats;
    }

    public Task<QueryResult> ReadTableAsync(string table, int? limit, CancellationToken cancellationToken)
    {
        if (!TableNames.Contains(table))
        {
            throw new ArgumentException($"table: '{table}' is not one of {string.Join(", ", TableNames)}", nameof(table));
        }

        var sql = $"SELECT * FROM {table}" + (limit is { } n ? $" LIMIT {Math.Max(0, n)}" : "");
        return RunQueryAsync(sql, cancellationToken);
    }

    public Task<QueryResult> QueryAsync(string sql, CancellationToken cancellationToken)
    {
        var text = sql.Trim().TrimEnd(';').Trim();
        var first = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
        if (!first.Equals("select", StringComparison.OrdinalIgnoreCase) && !first.Equals("with", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException("query: only a single SELECT (or WITH ... SELECT) statement is allowed", nameof(sql));
        }

        if (text.Contains(';', StringComparison.Ordinal))
        {
            throw new ArgumentException("query: only one statement is allowed (found ';')", nameof(sql));
        }

        return RunQueryAsync(text, cancellationToken);
    }

    /// <summary>Runs a read inside a read-only guard so an ad-hoc query can never change data.</summary>
    protected abstract Task<QueryResult> RunQueryAsync(string sql, CancellationToken cancellationToken);

    protected async Task<QueryResult> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var values = new object?[columns.Length];
            for (var i = 0; i < values.Length; i++) values[i] = reader.IsDBNull(i) ? null : Dialect.ReadPlain(reader, i);
            rows.Add(values);
        }

        return new QueryResult(columns, rows);
    }
}
