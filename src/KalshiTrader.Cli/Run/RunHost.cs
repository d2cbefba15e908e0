using System.Data.Common;
using System.Reflection;
using System.Runtime.InteropServices;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Kalshi;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Kalshi.WebSocket;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Records;
using KalshiTrader.Trading.Alerts;
using KalshiTrader.Trading.Catalog;
using KalshiTrader.Trading.Config;
using KalshiTrader.Trading.Control;
using KalshiTrader.Trading.Engine;
using KalshiTrader.Trading.Logging;
using KalshiTrader.Trading.Orders;
using KalshiTrader.Trading.Strategy;
using LogLevel = KalshiTrader.Trading.Logging.LogLevel;

namespace KalshiTrader.Cli.Run;

/// <summary>What <c>run</c> was asked for on the command line.</summary>
internal sealed record RunRequest(string? ConfigPath, string? Mode, bool Live, IReadOnlyList<string> Strategies, string? StateDir);

/// <summary>
/// Builds and runs one engine from config + command line: mode gate, logging with redaction, REST exchange and
/// WebSocket feed, catalog, the store (order journal and run record), alerts, strategies, control endpoint and signals. Returns the exit code.
/// </summary>
internal static class RunHost
{
    public static async Task<int> RunAsync(RunRequest request, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var configPath = request.ConfigPath ?? (File.Exists("config.yaml") ? "config.yaml" : null);
        var loaded = ConfigLoader.Load(configPath);
        if (!loaded.IsValid)
        {
            await stderr.WriteLineAsync($"invalid configuration{(configPath is null ? "" : $" in {configPath}")} ({loaded.Errors.Count} problems):").ConfigureAwait(false);
            foreach (var e in loaded.Errors) await stderr.WriteLineAsync("  " + e).ConfigureAwait(false);
            return 2;
        }

        var config = loaded.Config;
        if (!ModeGate.TryResolve(request.Mode, request.Live, config.Trading.DryRun, out var mode, out var modeError))
        {
            await stderr.WriteLineAsync(modeError).ConfigureAwait(false);
            return 2;
        }

        var registry = StrategyRegistry.WithBuiltins();
        registry.AddFrom(Assembly.Load(new AssemblyName("KalshiTrader.Strategies")));
        var names = request.Strategies.Count > 0 ? request.Strategies : config.Trading.Strategies;
        if (names.Count == 0)
        {
            await stderr.WriteLineAsync($"no strategy to run: pass --strategy NAME or set trading.strategies (available: {string.Join(", ", registry.Names)})").ConfigureAwait(false);
            return 2;
        }

        var unknown = names.Where(n => !registry.TryGet(n, out _)).ToList();
        if (unknown.Count > 0)
        {
            await stderr.WriteLineAsync($"unknown strategy {string.Join(", ", unknown)} (available: {string.Join(", ", registry.Names)})").ConfigureAwait(false);
            return 2;
        }

        KalshiConnectionOptions connection;
        try
        {
            connection = KalshiConnectionOptions.Resolve(config.Kalshi.Environment, config.Kalshi.RestUrl, config.Kalshi.WsUrl,
                config.Kalshi.ApiKeyId, config.Kalshi.PrivateKeyPath);
        }
        catch (FormatException ex)
        {
            await stderr.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 2;
        }

        if (mode == EngineMode.Paper && ModeGate.CheckPaperTarget(connection.RestBaseUrl) is { } paperError)
        {
            await stderr.WriteLineAsync(paperError).ConfigureAwait(false);
            return 2;
        }

        if (mode != EngineMode.DryRun && !connection.HasCredentials)
        {
            await stderr.WriteLineAsync($"{TradingEngine.ModeName(mode)} mode needs credentials: set KALSHI_API_KEY_ID and KALSHI_PRIVATE_KEY_PATH (or kalshi.api_key_id / kalshi.private_key_path)").ConfigureAwait(false);
            return 2;
        }

        var redactor = new Redactor();
        foreach (var secret in config.Secrets()) redactor.AddSecret(secret);
        var clock = TimeProvider.System;
        var level = Enum.Parse<LogLevel>(config.Logging.Level, ignoreCase: true);
        var logs = new List<IEngineLog>();
        JsonLinesLog? fileLog = null;
        if (config.Logging.File is { } logFile) logs.Add(fileLog = new JsonLinesLog(logFile, redactor, clock, level));
        if (config.Logging.Console) logs.Add(new ConsoleLog(stderr, redactor, clock, level));
        var log = new CompositeEngineLog([.. logs]);

        using var rest = KalshiRestClient.Create(connection, new KalshiRestClientOptions { Log = m => log.Debug("rest", m) }, clock, w => log.Warn("key", w));
        IExchange? exchange = rest.IsAuthenticated ? new KalshiExchange(rest) : null;
        var feed = new RunFeed(new KalshiMarketDataFeed(new KalshiWebSocketOptions
        {
            Url = connection.WebSocketUrl,
            Signer = connection.CreateSigner(clock),
            Log = m => log.Debug("ws", m),
        }), withAccount: rest.IsAuthenticated);

        IKalshiStore store;
        try
        {
            // Durable: an order is written here before it is sent, so its commit must survive a power loss too
            // (SQLite synchronous=FULL; PostgreSQL commits are durable already).
            store = await StoreFactory.OpenAsync(config.Trading.Store, new StoreOpenOptions { Durable = true }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or IOException or UnauthorizedAccessException or ArgumentException or TimeoutException)
        {
            await stderr.WriteLineAsync(redactor.Redact($"cannot open the order store {DescribeStore(config.Trading.Store)} (trading.store / KALSHI_STORE): {ex.Message}")).ConfigureAwait(false);
            return 2;
        }

        await using var storeLease = store;
        using var http = new HttpClient();
        await using IAlertSink alerts = config.Alerts.WebhookUrl is { } hook
            ? new WebhookAlertSink(http, new Uri(hook), AlertKinds(config.Alerts), redactor, log)
            : NullAlertSink.Instance;

        var strategies = names.Select(n =>
        {
            registry.TryGet(n, out var factory);
            var section = config.Strategies.TryGetValue(factory.Name, out var s) ? s : new Dictionary<string, string>();
            return factory.Create(new StrategyCreation { Section = section, Clock = clock });
        }).ToList();

        // Orders are in the store before they are sent; a restart adopts this mode's open orders of these strategies.
        await using var journal = new StoreOrderJournal(store, new StoreOrderJournalOptions { Mode = mode, Strategies = strategies.Select(s => s.Name).ToList() });
        var stateFolder = EngineStateFolder.Default(request.StateDir ?? config.Trading.StateDir);
        var options = new EngineOptions
        {
            Mode = mode,
            Limits = config.Trading.Limits,
            TimerInterval = config.Trading.TimerInterval,
            ReconcileInterval = config.Trading.ReconcileInterval,
            CancelOrdersOnStop = config.Trading.CancelOrdersOnStop,
            TradingDayZone = TimeZoneInfo.FindSystemTimeZoneById(config.Trading.TradingDayTimezone),
            Catalog = new CatalogQuery
            {
                Series = config.Scanning.Series,
                Events = config.Scanning.Events,
                Markets = config.Scanning.Markets,
                Status = config.Scanning.Status,
                MaxEvents = config.Scanning.MaxEvents,
                IncludeMultivariate = config.Scanning.IncludeMultivariate,
            },
            KillFilePath = stateFolder.KillFilePath,
            DryRunBalance = config.Trading.DryRunBalance,
        };

        var engine = new TradingEngine(options, strategies, feed, exchange, journal, new ScanningCatalogSource(rest), clock, log, alerts, store);
        log.Info("run.start", $"kalshi-trader run: {TradingEngine.ModeName(mode)} on {connection}",
            ("config", configPath ?? "(defaults + environment)"), ("strategies", string.Join(",", names)), ("store", DescribeStore(config.Trading.Store)));
        var run = new RunRecord
        {
            RunId = engine.RunId,
            Mode = TradingEngine.ModeName(mode),
            Strategy = string.Join(",", strategies.Select(s => s.Name)),
            StartedTime = clock.GetUtcNow(),
            Notes = $"kalshi-trader run on {connection}",
        };
        await store.UpsertRunAsync(run, cancellationToken).ConfigureAwait(false);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true; // stop gracefully instead of dying
            log.Info("run.signal", "SIGTERM: stopping gracefully");
            stop.Cancel();
        });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx =>
        {
            ctx.Cancel = true;
            log.Info("run.signal", "SIGINT: stopping gracefully");
            stop.Cancel();
        });

        await using var control = await ControlEndpoint.StartAsync(engine, stateFolder, stop.Token).ConfigureAwait(false);
        log.Info("run.control", $"control endpoint {control.Url} (state file {control.StateFile}); `kalshi-trader kill` stops this engine");
        await stdout.WriteLineAsync($"engine {engine.RunId} running in {TradingEngine.ModeName(mode)} mode; control {control.Url}; Ctrl-C stops, `kalshi-trader kill` kills").ConfigureAwait(false);
        try
        {
            var result = await engine.RunAsync(stop.Token).ConfigureAwait(false);
            await store.UpsertRunAsync(run with { EndedTime = clock.GetUtcNow(), Status = result.How }, CancellationToken.None).ConfigureAwait(false);
            await stdout.WriteLineAsync($"engine {engine.RunId} {result.How}" + (result.Kill is { } k ? $"; resting orders after kill: {k.RestingAfter}" : "")).ConfigureAwait(false);
            return result.Kill is { NoOrderRests: false } ? 3 : 0;
        }
        catch (Exception ex)
        {
            await stderr.WriteLineAsync(redactor.Redact($"engine failed: {ex.GetType().Name}: {ex.Message}")).ConfigureAwait(false);
            await RecordFailureAsync(store, run with { EndedTime = clock.GetUtcNow(), Status = "failed", Notes = redactor.Redact(ex.Message) }).ConfigureAwait(false);
            return 1;
        }
        finally
        {
            await feed.DisposeAsync().ConfigureAwait(false);
            fileLog?.Dispose();
        }
    }

    /// <summary>The store for logs and messages: a SQLite path, or just "postgresql" (its URL may hold a password).</summary>
    private static string DescribeStore(string connectionString)
    {
        var (engine, target) = StoreFactory.Parse(connectionString);
        return engine == StoreEngine.Sqlite ? "sqlite:" + target : "postgresql";
    }

    private static async Task RecordFailureAsync(IKalshiStore store, RunRecord run)
    {
        try
        {
            await store.UpsertRunAsync(run, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DbException or IOException or ObjectDisposedException)
        {
            // The store itself may be what failed; the error was already printed.
        }
    }

    private static HashSet<AlertKind> AlertKinds(AlertsSection a)
    {
        var kinds = new HashSet<AlertKind>();
        if (a.OnTrades) kinds.Add(AlertKind.Trade);
        if (a.OnErrors) kinds.Add(AlertKind.Error);
        if (a.OnKill) kinds.Add(AlertKind.Kill);
        if (a.OnDailyLoss) kinds.Add(AlertKind.DailyLoss);
        return kinds;
    }
}
