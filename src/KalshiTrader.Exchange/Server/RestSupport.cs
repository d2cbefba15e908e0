using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Kalshi.Auth;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiTrader.Exchange.Server;

/// <summary>What every REST handler needs: the engine (locked per call), keys, limits and faults.</summary>
internal sealed class ExchangeContext(MatchingEngine engine, KeyRegistry keys, RateLimiter limiter, FaultInjector faults, LocalExchangeOptions options)
{
    public const string AccountItem = "kt.account";
    public const string KeyItem = "kt.key";

    public MatchingEngine Engine { get; } = engine;
    public KeyRegistry Keys { get; } = keys;
    public RateLimiter Limiter { get; } = limiter;
    public FaultInjector Faults { get; } = faults;
    public LocalExchangeOptions Options { get; } = options;

    public T Locked<T>(Func<MatchingEngine, T> call)
    {
        lock (Engine.SyncRoot) return call(Engine);
    }

    public static AccountId Account(HttpContext ctx) => (AccountId)ctx.Items[AccountItem]!;

    public static KeyRegistry.Entry Key(HttpContext ctx) => (KeyRegistry.Entry)ctx.Items[KeyItem]!;
}

/// <summary>JSON results through the Kalshi adapter's source-generated wire types, and Kalshi-shaped errors.</summary>
internal static class Rest
{
    public static IResult Json<T>(T value, JsonTypeInfo<T> type, int status = 200) =>
        Results.Json(value, type, "application/json", status);

    public static IResult Error(int status, string code, string message) =>
        Json(WireMapper.ToErrorResponse(code, message), KalshiRestJsonContext.Default.ErrorResponse, status);

    public static IResult Error(ExchangeError error) => Error(error.HttpStatus ?? 400, error.Code ?? "bad_request", error.Message);

    public static IResult TooManyRequests() => Results.Text("{\"error\":\"too many requests\"}", "application/json", statusCode: 429);

    public static IResult NotFound(string what) => Error(404, "not_found", what);

    /// <summary>Reads a JSON body; null with <paramref name="problem"/> set when it is missing or malformed.</summary>
    public static async Task<(T? Body, IResult? Problem)> ReadBody<T>(HttpContext ctx, JsonTypeInfo<T> type) where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync(ctx.Request.Body, type, ctx.RequestAborted).ConfigureAwait(false);
            return body is null ? (null, Error(400, "invalid_parameters", "request body is required")) : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, Error(400, "invalid_parameters", $"malformed JSON body: {ex.Message}"));
        }
    }

    /// <summary>Cursor pagination over a materialised list: the cursor is the offset of the next page.</summary>
    public static bool TryPage<T>(HttpRequest req, IReadOnlyList<T> all, int defaultLimit, int maxLimit, out IReadOnlyList<T> page, out string? cursor, out IResult? problem)
    {
        page = [];
        cursor = null;
        problem = null;
        var limit = defaultLimit;
        if (req.Query.TryGetValue("limit", out var l) && !string.IsNullOrEmpty(l))
        {
            if (!int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > maxLimit)
            {
                problem = Error(400, "invalid_parameters", $"limit must be an integer from 1 to {maxLimit}");
                return false;
            }
        }

        var offset = 0;
        if (req.Query.TryGetValue("cursor", out var c) && !string.IsNullOrEmpty(c))
        {
            if (!int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out offset) || offset < 0)
            {
                problem = Error(400, "invalid_parameters", "cursor is not one this server issued");
                return false;
            }
        }

        page = all.Skip(offset).Take(limit).ToArray();
        cursor = offset + limit < all.Count ? (offset + limit).ToString(CultureInfo.InvariantCulture) : "";
        return true;
    }

    public static string? Query(HttpRequest req, string name) =>
        req.Query.TryGetValue(name, out var v) && !string.IsNullOrEmpty(v) ? v.ToString() : null;

    /// <summary>A Unix-seconds query filter; throws <see cref="FormatException"/> naming the field.</summary>
    public static DateTimeOffset? UnixSeconds(HttpRequest req, string name) =>
        Query(req, name) is { } s
            ? long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v)
                ? DateTimeOffset.FromUnixTimeSeconds(v)
                : throw new FormatException($"{name}: '{s}' is not Unix seconds")
            : null;

    public static bool Flag(HttpRequest req, string name) =>
        Query(req, name) is { } s && (s == "true" || s == "1");
}

/// <summary>
/// Authenticates portfolio and account requests (RSA-PSS over timestamp + method + path, with a timestamp window)
/// and charges the caller's token bucket by the endpoint's cost.
/// </summary>
internal sealed class AuthAndLimitFilter(ExchangeContext context, TimeProvider wallClock) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var ctx = invocation.HttpContext;
        var (entry, problem) = Authenticate(ctx.Request, context, wallClock, ctx.Request.PathBase + ctx.Request.Path);
        if (problem is not null) return problem;
        ctx.Items[ExchangeContext.AccountItem] = entry!.Account;
        ctx.Items[ExchangeContext.KeyItem] = entry;

        var pattern = (ctx.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? ctx.Request.Path.Value ?? "";
        if (!EndpointCosts.IsBatch(pattern))
        {
            var (cost, write) = EndpointCosts.For(ctx.Request.Method, pattern);
            if (!context.Limiter.TryTake(entry.KeyId, entry.Tier, write, cost)) return Rest.TooManyRequests();
        }

        return await next(invocation).ConfigureAwait(false);
    }

    /// <summary>Checks the three KALSHI-ACCESS headers; the error result says exactly what was wrong.</summary>
    public static (KeyRegistry.Entry? Entry, IResult? Problem) Authenticate(HttpRequest req, ExchangeContext context, TimeProvider wallClock, string path)
    {
        var keyId = req.Headers[KalshiSigner.KeyHeader].ToString();
        var tsText = req.Headers[KalshiSigner.TimestampHeader].ToString();
        var signature = req.Headers[KalshiSigner.SignatureHeader].ToString();
        if (keyId.Length == 0 || tsText.Length == 0 || signature.Length == 0)
        {
            return (null, Rest.Error(401, "authentication_error",
                $"missing authentication headers: send {KalshiSigner.KeyHeader}, {KalshiSigner.TimestampHeader} and {KalshiSigner.SignatureHeader}"));
        }

        if (!context.Keys.TryGet(keyId, out var entry)) return (null, Rest.Error(401, "authentication_error", $"unknown API key id {keyId}"));
        if (!long.TryParse(tsText, NumberStyles.None, CultureInfo.InvariantCulture, out var tsMs))
        {
            return (null, Rest.Error(401, "authentication_error", $"{KalshiSigner.TimestampHeader} must be Unix milliseconds, was '{Truncate(tsText)}'"));
        }

        var skew = TimeSpan.FromMilliseconds(wallClock.GetUtcNow().ToUnixTimeMilliseconds() - tsMs);
        if (skew.Duration() > context.Options.SignatureWindow)
        {
            return (null, Rest.Error(401, "authentication_error",
                $"request timestamp is {skew.Duration().TotalSeconds:F0} s {(skew > TimeSpan.Zero ? "old" : "in the future")}; the allowed window is ±{context.Options.SignatureWindow.TotalSeconds:F0} s"));
        }

        bool valid;
        try
        {
            valid = KalshiSigner.Verify(entry.PublicKey, tsMs, req.Method, path, signature);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            valid = false;
        }

        return valid
            ? (entry, null)
            : (null, Rest.Error(401, "authentication_error",
                $"signature does not verify: sign timestamp + method + path ('{tsMs}{req.Method}{path}') with RSA-PSS SHA-256 and the key of {keyId}"));
    }

    private static string Truncate(string s) => s.Length <= 24 ? s : s[..24] + "…";
}
