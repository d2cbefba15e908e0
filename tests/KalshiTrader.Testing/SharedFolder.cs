using Xunit;

namespace KalshiTrader.Testing;

/// <summary>
/// Finds the read-only <c>../shared</c> folder (real fixtures and data) beside the repository. Tests that need
/// it call <see cref="RequireFile"/>: when it is missing they skip with a message, except under CI=true,
/// where a missing file is a failure.
/// </summary>
public static class SharedFolder
{
    private static readonly Lazy<string?> Root = new(Locate);

    public static string? Path => Root.Value;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The full path of <paramref name="relative"/> under shared/, or a skip (fail under CI) when absent.</summary>
    public static string RequireFile(string relative)
    {
        var path = Root.Value is { } root ? System.IO.Path.Combine(root, relative) : null;
        if (path is not null && (File.Exists(path) || Directory.Exists(path))) return path;
        var message = $"../shared/{relative} is not present beside the repository";
        if (IsCi) Assert.Fail(message + " (required under CI=true)");
        Assert.Skip(message + "; skipping");
        return null!;
    }

    private static string? Locate()
    {
        var env = Environment.GetEnvironmentVariable("KALSHI_SHARED_DIR");
        if (!string.IsNullOrEmpty(env) && Directory.Exists(env)) return env;
        var candidate = System.IO.Path.Combine(Directory.GetParent(RepoFolder.Root)?.FullName ?? RepoFolder.Root, "shared");
        if (Directory.Exists(candidate)) return candidate;

        return null;
    }
}
