using System.CommandLine;
using KalshiTrader.Kalshi;
using KalshiTrader.Kalshi.Http;

namespace KalshiTrader.Cli.Common;

/// <summary>
/// The connection options every Kalshi-facing verb takes: <c>--env</c>, <c>--rest-url</c>, <c>--ws-url</c>,
/// <c>--key-id</c>, <c>--private-key</c>. Each falls back to its environment variable (KALSHI_ENV, KALSHI_REST_URL,
/// KALSHI_WS_URL, KALSHI_API_KEY_ID, KALSHI_PRIVATE_KEY_PATH), then to the environment's default (demo).
/// Usage: <c>ConnectionOptions.AddTo(cmd)</c>, then <c>ConnectionOptions.Resolve(parseResult)</c> or
/// <c>ConnectionOptions.CreateRestClient(parseResult)</c> inside the action.
/// </summary>
internal static class ConnectionOptions
{
    public static readonly Option<string?> Env = new("--env") { Description = "prod | demo | local (default: KALSHI_ENV, else demo)" };
    public static readonly Option<string?> RestUrl = new("--rest-url") { Description = "REST base URL ending in /trade-api/v2 (default: KALSHI_REST_URL, else the environment's)" };
    public static readonly Option<string?> WsUrl = new("--ws-url") { Description = "WebSocket URL (default: KALSHI_WS_URL, else the environment's)" };
    public static readonly Option<string?> KeyId = new("--key-id") { Description = "API key id (default: KALSHI_API_KEY_ID)" };
    public static readonly Option<string?> PrivateKey = new("--private-key") { Description = "path of the PEM private key (default: KALSHI_PRIVATE_KEY_PATH)" };

    /// <summary>Adds all five options to <paramref name="command"/> and returns it.</summary>
    public static T AddTo<T>(T command)
        where T : Command
    {
        command.Options.Add(Env);
        command.Options.Add(RestUrl);
        command.Options.Add(WsUrl);
        command.Options.Add(KeyId);
        command.Options.Add(PrivateKey);
        return command;
    }

    /// <summary>The resolved connection (throws FormatException naming a bad value).</summary>
    public static KalshiConnectionOptions Resolve(ParseResult parseResult) =>
        KalshiConnectionOptions.Resolve(
            parseResult.GetValue(Env), parseResult.GetValue(RestUrl), parseResult.GetValue(WsUrl),
            parseResult.GetValue(KeyId), parseResult.GetValue(PrivateKey));

    /// <summary>A REST client for the resolved connection; key-file permission warnings go to stderr.</summary>
    public static KalshiRestClient CreateRestClient(ParseResult parseResult, KalshiRestClientOptions? options = null) =>
        KalshiRestClient.Create(Resolve(parseResult), options, warn: CliErrors.Warn);
}
