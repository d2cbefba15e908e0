namespace KalshiTrader.Kalshi.Http;

/// <summary>What went wrong with a Kalshi API call.</summary>
public enum KalshiApiErrorKind
{
    /// <summary>The request never got an HTTP answer (connection refused, reset, DNS).</summary>
    Transport,

    /// <summary>429 after every retry.</summary>
    RateLimited,

    /// <summary>401/403, or credentials were needed and none are configured.</summary>
    Auth,

    /// <summary>400/422: Kalshi rejected the request (bad price, insufficient balance, ...).</summary>
    BadRequest,

    /// <summary>404.</summary>
    NotFound,

    /// <summary>409 (e.g. a duplicate client_order_id).</summary>
    Conflict,

    /// <summary>5xx: Kalshi failed.</summary>
    Exchange,

    /// <summary>No answer within the request timeout (408 also lands here).</summary>
    Timeout,

    /// <summary>The answer could not be read (bad JSON, a price or count that does not fit).</summary>
    Decode,
}

/// <summary>
/// A failed Kalshi REST call: the kind, the HTTP status, Kalshi's error code and message. The message names
/// the method and path (no query string, no headers, never a key).
/// </summary>
public sealed class KalshiApiException : Exception
{
    public KalshiApiException(
        KalshiApiErrorKind kind, string method, string path, string detail,
        int? httpStatus = null, string? code = null, string? kalshiMessage = null, Exception? inner = null)
        : base(Describe(kind, method, path, detail, httpStatus, code), inner)
    {
        Kind = kind;
        Detail = detail;
        Method = method;
        Path = path;
        HttpStatus = httpStatus;
        Code = code;
        KalshiMessage = kalshiMessage;
    }

    public KalshiApiErrorKind Kind { get; }

    /// <summary>What went wrong, without the method/path/kind prefix of <see cref="Exception.Message"/>.</summary>
    public string Detail { get; }

    /// <summary>HTTP method of the failed call.</summary>
    public string Method { get; }

    /// <summary>Request path without the query string.</summary>
    public string Path { get; }

    public int? HttpStatus { get; }

    /// <summary>Kalshi's error code (e.g. <c>insufficient_balance</c>), when it sent one.</summary>
    public string? Code { get; }

    /// <summary>Kalshi's error message, when it sent one.</summary>
    public string? KalshiMessage { get; }

    private static string Describe(KalshiApiErrorKind kind, string method, string path, string detail, int? status, string? code) =>
        $"{method} {path}: {kind}{(status is { } s ? $" (HTTP {s})" : "")}{(code is { Length: > 0 } c ? $" [{c}]" : "")}: {detail}";
}
