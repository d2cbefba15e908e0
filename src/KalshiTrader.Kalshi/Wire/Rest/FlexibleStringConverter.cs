using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Rest;

/// <summary>
/// Reads a JSON string or number into a string, exactly as written (numbers keep their raw digits). Used for
/// fields whose JSON type Kalshi has changed over time (for example counts that were integers and are now
/// fixed-point strings), so a payload of either vintage still reaches the mapper, which parses it once.
/// Writes a string.
/// </summary>
public sealed class FlexibleStringConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.Null => null,
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(
                reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            _ => throw new JsonException($"expected a string or a number, found {reader.TokenType}"),
        };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null) writer.WriteNullValue();
        else writer.WriteStringValue(value);
    }

    internal static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
