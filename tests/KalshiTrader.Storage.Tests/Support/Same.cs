using System.Text.Json;
using System.Text.Json.Serialization;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Storage.Tests.Support;

/// <summary>Compares records by their JSON form, so nested lists compare by content rather than by reference.</summary>
public static class Same
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Converters =
        {
            new AsText<Price>(p => p.ToDollarString()),
            new AsText<Quantity>(q => q.ToFpString()),
            new AsText<Money>(m => m.ToDollarString()),
            new AsText<TickGrid>(g => string.Join(";", g.Ranges)),
        },
    };

    public static void Assert<T>(T expected, T actual) =>
        Xunit.Assert.Equal(JsonSerializer.Serialize(expected, Options), JsonSerializer.Serialize(actual, Options));

    /// <summary>Writes a value as its exact text (Price has a Complement property that would otherwise recurse forever).</summary>
    private sealed class AsText<T>(Func<T, string> format) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(format(value));
    }
}
