using System.Globalization;
using System.Text.Json;
using KalshiTrader.Storage.Records;

namespace KalshiTrader.Cli.Collect;

/// <summary>Writes a query result as CSV (RFC 4180 quoting) or as a JSON array of objects. Integers stay integers: no doubles.</summary>
internal static class TableWriter
{
    public static async Task WriteCsvAsync(TextWriter writer, QueryResult result, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync(string.Join(",", result.Columns.Select(Quote)).AsMemory(), cancellationToken);
        foreach (var row in result.Rows)
        {
            await writer.WriteLineAsync(string.Join(",", row.Select(v => Quote(Text(v)))).AsMemory(), cancellationToken);
        }
    }

    public static async Task WriteJsonAsync(Stream stream, QueryResult result, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartArray();
        foreach (var row in result.Rows)
        {
            json.WriteStartObject();
            for (var i = 0; i < result.Columns.Count; i++)
            {
                json.WritePropertyName(result.Columns[i]);
                switch (row[i])
                {
                    case null: json.WriteNullValue(); break;
                    case long l: json.WriteNumberValue(l); break;
                    case int n: json.WriteNumberValue(n); break;
                    case short s: json.WriteNumberValue(s); break;
                    case decimal d: json.WriteNumberValue(d); break;
                    case bool b: json.WriteBooleanValue(b); break;
                    case var other: json.WriteStringValue(Text(other)); break;
                }
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        byte[] bytes => Convert.ToBase64String(bytes),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string text) =>
        text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
}
