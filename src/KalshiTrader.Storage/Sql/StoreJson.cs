using System.Text.Json;
using KalshiTrader.Core.Books;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Storage.Sql;

/// <summary>
/// JSON columns in Kalshi's own shapes with exact decimal strings: price ranges as
/// [{"start":"0.0000","end":"1.0000","step":"0.0100"}], book levels as [["0.4200","150.00"], ...].
/// </summary>
internal static class StoreJson
{
    public static string Strings(IEnumerable<string> values) => JsonSerializer.Serialize(values.ToArray());

    public static string[] ParseStrings(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<string[]>(json) ?? [];

    public static string Sources(IReadOnlyList<SettlementSource> sources)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            foreach (var s in sources)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                if (s.Url is null) w.WriteNull("url");
                else w.WriteString("url", s.Url);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static IReadOnlyList<SettlementSource> ParseSources(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray()
            .Select(e => new SettlementSource(
                e.GetProperty("name").GetString() ?? "",
                e.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null))
            .ToList();
    }

    public static string Ranges(IReadOnlyList<PriceRange> ranges)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartArray();
            foreach (var r in ranges)
            {
                w.WriteStartObject();
                w.WriteString("start", r.Start.ToDollarString());
                w.WriteString("end", r.End.ToDollarString());
                w.WriteString("step", r.Step.ToDollarString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public static IReadOnlyList<PriceRange> ParseRanges(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray()
            .Select(e => new PriceRange(
                Price.Parse(e.GetProperty("start").GetString(), "price_ranges.start"),
                Price.Parse(e.GetProperty("end").GetString(), "price_ranges.end"),
                Price.Parse(e.GetProperty("step").GetString(), "price_ranges.step")))
            .ToList();
    }

    public static string Levels(IReadOnlyList<PriceLevel> levels)
    {
        var sb = new System.Text.StringBuilder(levels.Count * 22 + 2);
        sb.Append('[');
        for (var i = 0; i < levels.Count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append("[\"").Append(levels[i].Price.ToDollarString()).Append("\",\"").Append(levels[i].Size.ToFpString()).Append("\"]");
        }

        return sb.Append(']').ToString();
    }

    public static IReadOnlyList<PriceLevel> ParseLevels(string? json)
    {
        if (string.IsNullOrEmpty(json)) return [];
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.EnumerateArray()
            .Select(e => new PriceLevel(
                Price.Parse(e[0].GetString(), "level.price"),
                Quantity.Parse(e[1].GetString(), "level.size")))
            .ToList();
    }
}
