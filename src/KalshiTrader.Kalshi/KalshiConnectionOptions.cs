using KalshiTrader.Kalshi.Auth;

namespace KalshiTrader.Kalshi;

/// <summary>
/// Where and as whom to connect: REST and WebSocket URLs plus optional credentials (a key id and the PATH of a
/// PEM private key; the key itself is only read by <see cref="CreateSigner"/>). Build one with
/// <see cref="Resolve"/>, which applies explicit values first, then environment variables, then the defaults
/// of the chosen environment. The default environment is <c>demo</c>: a mistake there costs nothing.
/// </summary>
public sealed record KalshiConnectionOptions
{
    /// <summary>The environment the URLs came from (informational when URLs were given explicitly).</summary>
    public KalshiEnvironment Environment { get; init; } = KalshiEnvironment.Demo;

    /// <summary>REST base, ending in <c>/trade-api/v2</c>.</summary>
    public required Uri RestBaseUrl { get; init; }

    /// <summary>WebSocket URL, <c>.../trade-api/ws/v2</c>.</summary>
    public required Uri WebSocketUrl { get; init; }

    /// <summary>The API key id (a UUID), or null for public-only access.</summary>
    public string? ApiKeyId { get; init; }

    /// <summary>Path of the PEM (PKCS#1 or PKCS#8) RSA private key, or null.</summary>
    public string? PrivateKeyPath { get; init; }

    /// <summary>True when both a key id and a key path are set.</summary>
    public bool HasCredentials => !string.IsNullOrWhiteSpace(ApiKeyId) && !string.IsNullOrWhiteSpace(PrivateKeyPath);

    /// <summary>The path part of <see cref="RestBaseUrl"/> (normally <c>/trade-api/v2</c>), without a trailing slash.</summary>
    public string RestPathPrefix => RestBaseUrl.AbsolutePath.TrimEnd('/');

    /// <summary>Options for an environment's default URLs, without credentials.</summary>
    public static KalshiConnectionOptions For(KalshiEnvironment env) => new()
    {
        Environment = env,
        RestBaseUrl = KalshiEnvironments.RestUrl(env),
        WebSocketUrl = KalshiEnvironments.WebSocketUrl(env),
    };

    /// <summary>
    /// Resolves options: each explicit argument wins over its environment variable (<c>KALSHI_ENV</c>,
    /// <c>KALSHI_REST_URL</c>, <c>KALSHI_WS_URL</c>, <c>KALSHI_API_KEY_ID</c>, <c>KALSHI_PRIVATE_KEY_PATH</c>), which
    /// wins over the environment's default. Bad values throw <see cref="FormatException"/> naming the source.
    /// </summary>
    /// <param name="getVariable">Reads an environment variable; defaults to the process environment (tests inject).</param>
    public static KalshiConnectionOptions Resolve(
        string? environment = null,
        string? restUrl = null,
        string? webSocketUrl = null,
        string? apiKeyId = null,
        string? privateKeyPath = null,
        Func<string, string?>? getVariable = null)
    {
        getVariable ??= System.Environment.GetEnvironmentVariable;
        string? Pick(string? explicitValue, string variable) =>
            !string.IsNullOrWhiteSpace(explicitValue) ? explicitValue.Trim()
            : getVariable(variable) is { Length: > 0 } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;

        var envText = Pick(environment, KalshiEnvironments.EnvVariable);
        var env = envText is null ? KalshiEnvironment.Demo : KalshiEnvironments.Parse(envText);
        var rest = Pick(restUrl, KalshiEnvironments.RestUrlVariable);
        var ws = Pick(webSocketUrl, KalshiEnvironments.WebSocketUrlVariable);
        var restUri = rest is null ? KalshiEnvironments.RestUrl(env) : ParseUrl(rest, "REST URL", "http", "https");
        var wsUri = ws is null ? DeriveWebSocketUrl(env, rest is null ? null : restUri) : ParseUrl(ws, "WebSocket URL", "ws", "wss");

        return new KalshiConnectionOptions
        {
            Environment = env,
            RestBaseUrl = restUri,
            WebSocketUrl = wsUri,
            ApiKeyId = Pick(apiKeyId, KalshiEnvironments.ApiKeyIdVariable),
            PrivateKeyPath = Pick(privateKeyPath, KalshiEnvironments.PrivateKeyPathVariable),
        };
    }

    /// <summary>
    /// A signer when credentials are configured, else null (public market data needs none). Loading the key
    /// warns through <paramref name="warn"/> when the file is readable by group or others.
    /// </summary>
    public KalshiSigner? CreateSigner(TimeProvider? time = null, Action<string>? warn = null)
    {
        if (!HasCredentials) return null;
        var rsa = PrivateKeyLoader.Load(PrivateKeyPath!, warn);
        return new KalshiSigner(ApiKeyId!, rsa, time);
    }

    /// <summary>Describes the connection without secrets (the key id is shortened; the key is never read here).</summary>
    public override string ToString() =>
        $"{Environment.Name()} rest={RestBaseUrl} ws={WebSocketUrl} auth={(HasCredentials ? "key " + MaskedKeyId : "none")}";

    private string MaskedKeyId => ApiKeyId is { Length: > 8 } id ? id[..4] + "…" + id[^4..] : "…";

    private static Uri ParseUrl(string text, string what, params string[] schemes)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme))
        {
            throw new FormatException($"{what}: '{text}' is not an absolute {string.Join("/", schemes)} URL");
        }

        return uri;
    }

    // With only a REST URL given (say a local exchange on another port), the WebSocket most likely lives on
    // the same host and port: derive it rather than silently pointing at the environment's default host.
    private static Uri DeriveWebSocketUrl(KalshiEnvironment env, Uri? explicitRest)
    {
        if (explicitRest is null) return KalshiEnvironments.WebSocketUrl(env);
        var builder = new UriBuilder(explicitRest)
        {
            Scheme = explicitRest.Scheme == "https" ? "wss" : "ws",
            Path = KalshiEnvironments.WebSocketPath,
            Query = "",
        };
        return builder.Uri;
    }
}
