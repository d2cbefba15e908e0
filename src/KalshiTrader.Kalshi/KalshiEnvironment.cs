namespace KalshiTrader.Kalshi;

/// <summary>Which Kalshi deployment to talk to.</summary>
public enum KalshiEnvironment
{
    /// <summary>Real money.</summary>
    Prod,

    /// <summary>Kalshi's demo exchange (separate keys, play money).</summary>
    Demo,

    /// <summary>The local exchange on 127.0.0.1:8787.</summary>
    Local,
}

/// <summary>Base URLs of each environment and the names of the environment variables this adapter reads.</summary>
public static class KalshiEnvironments
{
    public const string EnvVariable = "KALSHI_ENV";
    public const string ApiKeyIdVariable = "KALSHI_API_KEY_ID";
    public const string PrivateKeyPathVariable = "KALSHI_PRIVATE_KEY_PATH";
    public const string RestUrlVariable = "KALSHI_REST_URL";
    public const string WebSocketUrlVariable = "KALSHI_WS_URL";

    /// <summary>The REST path prefix every endpoint lives under; signatures include it.</summary>
    public const string RestPathPrefix = "/trade-api/v2";

    /// <summary>The WebSocket path; the upgrade is signed over <c>GET</c> + this path.</summary>
    public const string WebSocketPath = "/trade-api/ws/v2";

    /// <summary>Default port of the local exchange.</summary>
    public const int LocalPort = 8787;

    /// <summary>The REST base URL (ending in <c>/trade-api/v2</c>) of an environment.</summary>
    public static Uri RestUrl(KalshiEnvironment env) => env switch
    {
        // The external-api hosts are current since 2026-05; the api.elections / demo-api hosts still work.
        KalshiEnvironment.Prod => new Uri("https://external-api.kalshi.com/trade-api/v2"),
        KalshiEnvironment.Demo => new Uri("https://external-api.demo.kalshi.co/trade-api/v2"),
        KalshiEnvironment.Local => new Uri($"http://127.0.0.1:{LocalPort}/trade-api/v2"),
        _ => throw new ArgumentOutOfRangeException(nameof(env)),
    };

    /// <summary>The WebSocket URL of an environment.</summary>
    public static Uri WebSocketUrl(KalshiEnvironment env) => env switch
    {
        KalshiEnvironment.Prod => new Uri("wss://external-api-ws.kalshi.com/trade-api/ws/v2"),
        KalshiEnvironment.Demo => new Uri("wss://external-api-ws.demo.kalshi.co/trade-api/ws/v2"),
        KalshiEnvironment.Local => new Uri($"ws://127.0.0.1:{LocalPort}/trade-api/ws/v2"),
        _ => throw new ArgumentOutOfRangeException(nameof(env)),
    };

    /// <summary>Parses <c>prod</c>, <c>demo</c> or <c>local</c> (case-insensitive; <c>production</c> too).</summary>
    public static KalshiEnvironment Parse(string text) => TryParse(text, out var env)
        ? env
        : throw new FormatException($"{EnvVariable}: '{text}' is not prod, demo or local");

    /// <summary>Parses an environment name.</summary>
    public static bool TryParse(string? text, out KalshiEnvironment env)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "prod" or "production" or "live":
                env = KalshiEnvironment.Prod;
                return true;
            case "demo":
                env = KalshiEnvironment.Demo;
                return true;
            case "local" or "localhost":
                env = KalshiEnvironment.Local;
                return true;
            default:
                env = default;
                return false;
        }
    }

    /// <summary>The lower-case name.</summary>
    public static string Name(this KalshiEnvironment env) => env.ToString().ToLowerInvariant();
}
