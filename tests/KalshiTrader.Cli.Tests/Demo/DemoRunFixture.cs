using KalshiTrader.Cli.Demo;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Records;
using KalshiTrader.Testing;

namespace KalshiTrader.Cli.Tests.Demo;

/// <summary>
/// One short demo, run in-process once for all the assertions about it: 30 s of trading on the demo scenario (the
/// injection schedule scales to the run, so every injection fires), then settlement, into a fresh SQLite file.
/// </summary>
public sealed class DemoRunFixture : IAsyncLifetime
{
    // One minute with the default seed, as `kalshi-trader demo --duration 60s` runs. Shorter runs squeeze the
    // injection windows: on some seeds the exhaustive buy-all-YES injection cannot be placed (the planner could
    // not push the Fed buckets' YES asks below 1 − fees), and the test would then report "nothing injected".
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    public string Folder { get; } = RepoFolder.NewTempFolder("kt-demo-test");

    public string Db => "sqlite:" + Path.Combine(Folder, "demo.db");

    internal DemoReport Report { get; private set; } = null!;

    public IReadOnlyDictionary<string, long> Rows { get; private set; } = new Dictionary<string, long>();

    public async ValueTask InitializeAsync()
    {
        var runner = new DemoRunner(new DemoOptions { Duration = Duration, Db = Db });
        Report = await runner.RunAsync(new NullDemoView(), TestContext.Current.CancellationToken);
        await using var store = await StoreFactory.OpenAsync(Db, TestContext.Current.CancellationToken);
        Rows = (await store.GetTableStatsAsync(TestContext.Current.CancellationToken)).ToDictionary(s => s.Table, s => s.Rows);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless
        }

        return ValueTask.CompletedTask;
    }
}
