using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Exchange.Server;

/// <summary>How to start a <see cref="LocalExchangeHost"/>. Every field has a usable default.</summary>
public sealed record LocalExchangeOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks any free port (read it back from <see cref="LocalExchangeHost.RestUrl"/>).</summary>
    public int Port { get; init; }

    /// <summary>User accounts to create, each with its own RSA key pair.</summary>
    public int Accounts { get; init; } = 1;

    /// <summary>Cash each user account starts with.</summary>
    public Money StartingBalance { get; init; } = Money.FromCents(1_000_000);

    /// <summary>
    /// Where to write each account's <c>&lt;key id&gt;.pem</c> (mode 0600) and <c>&lt;key id&gt;.key_id</c>. Null writes
    /// them to a fresh folder under the system temp folder (deleted on dispose).
    /// </summary>
    public string? KeysDirectory { get; init; }

    /// <summary>Rate-limit tier of the user accounts: basic (a new Kalshi account's), advanced, premier, paragon, prime.</summary>
    public string Tier { get; init; } = RateLimitTiers.Basic;

    /// <summary>Seeds engine ids and scenarios, so a run is reproducible.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>A built-in scenario from the scenario registry (e.g. "demo").</summary>
    public string? Scenario { get; init; }

    /// <summary>Kalshi JSON: a <c>GET /events/{t}?with_nested_markets=true</c> response or a list of them.</summary>
    public string? ScenarioFile { get; init; }

    /// <summary>Run simulated participants (market makers, noise takers). Null: the scenario's default; scenario files stay still.</summary>
    public bool? Participants { get; init; }

    /// <summary>Optional 1-minute BTC bars for the BTC ladder scenario.</summary>
    public string? BtcCsvPath { get; init; }

    /// <summary>Planned run length for scenarios (injection times scale to it).</summary>
    public TimeSpan? ScenarioDuration { get; init; }

    /// <summary>The exchange's clock; null = system time (admin "advance time" still works through the offset).</summary>
    public ExchangeClockSource? Clock { get; init; }

    /// <summary>How far a request's KALSHI-ACCESS-TIMESTAMP may differ from the server's wall clock.</summary>
    public TimeSpan SignatureWindow { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Apply per-account token buckets (429 when empty). Tests of other things may turn this off.</summary>
    public bool RateLimits { get; init; } = true;

    /// <summary>WebSocket keep-alive ping period (Kalshi: 10 s).</summary>
    public TimeSpan PingInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often expirations, scheduled closes and settlement timers are checked.</summary>
    public TimeSpan TimerInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Faults armed at start (the admin API <c>/local/faults/...</c> arms more at run time).</summary>
    public FaultPlan Faults { get; init; } = new();

    /// <summary>Outgoing WebSocket messages a slow client may have queued before it is cut off (Kalshi error 25).</summary>
    public int WebSocketBufferMessages { get; init; } = 50_000;
}

/// <summary>Supplies the exchange clock for a host (lets tests pass a manual <see cref="Matching.ExchangeClock"/>).</summary>
public sealed record ExchangeClockSource(Matching.ExchangeClock Clock);
