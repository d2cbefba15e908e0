using System.Data.Common;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;

namespace KalshiTrader.Storage.Sql;

/// <summary>
/// Everything both engines share: the SQL for reads (standard enough to run unchanged on SQLite and
/// PostgreSQL), mapping, and validation. Engines supply connections, the batched write path and migrations.
/// </summary>
internal abstract partial class SqlStore : IKalshiStore
{
    protected SqlStore(SqlDialect dialect)
    {
        Dialect = dialect;
        SchemaTables = Migrations.Tables(dialect);
        TableNames = SchemaTables.Select(t => t.Table).ToArray();
    }

    protected SqlDialect Dialect { get; }

    public abstract StoreEngine Engine { get; }

    /// <summary>Every table of this engine's schema and the column that dates its rows (from <see cref="Migrations"/>).</summary>
    protected IReadOnlyList<(string Table, string? TimeColumn)> SchemaTables { get; }

    public IReadOnlyList<string> TableNames { get; }

    /// <summary>Borrows a connection for one operation (the SQLite store serialises on its one connection).</summary>
    protected abstract ValueTask<ConnectionLease> LeaseAsync(CancellationToken cancellationToken);

    /// <summary>Writes every row in one transaction, inserting or resolving conflicts as <paramref name="spec"/> says.</summary>
    protected abstract Task WriteAsync<T>(TableSpec<T> spec, IReadOnlyList<T> rows, CancellationToken cancellationToken);

    public abstract ValueTask DisposeAsync();

    protected sealed record Arg(string Name, object? Value, ColumnKind Kind);

    protected static Arg A(string name, object? value, ColumnKind kind = ColumnKind.Text) => new(name, value, kind);

    protected DbCommand NewCommand(DbConnection connection, string sql, IEnumerable<Arg> args)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var a in args) Dialect.AddParameter(command, a.Name, a.Value, a.Kind);
        return command;
    }

    protected async Task<List<T>> QueryListAsync<T>(string sql, Func<Row, T> map, CancellationToken cancellationToken, params Arg[] args)
    {
        await using var lease = await LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = NewCommand(lease.Connection, sql, args);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var list = new List<T>();
        var row = new Row(reader, Dialect);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) list.Add(map(row));
        return list;
    }

    protected async Task<T?> QuerySingleAsync<T>(string sql, Func<Row, T> map, CancellationToken cancellationToken, params Arg[] args)
        where T : class
    {
        var list = await QueryListAsync(sql, map, cancellationToken, args).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    protected async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params Arg[] args)
    {
        await using var lease = await LeaseAsync(cancellationToken).ConfigureAwait(false);
        await using var command = NewCommand(lease.Connection, sql, args);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"AND col &gt;= @from AND col &lt;= @to" for the bounds that are set.</summary>
    protected static (string Sql, Arg[] Args) Range(string column, DateTimeOffset? from, DateTimeOffset? to)
    {
        var sql = "";
        var args = new List<Arg>();
        if (from is { } f)
        {
            sql += $" AND {column} >= @from";
            args.Add(A("from", f, ColumnKind.Time));
        }

        if (to is { } t)
        {
            sql += $" AND {column} <= @to";
            args.Add(A("to", t, ColumnKind.Time));
        }

        return (sql, args.ToArray());
    }

    private Task<List<T>> ByTickerAsync<T>(
        string table, string timeColumn, string orderBy, MarketTicker ticker, DateTimeOffset? from, DateTimeOffset? to,
        Func<Row, T> map, CancellationToken cancellationToken)
    {
        var (range, args) = Range(timeColumn, from, to);
        return QueryListAsync(
            $"SELECT * FROM {table} WHERE ticker = @ticker{range} ORDER BY {orderBy}", map, cancellationToken,
            [A("ticker", ticker.Value), .. args]);
    }

    // ---------------------------------------------------------------- market data

    public Task UpsertSeriesAsync(IReadOnlyList<Series> series, CancellationToken cancellationToken) =>
        WriteAsync(Tables.Series, series, cancellationToken);

    public async Task UpsertEventsAsync(IReadOnlyList<Event> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0) return;
        await WriteWithParentsAsync(
            Tables.Events, events, "series", "series_ticker", events.Select(e => e.SeriesTicker.Value), cancellationToken).ConfigureAwait(false);
        var nested = events.SelectMany(e => e.Markets).ToList();
        if (nested.Count > 0) await UpsertMarketsAsync(nested, cancellationToken).ConfigureAwait(false);
    }

    public Task UpsertMarketsAsync(IReadOnlyList<Market> markets, CancellationToken cancellationToken) =>
        WriteWithParentsAsync(Tables.Markets, markets, "events", "event_ticker", markets.Select(m => m.EventTicker.Value), cancellationToken);

    /// <summary>Writes, and when a foreign key fails names the parents that are missing instead of the driver's bare error.</summary>
    private async Task WriteWithParentsAsync<T>(
        TableSpec<T> spec, IReadOnlyList<T> rows, string parentTable, string parentKey, IEnumerable<string> parents,
        CancellationToken cancellationToken)
    {
        try
        {
            await WriteAsync(spec, rows, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            var wanted = parents.Distinct().ToList();
            var missing = new List<string>();
            foreach (var chunk in wanted.Chunk(500))
            {
                var args = chunk.Select((p, i) => A("k" + i, p)).ToArray();
                var present = await QueryListAsync(
                    $"SELECT {parentKey} FROM {parentTable} WHERE {parentKey} IN ({string.Join(", ", args.Select(a => "@" + a.Name))})",
                    r => r.Text(parentKey), cancellationToken, args).ConfigureAwait(false);
                missing.AddRange(chunk.Except(present));
            }

            if (missing.Count == 0) throw;
            throw new InvalidOperationException(
                $"{spec.Name}: {missing.Count} {parentKey} value(s) not in {parentTable} (write the parents first): " +
                string.Join(", ", missing.Take(10)) + (missing.Count > 10 ? ", ..." : ""), ex);
        }
    }

    public Task<Series?> GetSeriesAsync(SeriesTicker ticker, CancellationToken cancellationToken) =>
        QuerySingleAsync("SELECT * FROM series WHERE series_ticker = @t", Readers.Series, cancellationToken, A("t", ticker.Value));

    public async Task<Event?> GetEventAsync(EventTicker ticker, CancellationToken cancellationToken)
    {
        var markets = await GetMarketsAsync(new MarketFilter(EventTicker: ticker), cancellationToken).ConfigureAwait(false);
        return await QuerySingleAsync(
            "SELECT * FROM events WHERE event_ticker = @t", r => Readers.Event(r, markets), cancellationToken, A("t", ticker.Value))
            .ConfigureAwait(false);
    }

    public Task<Market?> GetMarketAsync(MarketTicker ticker, CancellationToken cancellationToken) =>
        QuerySingleAsync("SELECT * FROM markets WHERE ticker = @t", Readers.Market, cancellationToken, A("t", ticker.Value));

    public async Task<IReadOnlyList<Market>> GetMarketsAsync(MarketFilter filter, CancellationToken cancellationToken)
    {
        var sql = "SELECT m.* FROM markets m";
        var args = new List<Arg>();
        var where = new List<string>();
        if (filter.SeriesTicker is { } s)
        {
            sql += " JOIN events e ON e.event_ticker = m.event_ticker";
            where.Add("e.series_ticker = @series");
            args.Add(A("series", s.Value));
        }

        if (filter.EventTicker is { } e)
        {
            where.Add("m.event_ticker = @event");
            args.Add(A("event", e.Value));
        }

        if (filter.Statuses is { Count: > 0 } statuses)
        {
            var names = statuses.Select((st, i) => A("st" + i, MarketEnumsWire.ToWire(st))).ToList();
            where.Add($"m.status IN ({string.Join(", ", names.Select(n => "@" + n.Name))})");
            args.AddRange(names);
        }

        if (where.Count > 0) sql += " WHERE " + string.Join(" AND ", where);
        sql += " ORDER BY m.ticker";
        if (filter.Limit is { } limit) sql += $" LIMIT {Math.Max(0, limit)}";
        return await QueryListAsync(sql, Readers.Market, cancellationToken, args.ToArray()).ConfigureAwait(false);
    }

    public Task InsertMarketSnapshotsAsync(IReadOnlyList<MarketSnapshot> snapshots, CancellationToken cancellationToken) =>
        WriteAsync(Tables.MarketSnapshots, snapshots, cancellationToken);

    public async Task<IReadOnlyList<MarketSnapshot>> GetMarketSnapshotsAsync(
        MarketTicker ticker, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        await ByTickerAsync("market_snapshots", "snapshot_time", "snapshot_time, source", ticker, from, to, Readers.MarketSnapshot, cancellationToken)
            .ConfigureAwait(false);

    public Task UpsertCandlesticksAsync(IReadOnlyList<Candlestick> candles, CancellationToken cancellationToken) =>
        WriteAsync(Tables.Candlesticks, candles, cancellationToken);

    public async Task<IReadOnlyList<Candlestick>> GetCandlesticksAsync(
        MarketTicker ticker, int periodMinutes, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var (range, args) = Range("end_period_time", from, to);
        return await QueryListAsync(
            $"SELECT * FROM candlesticks WHERE ticker = @ticker AND period_minutes = @period{range} ORDER BY end_period_time",
            Readers.Candlestick, cancellationToken, [A("ticker", ticker.Value), A("period", (long)periodMinutes, ColumnKind.Int), .. args])
            .ConfigureAwait(false);
    }

    public Task InsertOrderBookSnapshotsAsync(IReadOnlyList<OrderBookSnapshotRecord> snapshots, CancellationToken cancellationToken) =>
        WriteAsync(Tables.OrderBookSnapshots, snapshots, cancellationToken);

    public async Task<IReadOnlyList<OrderBookSnapshotRecord>> GetOrderBookSnapshotsAsync(
        MarketTicker ticker, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        await ByTickerAsync("orderbook_snapshots", "received_time", "received_time", ticker, from, to, Readers.OrderBookSnapshot, cancellationToken)
            .ConfigureAwait(false);

    public virtual Task InsertOrderBookDeltasAsync(IReadOnlyList<OrderBookDeltaRecord> deltas, CancellationToken cancellationToken) =>
        WriteAsync(Tables.OrderBookDeltas, deltas, cancellationToken);

    public virtual async Task<IReadOnlyList<OrderBookDeltaRecord>> GetOrderBookDeltasAsync(
        MarketTicker ticker, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        await ByTickerAsync("orderbook_deltas", "received_time", "session, sid, seq", ticker, from, to, Readers.OrderBookDelta, cancellationToken)
            .ConfigureAwait(false);

    public Task InsertFeedGapsAsync(IReadOnlyList<FeedGapRecord> gaps, CancellationToken cancellationToken) =>
        WriteAsync(Tables.FeedGaps, gaps, cancellationToken);

    public Task UpsertTradesAsync(IReadOnlyList<Trade> trades, CancellationToken cancellationToken) =>
        WriteAsync(Tables.Trades, trades, cancellationToken);

    public async Task<IReadOnlyList<Trade>> GetTradesAsync(
        MarketTicker ticker, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        await ByTickerAsync("trades", "created_time", "created_time, trade_id", ticker, from, to, Readers.Trade, cancellationToken)
            .ConfigureAwait(false);

    public Task InsertTickersAsync(IReadOnlyList<TickerUpdate> tickers, CancellationToken cancellationToken) =>
        WriteAsync(Tables.Tickers, tickers, cancellationToken);

    public async Task<IReadOnlyList<TickerUpdate>> GetTickersAsync(
        MarketTicker ticker, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken) =>
        await ByTickerAsync("tickers", "received_time", "received_time", ticker, from, to, Readers.Ticker, cancellationToken)
            .ConfigureAwait(false);

    public Task InsertLifecycleEventsAsync(IReadOnlyList<LifecycleRecord> events, CancellationToken cancellationToken) =>
        WriteAsync(Tables.Lifecycle, events, cancellationToken);

    public async Task<IReadOnlyList<LifecycleRecord>> GetLifecycleEventsAsync(MarketTicker ticker, CancellationToken cancellationToken) =>
        await ByTickerAsync("lifecycle_events", "received_time", "received_time", ticker, null, null, Readers.Lifecycle, cancellationToken)
            .ConfigureAwait(false);

    public Task UpsertSpotTicksAsync(IReadOnlyList<SpotTick> ticks, CancellationToken cancellationToken) =>
        WriteAsync(Tables.SpotTicks, ticks, cancellationToken);

    public async Task<IReadOnlyList<SpotTick>> GetSpotTicksAsync(
        string source, string symbol, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var (range, args) = Range("tick_time", from, to);
        return await QueryListAsync(
            $"SELECT * FROM spot_ticks WHERE source = @source AND symbol = @symbol{range} ORDER BY tick_time",
            Readers.SpotTick, cancellationToken, [A("source", source), A("symbol", symbol), .. args]).ConfigureAwait(false);
    }

    public Task UpsertFeaturesAsync(IReadOnlyList<FeatureRecord> features, CancellationToken cancellationToken) =>
        WriteAsync(Tables.Features, features, cancellationToken);

    public async Task<IReadOnlyList<FeatureRecord>> GetFeaturesAsync(
        string subject, string? name, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var (range, args) = Range("feature_time", from, to);
        var nameSql = name is null ? "" : " AND name = @name";
        Arg[] nameArgs = name is null ? [] : [A("name", name)];
        return await QueryListAsync(
            $"SELECT * FROM features WHERE subject = @subject{nameSql}{range} ORDER BY feature_time, name",
            Readers.Feature, cancellationToken, [A("subject", subject), .. nameArgs, .. args]).ConfigureAwait(false);
    }

    public Task InsertQuarantineAsync(IReadOnlyList<QuarantineRecord> messages, CancellationToken cancellationToken) =>
        WriteAsync(Tables.Quarantine, messages, cancellationToken);

    public async Task<IReadOnlyList<QuarantineRecord>> GetQuarantineAsync(int limit, CancellationToken cancellationToken) =>
        await QueryListAsync($"SELECT * FROM quarantine ORDER BY id LIMIT {Math.Max(0, limit)}", Readers.Quarantine, cancellationToken)
            .ConfigureAwait(false);

    public async Task<string?> GetCheckpointAsync(string key, CancellationToken cancellationToken)
    {
        var list = await QueryListAsync(
            "SELECT checkpoint_value FROM checkpoints WHERE checkpoint_key = @k", r => r.Text("checkpoint_value"), cancellationToken, A("k", key))
            .ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public Task SetCheckpointAsync(string key, string value, DateTimeOffset time, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "INSERT INTO checkpoints (checkpoint_key, checkpoint_value, updated_time) VALUES (@k, @v, @t) " +
            "ON CONFLICT (checkpoint_key) DO UPDATE SET checkpoint_value = excluded.checkpoint_value, updated_time = excluded.updated_time",
            cancellationToken, A("k", key), A("v", value), A("t", time, ColumnKind.Time));
}
