using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json;
using KalshiTrader.Cli.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Exchange.Scenarios;
using KalshiTrader.Exchange.Server;

namespace KalshiTrader.Cli.Commands;

/// <summary>
/// <c>exchange serve</c>: runs the local Kalshi exchange (REST v2, WebSocket v2, admin API under /local/) on 127.0.0.1
/// until SIGINT/SIGTERM. With <c>--json</c> the first stdout line is one JSON object with the URLs and accounts.
/// <c>--fault-...</c> flags arm the admin API's faults from the start (<see cref="FaultFlags"/>).
/// </summary>
internal static class ExchangeCommands
{
    public static IEnumerable<Command> Create()
    {
        var exchange = new Command("exchange", "The local Kalshi exchange.");
        exchange.Subcommands.Add(Serve());
        return [exchange];
    }

    private static Command Serve()
    {
        var port = new Option<int>("--port") { Description = "TCP port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 0 };
        var scenario = new Option<string?>("--scenario") { Description = $"built-in scenario: {string.Join(", ", ScenarioRegistry.Names)}" };
        var scenarioFile = new Option<string?>("--scenario-file") { Description = "Kalshi JSON: a GET /events/{ticker}?with_nested_markets=true response, or a list of them" };
        var accounts = new Option<int>("--accounts") { Description = "user accounts to create, one RSA key each", DefaultValueFactory = _ => 1 };
        var keysDir = new Option<string?>("--keys-dir") { Description = "where to write <key id>.pem (mode 0600); default: a temp folder removed at exit" };
        var seed = new Option<ulong>("--seed") { Description = "seed for ids, scenarios and participants", DefaultValueFactory = _ => 1UL };
        var tier = new Option<string>("--tier") { Description = $"rate-limit tier: {string.Join(", ", RateLimitTiers.Names)}", DefaultValueFactory = _ => RateLimitTiers.Basic };
        var balance = new Option<string>("--balance") { Description = "starting cash per account, in dollars", DefaultValueFactory = _ => "10000.00" };
        var participants = new Option<bool>("--participants") { Description = "run simulated market makers and noise takers (built-in scenarios run them by default)" };
        var noParticipants = new Option<bool>("--no-participants") { Description = "keep a built-in scenario's books still" };
        var btcCsv = new Option<string?>("--btc-csv") { Description = "1-minute BTC bars for the btc-ladder scenario" };
        var duration = new Option<double?>("--duration-minutes") { Description = "planned run length for scenarios (injection times scale to it)" };
        var json = new Option<bool>("--json") { Description = "print one JSON object (rest_url, ws_url, accounts) as the first stdout line" };
        var faults = new FaultFlags();
        var cmd = new Command("serve", "Run the local exchange until SIGINT/SIGTERM.")
        {
            port, scenario, scenarioFile, accounts, keysDir, seed, tier, balance, participants, noParticipants, btcCsv, duration, json,
        };
        foreach (var f in faults.All) cmd.Options.Add(f);
        cmd.SetAction(async (ParseResult pr, CancellationToken ct) =>
        {
            if (pr.GetValue(scenario) is not null && pr.GetValue(scenarioFile) is not null)
            {
                Console.Error.WriteLine("give --scenario or --scenario-file, not both");
                return 2;
            }

            if (!Money.TryParse(pr.GetValue(balance), out var startingBalance) || startingBalance.IsNegative)
            {
                Console.Error.WriteLine($"--balance: '{pr.GetValue(balance)}' is not a dollar amount");
                return 2;
            }

            if (faults.Read(pr, out var faultError) is not { } faultPlan)
            {
                Console.Error.WriteLine(faultError);
                return 2;
            }

            var options = new LocalExchangeOptions
            {
                Port = pr.GetValue(port),
                Accounts = pr.GetValue(accounts),
                KeysDirectory = pr.GetValue(keysDir) is { } dir ? Path.GetFullPath(dir) : null,
                Seed = pr.GetValue(seed),
                Tier = pr.GetValue(tier)!,
                StartingBalance = startingBalance,
                Scenario = pr.GetValue(scenario),
                ScenarioFile = pr.GetValue(scenarioFile),
                Participants = pr.GetValue(participants) ? true : pr.GetValue(noParticipants) ? false : null,
                BtcCsvPath = pr.GetValue(btcCsv),
                ScenarioDuration = pr.GetValue(duration) is { } minutes ? TimeSpan.FromMinutes(minutes) : null,
                Faults = faultPlan,
            };

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c =>
            {
                c.Cancel = true;
                stop.Cancel();
            });
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c =>
            {
                c.Cancel = true;
                stop.Cancel();
            });

            LocalExchangeHost host;
            try
            {
                host = await LocalExchangeHost.StartAsync(options, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or JsonException)
            {
                Console.Error.WriteLine($"cannot start the exchange: {ex.Message}");
                return 2;
            }

            await using (host.ConfigureAwait(false))
            {
                if (pr.GetValue(json)) Console.Out.WriteLine(StartupJson(host));
                else PrintStartup(host);
                await Console.Out.FlushAsync(ct).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                }

                Console.Error.WriteLine("stopping the exchange");
            }

            return 0;
        });
        return cmd;
    }

    /// <summary>The one-line startup object: {"rest_url", "ws_url", "accounts":[{"key_id","private_key_path","balance_dollars"}]}.</summary>
    internal static string StartupJson(LocalExchangeHost host)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("rest_url", host.RestUrl);
            w.WriteString("ws_url", host.WsUrl);
            w.WriteStartArray("accounts");
            foreach (var a in host.Accounts)
            {
                w.WriteStartObject();
                w.WriteString("key_id", a.KeyId);
                w.WriteString("private_key_path", a.PrivateKeyPath);
                w.WriteString("balance_dollars", a.StartingBalance.ToDollarString());
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void PrintStartup(LocalExchangeHost host)
    {
        Console.Out.WriteLine($"local Kalshi exchange running");
        Console.Out.WriteLine($"  REST       {host.RestUrl}");
        Console.Out.WriteLine($"  WebSocket  {host.WsUrl}");
        Console.Out.WriteLine($"  admin      {host.BaseUrl}/local/");
        if (!host.Options.Faults.IsEmpty) Console.Out.WriteLine($"  faults     {host.Options.Faults.Describe()}");
        if (host.Scenario is { } s) Console.Out.WriteLine($"  scenario   {s.Name} ({s.Markets.Count} markets{(host.Participants?.Options.Live == true ? ", participants trading" : ", still book")})");
        if (host.LoadedFile is { } f) Console.Out.WriteLine($"  file       {f.Events.Count} events, {f.Markets.Count} markets{(host.Participants?.Options.Live == true ? ", participants trading" : ", still book")}");
        foreach (var a in host.Accounts)
        {
            Console.Out.WriteLine($"  account    {a.Name}: key id {a.KeyId}, key file {a.PrivateKeyPath}, {a.StartingBalance.ToDisplayString()}, tier {a.Tier}");
        }

        Console.Out.WriteLine("press Ctrl-C to stop");
    }
}
