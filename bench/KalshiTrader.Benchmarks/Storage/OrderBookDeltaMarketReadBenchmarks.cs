using BenchmarkDotNet.Attributes;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage;
using KalshiTrader.Storage.Records;
using Npgsql;

namespace KalshiTrader.Benchmarks.Storage;

/// <summary>
/// What the append-only delta layout costs a reader: one market's deltas out of a recorded session of
/// <see cref="Rows"/> rows over 1,000 markets (the shape of <see cref="OrderBookDeltaRecordingBenchmarks"/>). No
/// per-market index is kept on the write path, so a read scans its subscription's rows; time per read is reported for
/// a busy market (~1.4% of the rows) and a quiet one (~0.09%).
///   dotnet run -c Release --project bench/KalshiTrader.Benchmarks -- --filter '*OrderBookDeltaMarketRead*' --job short
/// </summary>
[MemoryDiagnoser]
public class OrderBookDeltaMarketReadBenchmarks
{
    private const int Rows = 200_000;
    private const int Markets = 1_000;

    private IKalshiStore _store = null!;
    private string[] _tickers = null!;
    private string? _folder;
    private string? _schema;
    private string? _adminConnection;

    [Params("sqlite", "postgres")]
    public string Engine { get; set; } = "sqlite";

    [GlobalSetup]
    public void Setup()
    {
        _tickers = Enumerable.Range(0, Markets).Select(i => $"KXBENCH-26MAR14-T{100000 + (i * 250)}.99").ToArray();
        if (Engine == "sqlite")
        {
            _folder = Path.Combine(Path.GetTempPath(), "kt-bench-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_folder);
            _store = StoreFactory.Open("sqlite:" + Path.Combine(_folder, "bench.db"));
        }
        else
        {
            var cs = Environment.GetEnvironmentVariable("KALSHI_TEST_POSTGRES")
                ?? throw new InvalidOperationException("KALSHI_TEST_POSTGRES is not set: run scripts/test-setup/postgres.sh and source scripts/test-setup/.env-out");
            _adminConnection = StoreFactory.Parse(cs).Target;
            _schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
            Execute(_adminConnection, $"CREATE SCHEMA {_schema}");
            _store = StoreFactory.Open(new NpgsqlConnectionStringBuilder(_adminConnection) { SearchPath = _schema }.ConnectionString);
        }

        var t0 = DateTimeOffset.UtcNow;
        for (long start = 0; start < Rows; start += 5_000)
        {
            var flush = new OrderBookDeltaRecord[5_000];
            for (var i = 0; i < flush.Length; i++)
            {
                var seq = start + i + 1;
                var market = (int)(seq * seq % 7 == 0 ? seq % 10 : seq * 7919 % Markets);
                var at = t0.AddTicks(seq * 1000);
                flush[i] = new OrderBookDeltaRecord(
                    1, 1, seq, _tickers[market], seq % 2 == 0 ? Outcome.Yes : Outcome.No, Price.FromTicks(1 + (int)(seq * 37 % 9998)),
                    Quantity.FromHundredths(100 + (seq % 5000)), at, at.AddTicks(250));
            }

            _store.InsertOrderBookDeltasAsync(flush, CancellationToken.None).GetAwaiter().GetResult();
        }
    }

    [Benchmark]
    public int ReadBusyMarket() => _store.GetOrderBookDeltasAsync(_tickers[3], null, null, CancellationToken.None).GetAwaiter().GetResult().Count;

    [Benchmark]
    public int ReadQuietMarket() => _store.GetOrderBookDeltasAsync(_tickers[500], null, null, CancellationToken.None).GetAwaiter().GetResult().Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (_folder is not null) Directory.Delete(_folder, recursive: true);
        if (_schema is not null && _adminConnection is not null) Execute(_adminConnection, $"DROP SCHEMA {_schema} CASCADE");
    }

    private static void Execute(string connectionString, string sql)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
