using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using KalshiTrader.Testing;

namespace KalshiTrader.Kalshi.Tests.Support;

/// <summary>The project's own REST fixtures (tests/KalshiTrader.Kalshi.Tests/Fixtures/Rest) and the shared real ones.</summary>
internal static class RestFixtures
{
    public static string Path(string name) => System.IO.Path.Combine(RepoFolder.Root, "tests", "KalshiTrader.Kalshi.Tests", "Fixtures", "Rest", name);

    public static string Text(string name) => File.ReadAllText(Path(name));

    public static T Read<T>(string name, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(Path(name)), type) ?? throw new InvalidOperationException(name + " is null");

    public static T ReadShared<T>(string relative, JsonTypeInfo<T> type) =>
        JsonSerializer.Deserialize(File.ReadAllBytes(SharedFolder.RequireFile(relative)), type) ?? throw new InvalidOperationException(relative + " is null");
}
