using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using KalshiTrader.Kalshi.Auth;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Http;

/// <summary>
/// Typed client for Kalshi Trade API v2 (and the local exchange, which speaks the same protocol). Cursor lists
/// are <see cref="IAsyncEnumerable{T}"/> at the maximum page size; every call first waits for its tokens in the
/// read or write bucket (<see cref="RateLimiter"/>), so sustained use does not meet 429s; a 429 that still
/// happens is retried with exponential backoff and jitter. Transport errors, timeouts and 5xx are retried only
/// for reads and for order creation with a client_order_id (where a retry that meets 409 resolves to the
/// order that already exists). Failures throw <see cref="KalshiApiException"/>. Only portfolio, account and
/// order calls are signed; public market data goes out without credentials.
/// </summary>
public sealed partial class KalshiRestClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly KalshiSigner? _signer;
    private readonly bool _ownsSigner;
    private readonly string _baseUrl;
    private readonly string _pathPrefix;
    private readonly KalshiRestClientOptions _options;
    private readonly TimeProvider _time;
    private readonly Random _jitter;
    private readonly SemaphoreSlim _limitsGate = new(1, 1);
    private volatile bool _limitsLoaded;

    /// <summary>Creates a client over an injected <see cref="HttpClient"/> (not disposed by this client).</summary>
    /// <param name="restBaseUrl">Base URL ending in <c>/trade-api/v2</c> (its path is part of every signature).</param>
    /// <param name="signer">Credentials, or null for public market data only.</param>
    public KalshiRestClient(HttpClient http, Uri restBaseUrl, KalshiSigner? signer,
        KalshiRestClientOptions? options = null, TimeProvider? time = null)
        : this(http, false, restBaseUrl, signer, false, options, time)
    {
    }

    private KalshiRestClient(HttpClient http, bool ownsHttp, Uri restBaseUrl, KalshiSigner? signer, bool ownsSigner,
        KalshiRestClientOptions? options, TimeProvider? time)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(restBaseUrl);
        _http = http;
        _ownsHttp = ownsHttp;
        _signer = signer;
        _ownsSigner = ownsSigner;
        _baseUrl = restBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        _pathPrefix = restBaseUrl.AbsolutePath.TrimEnd('/');
        _options = options ?? new KalshiRestClientOptions();
        _time = time ?? TimeProvider.System;
        _jitter = _options.JitterSeed is { } seed ? new Random(seed) : new Random();
        RateLimiter = new KalshiRateLimiter(_time);
    }

    /// <summary>
    /// A client for <paramref name="connection"/> with its own HttpClient and (when credentials are configured)
    /// its own signer, both disposed with the client.
    /// </summary>
    public static KalshiRestClient Create(KalshiConnectionOptions connection, KalshiRestClientOptions? options = null,
        TimeProvider? time = null, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var signer = connection.CreateSigner(time, warn);
        // Timeouts are enforced per attempt by the client, so HttpClient's own is disabled.
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        return new KalshiRestClient(http, true, connection.RestBaseUrl, signer, true, options, time);
    }

    /// <summary>The read/write token buckets and endpoint costs this client spends from.</summary>
    public KalshiRateLimiter RateLimiter { get; }

    /// <summary>True when credentials are configured (portfolio and order calls possible).</summary>
    public bool IsAuthenticated => _signer is not null;

    /// <summary>The base URL calls go to.</summary>
    public string BaseUrl => _baseUrl;

    /// <summary>
    /// Reads the account's token budgets and endpoint costs into <see cref="RateLimiter"/>. Called automatically
    /// before the first authenticated call when <see cref="KalshiRestClientOptions.LoadAccountLimits"/> is set;
    /// a failure keeps the Basic defaults and is logged, not thrown.
    /// </summary>
    public async Task RefreshRateLimitsAsync(CancellationToken cancellationToken)
    {
        if (_signer is null) return;
        try
        {
            var limits = await SendAsync(RestCall.Get("/account/limits", "/account/limits", auth: true),
                KalshiRestJsonContext.Default.AccountLimitsResponse, cancellationToken, loadLimits: false).ConfigureAwait(false);
            RateLimiter.Configure(limits);
            var costs = await SendAsync(RestCall.Get("/account/endpoint_costs", "/account/endpoint_costs", auth: true),
                KalshiRestJsonContext.Default.EndpointCostsResponse, cancellationToken, loadLimits: false).ConfigureAwait(false);
            RateLimiter.Configure(costs);
            Log($"rate limits: tier {limits.UsageTier ?? "?"}, read {RateLimiter.ReadRate}/s (burst {RateLimiter.ReadCapacity}), write {RateLimiter.WriteRate}/s (burst {RateLimiter.WriteCapacity}), default cost {RateLimiter.DefaultCost}, {costs.EndpointCosts.Count} endpoint costs");
        }
        catch (KalshiApiException ex)
        {
            Log($"rate limits not loaded, keeping Basic defaults: {ex.Message}");
        }
        finally
        {
            _limitsLoaded = true;
        }
    }

    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
        if (_ownsSigner) _signer?.Dispose();
        _limitsGate.Dispose();
    }

    internal async Task<T> SendAsync<T>(RestCall call, JsonTypeInfo<T> type, CancellationToken cancellationToken, bool loadLimits = true)
    {
        var answer = await SendRawAsync(call, cancellationToken, loadLimits).ConfigureAwait(false);
        return Decode(call, answer, type);
    }

    internal T Decode<T>(RestCall call, RestAnswer answer, JsonTypeInfo<T> type)
    {
        if (answer.Body.Length == 0 && typeof(T) == typeof(EmptyResponse)) return (T)(object)new EmptyResponse();
        try
        {
            return JsonSerializer.Deserialize(answer.Body, type)
                   ?? throw new KalshiApiException(KalshiApiErrorKind.Decode, call.Method.Method, call.Path, "empty JSON body", answer.Status);
        }
        catch (JsonException ex)
        {
            throw new KalshiApiException(KalshiApiErrorKind.Decode, call.Method.Method, call.Path, "response is not the expected JSON: " + ex.Message, answer.Status, inner: ex);
        }
    }

    /// <summary>Runs a wire→domain conversion, turning corrupt values into a Decode error that keeps the field name.</summary>
    internal static TOut Map<TIn, TOut>(RestCall call, TIn wire, Func<TIn, TOut> map)
    {
        try
        {
            return map(wire);
        }
        catch (FormatException ex)
        {
            throw new KalshiApiException(KalshiApiErrorKind.Decode, call.Method.Method, call.Path, ex.Message, inner: ex);
        }
    }

    internal async Task<RestAnswer> SendRawAsync(RestCall call, CancellationToken cancellationToken, bool loadLimits = true)
    {
        if (call.Auth)
        {
            if (_signer is null)
            {
                throw new KalshiApiException(KalshiApiErrorKind.Auth, call.Method.Method, call.Path,
                    $"this call needs credentials: set {KalshiEnvironments.ApiKeyIdVariable} and {KalshiEnvironments.PrivateKeyPathVariable} (or --key-id/--private-key)");
            }

            if (loadLimits && _options.LoadAccountLimits && !_limitsLoaded) await EnsureLimitsAsync(cancellationToken).ConfigureAwait(false);
        }

        var maxAttempts = Math.Max(1, _options.MaxAttempts);
        for (var attempt = 1; ; attempt++)
        {
            await RateLimiter.AcquireAsync(call.Method.Method, call.Route, call.Items, cancellationToken).ConfigureAwait(false);
            var failure = await TryOnceAsync(call, attempt, cancellationToken).ConfigureAwait(false);
            if (failure.Answer is { } answer) return answer;

            var error = failure.Error!;
            var transient = error.Kind is KalshiApiErrorKind.Transport or KalshiApiErrorKind.Timeout
                            || error is { Kind: KalshiApiErrorKind.Exchange, HttpStatus: 500 or 502 or 503 or 504 };
            // A 429 was refused before any work was done, so every call may repeat it.
            var retryable = error.Kind == KalshiApiErrorKind.RateLimited || (call.Retry == RetryMode.Safe && transient);
            if (error.Kind == KalshiApiErrorKind.RateLimited) RateLimiter.OnRateLimited(call.Method.Method);
            if (!retryable || attempt >= maxAttempts) throw error;

            var delay = Backoff(attempt);
            Log($"{call.Method.Method} {call.Path}: {error.Kind}{(error.HttpStatus is { } s ? $" {s}" : "")}, attempt {attempt}/{maxAttempts}, retrying in {delay.TotalMilliseconds:F0} ms");
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task EnsureLimitsAsync(CancellationToken cancellationToken)
    {
        await _limitsGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_limitsLoaded) await RefreshRateLimitsAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _limitsGate.Release();
        }
    }

    private readonly record struct Attempt(RestAnswer? Answer, KalshiApiException? Error);

    private async Task<Attempt> TryOnceAsync(RestCall call, int attempt, CancellationToken cancellationToken)
    {
        var method = call.Method.Method;
        using var request = new HttpRequestMessage(call.Method, _baseUrl + call.Path + call.Query);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (call.Body is { } body)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        if (call.Auth)
        {
            // Signed over the path including /trade-api/v2 and excluding the query; re-signed per attempt so
            // the timestamp is fresh.
            foreach (var (name, value) in _signer!.CreateHeaders(method, _pathPrefix + call.Path)) request.Headers.TryAddWithoutValidation(name, value);
        }

        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var bytes = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (status is >= 200 and < 300) return new Attempt(new RestAnswer(status, bytes, attempt), null);
            if (status == 409 && attempt > 1 && call.ReturnConflictOnRetry) return new Attempt(new RestAnswer(status, bytes, attempt), null);
            return new Attempt(null, ErrorFrom(call, response.StatusCode, bytes));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new Attempt(null, new KalshiApiException(KalshiApiErrorKind.Timeout, method, call.Path,
                $"no answer within {_options.RequestTimeout.TotalSeconds:0.###} s"));
        }
        catch (HttpRequestException ex)
        {
            return new Attempt(null, new KalshiApiException(KalshiApiErrorKind.Transport, method, call.Path, ex.Message, inner: ex));
        }
    }

    private static KalshiApiException ErrorFrom(RestCall call, HttpStatusCode statusCode, byte[] body)
    {
        var status = (int)statusCode;
        var info = WireMapper.ParseError(body.Length == 0 ? null : System.Text.Encoding.UTF8.GetString(body));
        var kind = status switch
        {
            400 or 422 => KalshiApiErrorKind.BadRequest,
            401 or 403 => KalshiApiErrorKind.Auth,
            404 => KalshiApiErrorKind.NotFound,
            408 => KalshiApiErrorKind.Timeout,
            409 => KalshiApiErrorKind.Conflict,
            429 => KalshiApiErrorKind.RateLimited,
            >= 500 => KalshiApiErrorKind.Exchange,
            _ => KalshiApiErrorKind.BadRequest,
        };
        var detail = info.Message ?? statusCode.ToString();
        if (!string.IsNullOrEmpty(info.Details)) detail += " (" + info.Details + ")";
        return new KalshiApiException(kind, call.Method.Method, call.Path, detail, status, info.Code, info.Message);
    }

    private TimeSpan Backoff(int attempt)
    {
        var exp = _options.BackoffBase.TotalMilliseconds * Math.Pow(2, attempt - 1);
        var capped = Math.Min(exp, _options.BackoffCap.TotalMilliseconds);
        double u;
        lock (_jitter) u = _jitter.NextDouble();
        // "Equal jitter": at least half the exponential step, so retries still spread out but never bunch at 0.
        return TimeSpan.FromMilliseconds((capped / 2) + (u * capped / 2));
    }

    private void Log(string message) => _options.Log?.Invoke(message);

    internal static byte[] Json<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    internal static string Escape(string segment) => Uri.EscapeDataString(segment);
}
