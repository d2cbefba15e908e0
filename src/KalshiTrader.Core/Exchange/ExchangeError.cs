namespace KalshiTrader.Core.Exchange;

/// <summary>What kind of thing went wrong talking to a venue; decides whether a retry is safe.</summary>
public enum ExchangeErrorKind
{
    Transport,
    RateLimited,
    Auth,
    BadRequest,
    NotFound,
    Conflict,
    Exchange,
    Timeout,
    Decode,

    /// <summary>Refused locally before anything was sent (dry-run, kill switch, bad request shape).</summary>
    Refused,
}

/// <summary>
/// An expected failure as a value: a venue rejection with Kalshi's code and message, or a transport failure.
/// <see cref="OutcomeUnknown"/> is true when a write may or may not have reached the exchange (timeout, 5xx):
/// the order manager must reconcile before acting on that market again.
/// </summary>
public sealed record ExchangeError(
    ExchangeErrorKind Kind,
    string Message,
    int? HttpStatus = null,
    string? Code = null,
    bool RetrySafe = false,
    bool OutcomeUnknown = false)
{
    public override string ToString() =>
        $"{Kind}{(HttpStatus is { } s ? $" {s}" : "")}{(Code is { } c ? $" [{c}]" : "")}: {Message}";
}

/// <summary>A value or an <see cref="ExchangeError"/>.</summary>
public readonly record struct ExchangeResult<T>
{
    private ExchangeResult(T? value, ExchangeError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public ExchangeError? Error { get; }
    public bool IsOk => Error is null;

    public static ExchangeResult<T> Ok(T value) => new(value, null);
    public static ExchangeResult<T> Fail(ExchangeError error) => new(default, error);

    public static implicit operator ExchangeResult<T>(ExchangeError error) => Fail(error);

    /// <summary>The value, or an exception carrying the error (for callers where a failure is a bug).</summary>
    public T Unwrap() => IsOk ? Value! : throw new InvalidOperationException(Error!.ToString());
}
