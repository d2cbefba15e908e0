using System.Text;
using KalshiTrader.Kalshi.WebSocket;
using KalshiTrader.Testing;

namespace KalshiTrader.Kalshi.Tests.Support;

/// <summary>The project's own WebSocket fixtures (tests/KalshiTrader.Kalshi.Tests/Ws/Fixtures) and parse helpers.</summary>
internal static class WsFixtures
{
    public static readonly DateTimeOffset Received = new(2026, 2, 12, 17, 0, 0, TimeSpan.Zero);

    public static string Path(string name) => System.IO.Path.Combine(RepoFolder.Root, "tests", "KalshiTrader.Kalshi.Tests", "Ws", "Fixtures", name);

    public static string[] Lines(string name) =>
        File.ReadAllLines(Path(name)).Where(l => !string.IsNullOrWhiteSpace(l)).ToArray();

    public static WsFrame Parse(string json, bool useYesPrice = false) =>
        new WsFrameParser(useYesPrice).Parse(Encoding.UTF8.GetBytes(json), Received);

    public static WsFrame[] ParseAll(string name, bool useYesPrice = false)
    {
        var parser = new WsFrameParser(useYesPrice);
        return Lines(name).Select(l => parser.Parse(Encoding.UTF8.GetBytes(l), Received)).ToArray();
    }
}
