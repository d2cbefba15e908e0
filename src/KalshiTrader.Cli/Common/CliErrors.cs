using System.Security.Cryptography;
using KalshiTrader.Kalshi.Http;

namespace KalshiTrader.Cli.Common;

/// <summary>
/// Runs a verb's body and turns expected failures into one clear line on stderr and exit code 1:
/// <c>error: NotFound (HTTP 404) [not_found]: market not found (GET /markets/X)</c>. Never prints headers or keys.
/// </summary>
internal static class CliErrors
{
    public static async Task<int> RunAsync(Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (KalshiApiException ex)
        {
            Error(Describe(ex));
            return 1;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or FileNotFoundException or CryptographicException or IOException)
        {
            Error(ex.Message);
            return 1;
        }
        catch (OperationCanceledException)
        {
            Error("cancelled");
            return 130;
        }
    }

    /// <summary>The one-line description of an API failure.</summary>
    public static string Describe(KalshiApiException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        var status = ex.HttpStatus is { } s ? $" (HTTP {s})" : "";
        var code = ex.Code is { Length: > 0 } c ? $" [{c}]" : "";
        var message = ex.Detail;
        return $"{ex.Kind}{status}{code}: {message} ({ex.Method} {ex.Path})";
    }

    public static void Error(string message) => Console.Error.WriteLine("error: " + message);

    public static void Warn(string message) => Console.Error.WriteLine("warning: " + message);
}
