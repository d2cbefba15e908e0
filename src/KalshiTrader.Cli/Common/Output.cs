using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using KalshiTrader.Kalshi.Wire.Rest;
using Spectre.Console;

namespace KalshiTrader.Cli.Common;

/// <summary>
/// Output for people (Spectre.Console tables) or scripts (<c>--json</c>). JSON output uses Kalshi's own wire
/// shapes (the Wire/Rest records, via WireMapper.ToWire), so a script reads the same fields the API documents.
/// </summary>
internal static class Output
{
    /// <summary>The shared <c>--json</c> flag.</summary>
    public static readonly Option<bool> Json = new("--json") { Description = "print JSON (Kalshi's wire format) instead of a table" };

    private static readonly JsonSerializerOptions Indented = new(KalshiRestJsonContext.Default.Options) { WriteIndented = true };

    /// <summary>Writes a Kalshi wire record (any type in KalshiRestJsonContext) as indented JSON to stdout.</summary>
    public static void WriteJson<T>(T value) =>
        Console.Out.WriteLine(JsonSerializer.Serialize(value, (JsonTypeInfo<T>)Indented.GetTypeInfo(typeof(T))));

    /// <summary>A table with the given column headers; numbers right-aligned by passing <paramref name="rightAligned"/> indexes.</summary>
    public static Table Table(IReadOnlyList<string> headers, params int[] rightAligned)
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < headers.Count; i++)
        {
            var column = new TableColumn(Markup.Escape(headers[i]));
            if (rightAligned.Contains(i)) column.RightAligned();
            table.AddColumn(column);
        }

        return table;
    }

    /// <summary>Adds a row of plain text cells (escaped, so brackets in titles print as-is).</summary>
    public static void AddRow(Table table, params string?[] cells) =>
        table.AddRow(cells.Select(c => new Text(c ?? "")).ToArray<Spectre.Console.Rendering.IRenderable>());

    /// <summary>A two-column field/value table.</summary>
    public static Table Fields(IEnumerable<(string Field, string? Value)> rows)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("field").AddColumn("value");
        foreach (var (f, v) in rows) AddRow(table, f, v);
        return table;
    }

    public static void Write(Table table) => AnsiConsole.Write(table);
}
