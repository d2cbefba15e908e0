using System.Text;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Storage.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KalshiTrader.Storage.Sqlite;

/// <summary>
/// The order-book delta write path (the recorder's hot path) for the schema of <see cref="SchemaDeltaStreams"/>:
/// resolves each row's stream id (one per (session, sid, seq &gt;&gt; 32), cached; new streams are created in the same
/// transaction), computes its delta_id, and inserts the batch in delta_id order, which for a live recording is arrival
/// order and the end of the table: appends, whatever the number of markets. Rows go through prepared multi-row
/// statements, every value bound by type: no boxing, no per-row string encoding (a market's ticker is encoded once and
/// cached with its (ticker, session, sid) entry in orderbook_delta_markets), and a stream's own columns bound once per
/// statement where a statement holds one stream (each bind is a P/Invoke and a mutex round trip; they were a quarter
/// of the cost). A repeated (session, sid, seq) conflicts on delta_id and is skipped, the first copy in a batch
/// winning. The caller serialises access to the connection.
/// </summary>
internal sealed class SqliteDeltaWriter(SqliteConnection connection) : IDisposable
{
    // 100 rows x 11 columns = 1,100 parameters, far under SQLITE_MAX_VARIABLE_NUMBER (32,766).
    internal const int RowsPerStatement = 100;

    // Streams and markets of past sessions are never written again; past this many the caches start over (the tables have them all).
    private const int MaxCachedStreams = 100_000;
    private const int MaxCachedMarkets = 100_000;

    private const int SeqBits = 32;
    private const long SeqMask = (1L << SeqBits) - 1;
    private const long MaxStreamId = (1L << (63 - SeqBits)) - 1;

    private const int OneStreamRowValues = 8;

    private const string Columns =
        "delta_id, session, sid, seq, ticker, side, price_ticks, delta_hundredths, exchange_time, received_time, client_order_id";

    private const int SideColumn = 5;

    private readonly Dictionary<StreamKey, Stream> _streams = [];
    private readonly Dictionary<MarketKey, byte[]> _markets = [];
    private sqlite3_stmt? _multi;
    private sqlite3_stmt? _single;
    private sqlite3_stmt? _oneStream;

    private readonly record struct StreamKey(long Session, long Sid, long SeqBlock);

    private readonly record struct MarketKey(string Ticker, long Session, long Sid);

    private sealed record Stream(long Id);

    /// <summary>What a failed transaction must take back out of the caches.</summary>
    private sealed class Created
    {
        public List<StreamKey> Streams { get; } = [];
        public List<MarketKey> Markets { get; } = [];
    }

    public void Write(IReadOnlyList<OrderBookDeltaRecord> rows, CancellationToken cancellationToken)
    {
        var count = rows.Count;
        var ids = new long[count];
        var order = new int[count];
        var streams = new Stream[count];
        var tickers = new byte[count][];
        var created = new Created();
        if (_streams.Count > MaxCachedStreams) _streams.Clear();
        if (_markets.Count > MaxCachedMarkets) _markets.Clear();

        using var transaction = connection.BeginTransaction();
        try
        {
            Plan(rows, transaction, ids, order, streams, tickers, created);
            Insert(rows, streams, tickers, ids, order, cancellationToken);
            transaction.Commit();
        }
        catch
        {
            foreach (var key in created.Streams) _streams.Remove(key);
            foreach (var key in created.Markets) _markets.Remove(key);
            throw;
        }
    }

    /// <summary>
    /// Inserts in delta_id order. A run of at least <see cref="RowsPerStatement"/> rows of one stream (a market's
    /// deltas in a big batch) goes through the one-stream statement, which binds the stream's columns once per
    /// statement instead of once per row; every other row through the general multi-row statement.
    /// </summary>
    private void Insert(
        IReadOnlyList<OrderBookDeltaRecord> rows, Stream[] streams, byte[][] tickers, long[] ids, int[] order, CancellationToken cancellationToken)
    {
        var count = rows.Count;
        var general = 0; // start of the rows not yet written, to go through the general statement
        var k = 0;
        while (k < count)
        {
            var stream = streams[order[k]];
            var end = k + 1;
            while (end < count && ReferenceEquals(streams[order[end]], stream)) end++;
            var whole = (end - k) / RowsPerStatement * RowsPerStatement;
            if (whole > 0)
            {
                InsertGeneral(rows, tickers, ids, order, general, k, cancellationToken);
                _oneStream ??= PrepareOneStream();
                for (var c = k; c < k + whole; c += RowsPerStatement)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    RunOneStream(stream, rows, tickers, order, c);
                }

                general = k + whole;
            }

            k = end;
        }

        InsertGeneral(rows, tickers, ids, order, general, count, cancellationToken);
    }

    private void InsertGeneral(
        IReadOnlyList<OrderBookDeltaRecord> rows, byte[][] tickers, long[] ids, int[] order, int from, int to, CancellationToken cancellationToken)
    {
        var i = from;
        if (to - i >= RowsPerStatement)
        {
            _multi ??= Prepare(RowsPerStatement);
            for (; i + RowsPerStatement <= to; i += RowsPerStatement)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Run(_multi, rows, tickers, ids, order, i, RowsPerStatement);
            }
        }

        if (i < to)
        {
            _single ??= Prepare(1);
            for (; i < to; i++) Run(_single, rows, tickers, ids, order, i, 1);
        }
    }

    /// <summary>Fills each row's stream, ticker bytes and delta_id, and the order to insert in (by delta_id).</summary>
    private void Plan(
        IReadOnlyList<OrderBookDeltaRecord> rows, SqliteTransaction transaction, long[] ids, int[] order, Stream[] streams, byte[][] tickers,
        Created created)
    {
        Stream? last = null;
        StreamKey lastKey = default;
        var sorted = true;
        for (var i = 0; i < rows.Count; i++)
        {
            var d = rows[i];
            var market = new MarketKey(d.Ticker.Value ?? throw new ArgumentException($"orderbook_deltas: row {i} has no ticker", nameof(rows)),
                d.Session, d.Sid);
            if (!_markets.TryGetValue(market, out var ticker))
            {
                ticker = AddMarket(market, transaction);
                created.Markets.Add(market);
                _markets[market] = ticker; // taken back by the caller if the transaction does not commit
            }

            tickers[i] = ticker;
            var key = new StreamKey(d.Session, d.Sid, d.Seq >> SeqBits);
            if (last is null || !key.Equals(lastKey))
            {
                if (!_streams.TryGetValue(key, out last))
                {
                    last = FindOrCreate(key, transaction);
                    created.Streams.Add(key);
                    _streams[key] = last;
                }

                lastKey = key;
            }

            streams[i] = last;
            ids[i] = (last.Id << SeqBits) | (d.Seq & SeqMask);
            order[i] = i;
            if (i > 0 && ids[i] < ids[i - 1]) sorted = false;
        }

        if (!sorted) SortKeepingFirstOfEqualIds(ids, order);
    }

    /// <summary>Orders rows by delta_id; among equal ids the earlier row stays first (it is the one kept).</summary>
    private static void SortKeepingFirstOfEqualIds(long[] ids, int[] order)
    {
        Array.Sort(ids, order);
        for (var start = 0; start < ids.Length;)
        {
            var end = start + 1;
            while (end < ids.Length && ids[end] == ids[start]) end++;
            if (end - start > 1) Array.Sort(order, start, end - start);
            start = end;
        }
    }

    /// <summary>Lists the market under its subscription (a no-op when listed) and returns its ticker as UTF-8.</summary>
    private byte[] AddMarket(MarketKey key, SqliteTransaction transaction)
    {
        using var add = connection.CreateCommand();
        add.Transaction = transaction;
        add.CommandText = "INSERT INTO orderbook_delta_markets (ticker, session, sid) VALUES (@t, @s, @i) ON CONFLICT DO NOTHING";
        add.Parameters.AddWithValue("@t", key.Ticker);
        add.Parameters.AddWithValue("@s", key.Session);
        add.Parameters.AddWithValue("@i", key.Sid);
        add.ExecuteNonQuery();
        return Encoding.UTF8.GetBytes(key.Ticker);
    }

    private Stream FindOrCreate(StreamKey key, SqliteTransaction transaction)
    {
        using var find = connection.CreateCommand();
        find.Transaction = transaction;
        find.CommandText =
            "INSERT INTO orderbook_delta_streams (session, sid, seq_block) VALUES (@s, @i, @b) ON CONFLICT DO NOTHING; " +
            "SELECT stream_id FROM orderbook_delta_streams WHERE session = @s AND sid = @i AND seq_block = @b";
        find.Parameters.AddWithValue("@s", key.Session);
        find.Parameters.AddWithValue("@i", key.Sid);
        find.Parameters.AddWithValue("@b", key.SeqBlock);
        var id = (long)find.ExecuteScalar()!;
        if (id > MaxStreamId)
        {
            throw new InvalidOperationException($"orderbook_delta_streams: stream_id {id} exceeds {MaxStreamId}; delta_id cannot encode it");
        }

        return new Stream(id);
    }

    private sqlite3_stmt Prepare(int rowCount)
    {
        var sql = new StringBuilder("INSERT INTO orderbook_deltas (").Append(Columns).Append(") VALUES ");
        var p = 1;
        for (var r = 0; r < rowCount; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < 11; c++)
            {
                sql.Append(c == 0 ? "" : ", ");
                // side is bound as 1/0 and spelled here: a text bind is a malloc and a copy per row.
                if (c == SideColumn) sql.Append("CASE ?").Append(p++).Append(" WHEN 1 THEN 'yes' ELSE 'no' END");
                else sql.Append('?').Append(p++);
            }
            sql.Append(')');
        }

        sql.Append(" ON CONFLICT DO NOTHING");
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql.ToString(), out var statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        return statement;
    }

    /// <summary>?1 = stream_id &lt;&lt; 32, ?2 session, ?3 sid; then 8 values per row (seq, ticker, ...), seq feeding delta_id too.</summary>
    private sqlite3_stmt PrepareOneStream()
    {
        var sql = new StringBuilder("INSERT INTO orderbook_deltas (").Append(Columns).Append(") VALUES ");
        var p = 4;
        for (var r = 0; r < RowsPerStatement; r++)
        {
            var seq = p;
            sql.Append(r == 0 ? "" : ", ")
                .Append("(?1 + (?").Append(seq).Append(" & 4294967295), ?2, ?3, ?").Append(seq).Append(", ?").Append(p + 1);
            sql.Append(", CASE ?").Append(p + 2).Append(" WHEN 1 THEN 'yes' ELSE 'no' END");
            for (var c = 3; c < OneStreamRowValues; c++) sql.Append(", ?").Append(p + c);
            sql.Append(')');
            p += OneStreamRowValues;
        }

        sql.Append(" ON CONFLICT DO NOTHING");
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql.ToString(), out var statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        return statement;
    }

    private void RunOneStream(Stream stream, IReadOnlyList<OrderBookDeltaRecord> rows, byte[][] tickers, int[] order, int start)
    {
        var statement = _oneStream!;
        try
        {
            var first = rows[order[start]];
            Check(raw.sqlite3_bind_int64(statement, 1, stream.Id << SeqBits));
            Check(raw.sqlite3_bind_int64(statement, 2, first.Session));
            Check(raw.sqlite3_bind_int64(statement, 3, first.Sid));
            var p = 4;
            for (var k = start; k < start + RowsPerStatement; k++)
            {
                var index = order[k];
                var d = rows[index];
                Check(raw.sqlite3_bind_int64(statement, p++, d.Seq));
                Check(raw.sqlite3_bind_text(statement, p++, tickers[index].AsSpan()));
                BindValues(statement, ref p, d);
            }

            var step = raw.sqlite3_step(statement);
            if (step != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(step, connection.Handle);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    /// <summary>side, price_ticks, delta_hundredths, exchange_time, received_time, client_order_id.</summary>
    private void BindValues(sqlite3_stmt statement, ref int p, in OrderBookDeltaRecord d)
    {
        Check(raw.sqlite3_bind_int64(statement, p++, d.Side == Outcome.Yes ? 1 : 0));
        Check(raw.sqlite3_bind_int64(statement, p++, d.Price.Ticks));
        Check(raw.sqlite3_bind_int64(statement, p++, d.Delta.Hundredths));
        Check(d.ExchangeTime is { } exchange
            ? raw.sqlite3_bind_int64(statement, p++, DbTime.ToMicros(exchange))
            : raw.sqlite3_bind_null(statement, p++));
        Check(raw.sqlite3_bind_int64(statement, p++, DbTime.ToMicros(d.ReceivedTime)));
        Check(d.ClientOrderId is { } client
            ? raw.sqlite3_bind_text(statement, p++, client.Value)
            : raw.sqlite3_bind_null(statement, p++));
    }

    private void Run(
        sqlite3_stmt statement, IReadOnlyList<OrderBookDeltaRecord> rows, byte[][] tickers, long[] ids, int[] order, int start, int count)
    {
        var p = 1;
        try
        {
            for (var k = start; k < start + count; k++)
            {
                var index = order[k];
                var d = rows[index];
                Check(raw.sqlite3_bind_int64(statement, p++, ids[k]));
                Check(raw.sqlite3_bind_int64(statement, p++, d.Session));
                Check(raw.sqlite3_bind_int64(statement, p++, d.Sid));
                Check(raw.sqlite3_bind_int64(statement, p++, d.Seq));
                Check(raw.sqlite3_bind_text(statement, p++, tickers[index].AsSpan()));
                BindValues(statement, ref p, d);
            }

            var step = raw.sqlite3_step(statement);
            if (step != raw.SQLITE_DONE) SqliteException.ThrowExceptionForRC(step, connection.Handle);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, connection.Handle);
    }

    public void Dispose()
    {
        if (_multi is not null) raw.sqlite3_finalize(_multi);
        if (_single is not null) raw.sqlite3_finalize(_single);
        if (_oneStream is not null) raw.sqlite3_finalize(_oneStream);
        _multi = null;
        _single = null;
        _oneStream = null;
    }
}
