using System.Text.Json.Serialization;

namespace KalshiTrader.Kalshi.Wire.Rest;

/// <summary>Kalshi's error body: <c>{"error":{"code","message","details"}}</c>.</summary>
/// <remarks>A 429 answers <c>{"error":"too many requests"}</c> (a bare string); read error bodies with
/// <see cref="Parsing.WireMapper.ParseError"/>, which accepts both shapes. This type is for writing.</remarks>
public sealed record ErrorResponse
{
    [JsonPropertyName("error")] public ErrorBody? Error { get; init; }
}

/// <summary>The inner error object (also used per item in batch responses).</summary>
public sealed record ErrorBody
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("details")] public string? Details { get; init; }
    /// <summary>Removed by Kalshi 2026-08-06; read when present.</summary>
    [JsonPropertyName("service")] public string? Service { get; init; }
}

/// <summary>An empty JSON object, the reply of several order-group endpoints.</summary>
public sealed record EmptyResponse;
