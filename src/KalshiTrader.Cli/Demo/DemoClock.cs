using System.Diagnostics;

namespace KalshiTrader.Cli.Demo;

/// <summary>
/// The demo's market time: it stands still while the exchange, recorder and engine start (which can take seconds on
/// a busy machine), then runs with the wall clock from <see cref="Start"/>. The exchange, the scenario's injection
/// schedule and the engine all read it, so the schedule lines up with the trading window and every timestamp agrees.
/// Timers are real (the base implementation), and request signatures keep using the system clock.
/// </summary>
internal sealed class DemoClock : TimeProvider
{
    private readonly DateTimeOffset _origin;
    private readonly Stopwatch _running = new();

    public DemoClock(TimeProvider? wall = null) => _origin = (wall ?? System).GetUtcNow();

    public bool Started => _running.IsRunning;

    /// <summary>Market time since <see cref="Start"/> (zero before).</summary>
    public TimeSpan Elapsed => _running.Elapsed;

    public void Start() => _running.Start();

    public override DateTimeOffset GetUtcNow() => _origin + _running.Elapsed;
}
