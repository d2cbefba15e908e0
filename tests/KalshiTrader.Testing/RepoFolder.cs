namespace KalshiTrader.Testing;

/// <summary>Paths inside the repository and throw-away folders for tests.</summary>
public static class RepoFolder
{
    /// <summary>The repository root (the folder holding KalshiTrader.sln).</summary>
    public static string Root { get; } = Find();

    /// <summary>A fresh empty folder under the system temp folder, unique per call.</summary>
    public static string NewTempFolder(string prefix = "kt-test")
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string Find()
    {
        var baked = typeof(RepoFolder).Assembly
            .GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "RepoRoot")?.Value;
        if (baked is not null && File.Exists(Path.Combine(baked, "KalshiTrader.sln"))) return Path.TrimEndingDirectorySeparator(baked);

        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "KalshiTrader.sln"))) return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root (KalshiTrader.sln) above " + AppContext.BaseDirectory);
    }
}
