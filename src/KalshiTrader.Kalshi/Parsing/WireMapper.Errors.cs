using System.Text.Json;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Parsing;

/// <summary>What Kalshi said about a failed request: its code, message and details (any may be null).</summary>
public sealed record KalshiErrorInfo(string? Code, string? Message, string? Details);

public static partial class WireMapper
{
    /// <summary>
    /// Reads an error body in any shape Kalshi uses: <c>{"error":{"code","message","details"}}</c>,
    /// <c>{"error":"too many requests"}</c>, a flat <c>{"code","message"}</c>, or non-JSON text (kept, truncated,
    /// as the message). Never throws.
    /// </summary>
    public static KalshiErrorInfo ParseError(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return new KalshiErrorInfo(null, null, null);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return new KalshiErrorInfo(null, TruncateBody(body), null);
            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String) return new KalshiErrorInfo(null, error.GetString(), null);
                if (error.ValueKind == JsonValueKind.Object) return FromObject(error);
            }

            return FromObject(root);
        }
        catch (JsonException)
        {
            return new KalshiErrorInfo(null, TruncateBody(body), null);
        }
    }

    /// <summary>An error body for writing (the local exchange's side).</summary>
    public static ErrorResponse ToErrorResponse(string code, string message, string? details = null) =>
        new() { Error = new ErrorBody { Code = code, Message = message, Details = details } };

    private static KalshiErrorInfo FromObject(JsonElement e) =>
        new(Str(e, "code"), Str(e, "message") ?? Str(e, "msg"), Str(e, "details"));

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v)
            ? v.ValueKind switch
            {
                JsonValueKind.String => v.GetString(),
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                _ => v.GetRawText(),
            }
            : null;

    private static string TruncateBody(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
