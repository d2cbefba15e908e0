using System.Net;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Participants;
using KalshiTrader.Exchange.Scenarios;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KalshiTrader.Exchange.Server;

/// <summary>
/// A local Kalshi exchange in-process, started with one call:
/// <code>
/// await using var exchange = await LocalExchangeHost.StartAsync(new LocalExchangeOptions { Accounts = 2 }, ct);
/// // exchange.RestUrl  = "http://127.0.0.1:PORT/trade-api/v2"
/// // exchange.WsUrl    = "ws://127.0.0.1:PORT/trade-api/ws/v2"
/// // exchange.Accounts[0].KeyId / .PrivateKeyPath / .CreateSigner()
/// </code>
/// It serves Kalshi's REST v2 and WebSocket v2 (RSA-PSS auth, rate limits, Kalshi's JSON) on 127.0.0.1, runs the
/// engine's timers, optionally a scenario with simulated participants, and the admin API under <c>/local/</c>.
/// Tests and tools may also drive <see cref="Engine"/> directly (take <see cref="MatchingEngine.SyncRoot"/>) and
/// <see cref="Faults"/>.
/// </summary>
public sealed class LocalExchangeHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly KeyRegistry _keys;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _background = [];
    private readonly List<LocalAccount> _accounts = [];
    private readonly string _keysFolder;
    private readonly bool _ownsKeysFolder;
    private readonly Random _keyRng;
    private readonly WsHub _hub;

    private LocalExchangeHost(LocalExchangeOptions options, MatchingEngine engine, ExchangeClock clock, WebApplication app, KeyRegistry keys,
        FaultInjector faults, WsHub hub, string keysFolder, bool ownsKeysFolder)
    {
        Options = options;
        Engine = engine;
        Clock = clock;
        _app = app;
        _keys = keys;
        Faults = faults;
        _hub = hub;
        _keysFolder = keysFolder;
        _ownsKeysFolder = ownsKeysFolder;
        _keyRng = new Random(unchecked((int)options.Seed) ^ 0x4b45);
    }

    public LocalExchangeOptions Options { get; }
    public MatchingEngine Engine { get; }
    public ExchangeClock Clock { get; }
    public FaultInjector Faults { get; }

    /// <summary>"http://127.0.0.1:PORT/trade-api/v2".</summary>
    public string RestUrl { get; private set; } = "";

    /// <summary>"ws://127.0.0.1:PORT/trade-api/ws/v2".</summary>
    public string WsUrl { get; private set; } = "";

    /// <summary>"http://127.0.0.1:PORT" (the admin API is under <c>/local/</c>).</summary>
    public string BaseUrl { get; private set; } = "";

    public int Port { get; private set; }

    /// <summary>The user accounts (not the liquidity or participant accounts).</summary>
    public IReadOnlyList<LocalAccount> Accounts
    {
        get { lock (_accounts) return _accounts.ToArray(); }
    }

    /// <summary>The scenario running, when one was asked for.</summary>
    public IScenario? Scenario { get; private set; }

    /// <summary>The scenario's participants driver, when participants run.</summary>
    public ScenarioHost? Participants { get; private set; }

    /// <summary>What a scenario file loaded, when one was given.</summary>
    public ScenarioFileLoader.Loaded? LoadedFile { get; private set; }

    /// <summary>Live WebSocket connections.</summary>
    public int WebSocketConnections => _hub.ConnectionCount;

    /// <summary>Starts the exchange; throws <see cref="ArgumentException"/> for a bad option (unknown scenario, tier, missing file).</summary>
    public static async Task<LocalExchangeHost> StartAsync(LocalExchangeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new LocalExchangeOptions();
        if (!RateLimitTiers.TryGet(options.Tier, out _)) throw new ArgumentException($"tier must be one of {string.Join(", ", RateLimitTiers.Names)}; was '{options.Tier}'");
        if (options.Scenario is not null && options.ScenarioFile is not null) throw new ArgumentException("give a scenario name or a scenario file, not both");
        if (options.Accounts < 0) throw new ArgumentException("accounts must not be negative");
        if (options.Faults.Validate() is { } faultProblem) throw new ArgumentException(faultProblem);

        var clock = options.Clock?.Clock ?? new ExchangeClock();
        var engine = new MatchingEngine(clock, new MatchingEngineOptions { Seed = options.Seed });
        var faults = new FaultInjector();
        var hub = new WsHub(faults);
        engine.AddSink(hub);
        var keys = new KeyRegistry();
        var ownsKeys = options.KeysDirectory is null;
        var keysFolder = options.KeysDirectory ?? Path.Combine(Path.GetTempPath(), $"kt-exchange-keys-{Guid.NewGuid():N}");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddRoutingCore();
        var app = builder.Build();
        var host = new LocalExchangeHost(options, engine, clock, app, keys, faults, hub, keysFolder, ownsKeys);
        faults.DropWebSocketsRequested += hub.AbortAll;

        try
        {
            host.LoadMarkets();
            for (var i = 0; i < options.Accounts; i++) host.AddAccount($"user{i + 1}", options.StartingBalance, options.Tier);
            var context = new ExchangeContext(engine, keys, new RateLimiter(options.RateLimits), faults, options);
            host.MapRoutes(context);
            options.Faults.Arm(faults, engine);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            host.Port = new Uri(address).Port;
            host.BaseUrl = $"http://127.0.0.1:{host.Port}";
            host.RestUrl = host.BaseUrl + "/trade-api/v2";
            host.WsUrl = $"ws://127.0.0.1:{host.Port}/trade-api/ws/v2";
            host.StartBackground();
            return host;
        }
        catch
        {
            await host.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens another user account with its own key pair.</summary>
    public LocalAccount AddAccount(string? name, Money balance, string? tier = null)
    {
        tier ??= Options.Tier;
        if (!RateLimitTiers.TryGet(tier, out _)) throw new ArgumentException($"unknown tier '{tier}'");
        AccountId id;
        lock (Engine.SyncRoot) id = Engine.CreateAccount(name ?? $"user{_accounts.Count + 1}", balance);
        (string KeyId, string PemPath) key;
        lock (_keyRng) key = _keys.Issue(id, tier, _keysFolder, _keyRng);
        var account = new LocalAccount(id, name ?? $"user{id.Value}", key.KeyId, key.PemPath, balance, tier);
        lock (_accounts) _accounts.Add(account);
        return account;
    }

    /// <summary>Moves exchange time forward and runs whatever came due (expirations, closes, settlements).</summary>
    public void AdvanceTime(TimeSpan by)
    {
        Clock.Advance(by);
        lock (Engine.SyncRoot) Engine.ProcessTimers();
    }

    internal IEnumerable<(AccountSummary Summary, string? KeyId, string? Tier)> AllAccounts()
    {
        var byAccount = _keys.All.ToDictionary(k => k.Account, k => k);
        lock (Engine.SyncRoot)
        {
            return Engine.Accounts.Select(a => (Engine.GetAccount(a)!, byAccount.TryGetValue(a, out var k) ? k.KeyId : null, k?.Tier)).ToArray();
        }
    }

    private void LoadMarkets()
    {
        var participants = Options.Participants;
        if (Options.Scenario is { } name)
        {
            if (!ScenarioRegistry.TryCreate(name, new ScenarioOptions(Options.Seed, Options.ScenarioDuration, Options.BtcCsvPath), out var scenario, out var error))
            {
                throw new ArgumentException(error);
            }

            lock (Engine.SyncRoot) scenario!.Install(Engine);
            Scenario = scenario;
            var live = participants ?? scenario!.ParticipantsByDefault;
            Participants = new ScenarioHost(Engine, scenario!, new ParticipantOptions { Live = live, Seed = Options.Seed }, Clock);
        }
        else if (Options.ScenarioFile is { } file)
        {
            if (!File.Exists(file)) throw new ArgumentException($"scenario file not found: {file}");
            var events = ScenarioFileLoader.Read(file);
            lock (Engine.SyncRoot) LoadedFile = ScenarioFileLoader.Load(Engine, events);
            if (participants == true)
            {
                // A file gives quotes, not a model: participants quote around fair values anchored at the loaded books.
                var scenario = new LoadedMarketsScenario(Options.Seed);
                scenario.Install(Engine);
                Scenario = scenario;
                Participants = new ScenarioHost(Engine, scenario, new ParticipantOptions { Live = true, Seed = Options.Seed }, Clock);
            }
        }
    }

    private void MapRoutes(ExchangeContext context)
    {
        _app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = Options.PingInterval, KeepAliveTimeout = Options.PingInterval * 3 });

        // Faults apply to the Kalshi surface only; the admin API always answers.
        _app.Use(async (ctx, next) =>
        {
            if (ctx.Request.Path.StartsWithSegments("/trade-api", StringComparison.Ordinal))
            {
                if (Faults.TakeDelay() is { } delay) await Task.Delay(delay, ctx.RequestAborted).ConfigureAwait(false);
                if (Faults.TakeFailure() is { } status)
                {
                    ctx.Response.StatusCode = status;
                    ctx.Response.ContentType = "application/json";
                    var body = status == 429 ? "{\"error\":\"too many requests\"}"
                        : $"{{\"error\":{{\"code\":\"{(status == 503 ? "service_unavailable" : "internal_server_error")}\",\"message\":\"injected fault: {status}\"}}}}";
                    await ctx.Response.WriteAsync(body, ctx.RequestAborted).ConfigureAwait(false);
                    return;
                }
            }

            await next(ctx).ConfigureAwait(false);
        });

        var v2 = _app.MapGroup("/trade-api/v2");
        MarketDataEndpoints.Map(v2, context);
        var auth = v2.MapGroup("").AddEndpointFilter(new AuthAndLimitFilter(context, TimeProvider.System));
        PortfolioEndpoints.Map(auth, context);
        OrderEndpoints.Map(auth, context);
        Legacy.LegacyOrderEndpoints.Map(auth, context);
        _app.Map("/trade-api/ws/v2", ctx => AcceptWebSocket(ctx, context));
        AdminEndpoints.Map(_app, this, context);
        _app.MapFallback((HttpContext ctx) => Rest.Error(404, "not_found", $"no such endpoint: {ctx.Request.Method} {ctx.Request.Path}"));
    }

    private async Task AcceptWebSocket(HttpContext ctx, ExchangeContext context)
    {
        if (!ctx.WebSockets.IsWebSocketRequest)
        {
            await Rest.Error(400, "invalid_parameters", "this endpoint speaks WebSocket only").ExecuteAsync(ctx).ConfigureAwait(false);
            return;
        }

        var (entry, problem) = AuthAndLimitFilter.Authenticate(ctx.Request, context, TimeProvider.System, "/trade-api/ws/v2");
        if (problem is not null)
        {
            await problem.ExecuteAsync(ctx).ConfigureAwait(false);
            return;
        }

        using var socket = await ctx.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var connection = new WsConnection(socket, Engine, _hub, entry!.Account, Options.WebSocketBufferMessages);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stopping.Token);
        await connection.RunAsync(linked.Token).ConfigureAwait(false);
    }

    private void StartBackground()
    {
        var ct = _stopping.Token;
        _background.Add(Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(Options.TimerInterval);
            try
            {
                while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
                {
                    lock (Engine.SyncRoot) Engine.ProcessTimers();
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, ct));
        if (Participants is { } p && p.Options.Live) _background.Add(Task.Run(() => p.RunAsync(ct), ct));
        if (Options.Faults.DropWebSocketsEvery is { } period) _background.Add(Task.Run(() => DropWebSocketsAsync(period, ct), ct));
    }

    /// <summary>The repeating drop fault: every connection is cut each period, as the admin API's drop_ws does once.</summary>
    private async Task DropWebSocketsAsync(TimeSpan period, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false)) Faults.DropWebSockets();
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _hub.AbortAll();
        try
        {
            await Task.WhenAll(_background).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
        }

        await _app.DisposeAsync().ConfigureAwait(false);
        _keys.Dispose();
        _stopping.Dispose();
        if (_ownsKeysFolder && Directory.Exists(_keysFolder)) Directory.Delete(_keysFolder, recursive: true);
    }
}
