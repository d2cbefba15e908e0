using System.Globalization;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Server;
using KalshiTrader.Testing;
using Microsoft.Data.Sqlite;

namespace KalshiTrader.Cli.Tests.Collect;

/// <summary>
/// <c>collect live</c> killed with SIGKILL mid-recording leaves a SQLite file that opens, passes integrity_check and
/// holds what was flushed; a restart records on under a new session without touching or doubling the old rows.
/// <c>collect candles</c> run twice continues from its checkpoints and doubles nothing.
/// </summary>
public sealed class CollectResumeAfterKillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AKillNineMidRecordingLeavesAReadableDatabaseThatARestartContinues()
    {
        var folder = RepoFolder.NewTempFolder("kt-collect-kill");
        var db = Path.Combine(folder, "kalshi.db");
        await using var exchange = await LocalExchangeHost.StartAsync(
            new LocalExchangeOptions { Accounts = 2, Scenario = "cpi", Participants = true, Seed = 11 }, Ct);

        // Candles and live ask the exchange for the open markets when the store has no catalog yet.
        long markets;
        lock (exchange.Engine.SyncRoot) markets = exchange.Engine.GetMarkets().Count(m => m.Status == Core.Markets.MarketStatus.Active);
        Trade(exchange);

        // Candles: --to reaches past now so the minute in progress (our trades) is fetched too; its candle can still
        // change, so the checkpoint stops at the last complete minute and the next run fetches that minute again.
        var to = DateTimeOffset.UtcNow.AddMinutes(2).ToString("O");
        using (var candles = CollectProcess.Start(exchange, db, "candles", "--periods", "1", "--from", DateTimeOffset.UtcNow.AddHours(-1).ToString("O"), "--to", to))
        {
            Assert.True(await candles.ExitCodeAsync() == 0, candles.Stderr);
        }

        Assert.True(Scalar(db, "SELECT COUNT(*) FROM candlesticks") > 0, "no candles from the trades just made");
        Assert.Equal(markets, Scalar(db, "SELECT COUNT(*) FROM checkpoints WHERE checkpoint_key LIKE 'candles:1:%'"));
        var checkpoint = DateTimeOffset.Parse(Text(db, "SELECT MIN(checkpoint_value) FROM checkpoints WHERE checkpoint_key LIKE 'candles:1:%'")!, CultureInfo.InvariantCulture);
        Assert.True(checkpoint <= DateTimeOffset.UtcNow, $"candle checkpoint {checkpoint:O} is past now: the candle in progress would never be refreshed");
        var settledBefore = $"SELECT COUNT(*) FROM candlesticks WHERE end_period_time <= {(checkpoint - DateTimeOffset.UnixEpoch).Ticks / 10}";
        var settledCandles = Scalar(db, settledBefore);
        using (var again = CollectProcess.Start(exchange, db, "candles", "--periods", "1", "--to", DateTimeOffset.UtcNow.AddMinutes(2).ToString("O")))
        {
            Assert.True(await again.ExitCodeAsync() == 0, again.Stderr);
        }

        Assert.Equal(settledCandles, Scalar(db, settledBefore));
        var candleRows = Scalar(db, "SELECT COUNT(*) FROM candlesticks");

        // Live, killed mid-run: whatever was flushed survives and the file is sound.
        using (var live = CollectProcess.Start(exchange, db, "live"))
        {
            await WaitForAsync(() => Scalar(db, "SELECT COUNT(*) FROM orderbook_deltas") >= 20 || live.HasExited, "20 recorded deltas", live);
            Assert.False(live.HasExited, live.Stderr);
            await live.KillNineAsync();
        }

        Assert.Equal("ok", Text(db, "PRAGMA integrity_check"));
        var killedDeltas = Scalar(db, "SELECT COUNT(*) FROM orderbook_deltas");
        var killedSessions = Scalar(db, "SELECT MAX(session) FROM orderbook_deltas");
        Assert.True(killedDeltas >= 20);

        // Restarted: a new session, the old rows untouched, nothing doubled.
        using (var restarted = CollectProcess.Start(exchange, db, "live", "--duration", "00:00:03"))
        {
            await WaitForAsync(() => Scalar(db, $"SELECT COUNT(*) FROM orderbook_deltas WHERE session > {killedSessions}") > 0 || restarted.HasExited, "deltas of the new session", restarted);
            Trade(exchange);
            Assert.True(await restarted.ExitCodeAsync() == 0, restarted.Stderr);
        }

        Assert.Equal("ok", Text(db, "PRAGMA integrity_check"));
        Assert.Equal(killedDeltas, Scalar(db, $"SELECT COUNT(*) FROM orderbook_deltas WHERE session <= {killedSessions}"));
        Assert.True(Scalar(db, "SELECT COUNT(*) FROM orderbook_deltas") > killedDeltas, "the restart recorded nothing");
        Assert.Equal(killedSessions + 1, Scalar(db, "SELECT MIN(session) FROM orderbook_deltas WHERE session > " + killedSessions));
        Assert.Equal((killedSessions + 1).ToString(CultureInfo.InvariantCulture), Text(db, "SELECT checkpoint_value FROM checkpoints WHERE checkpoint_key = 'live:session'"));

        // The new session's book subscription used every seq from 1 up, once (no gap, no repeat).
        var seqs = Longs(db, $"SELECT seq FROM orderbook_deltas WHERE session = {killedSessions + 1} UNION ALL " +
                             $"SELECT seq FROM orderbook_snapshots WHERE source = 'ws' AND session = {killedSessions + 1} ORDER BY 1");
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long)i), seqs);
        Assert.Equal(Scalar(db, "SELECT COUNT(DISTINCT trade_id) FROM trades"), Scalar(db, "SELECT COUNT(*) FROM trades"));
        Assert.Equal(0, Scalar(db, "SELECT COUNT(*) FROM feed_gaps"));
        Assert.Equal(candleRows, Scalar(db, "SELECT COUNT(*) FROM candlesticks"));
    }

    /// <summary>The test's own trades, one per market, so candles and trade prints exist whatever the participants do.</summary>
    private static void Trade(LocalExchangeHost exchange)
    {
        lock (exchange.Engine.SyncRoot)
        {
            foreach (var m in exchange.Engine.GetMarkets().Where(m => m.Status == Core.Markets.MarketStatus.Active).Take(3))
            {
                var r = exchange.Engine.Submit(exchange.Accounts[1].Id, new OrderRequest
                {
                    Ticker = m.Ticker, Side = OrderSide.Bid, YesPrice = Price.FromTicks(9900), Count = Quantity.FromContracts(1), TimeInForce = TimeInForce.ImmediateOrCancel,
                });
                Assert.True(r.IsOk, $"order on {m.Ticker}: {r.Error}");
            }
        }
    }

    private static async Task WaitForAsync(Func<bool> condition, string what, CollectProcess process)
    {
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"timed out waiting for {what}; stderr:\n{process.Stderr}");
            await Task.Delay(100, Ct);
        }
    }

    private static SqliteConnection Open(string db)
    {
        // Pooling off: a pooled handle would keep the file open after the test.
        var c = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Pooling = false, DefaultTimeout = 30 }.ToString());
        c.Open();
        return c;
    }

    private static object? Value(string db, string sql)
    {
        if (!File.Exists(db)) return null;
        using var c = Open(db);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        try
        {
            return cmd.ExecuteScalar();
        }
        catch (SqliteException ex) when (ex.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return null; // the child has not created the schema yet
        }
    }

    private static long Scalar(string db, string sql) => Value(db, sql) is { } v and not DBNull ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : 0;

    private static string? Text(string db, string sql) => Value(db, sql)?.ToString();

    private static List<long> Longs(string db, string sql)
    {
        using var c = Open(db);
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        using var r = cmd.ExecuteReader();
        var list = new List<long>();
        while (r.Read()) list.Add(r.GetInt64(0));
        return list;
    }
}
