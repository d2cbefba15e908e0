using System.Text;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Storage.Sql;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace KalshiTrader.Storage.Sqlite;

/// <summary>
/// The order-book delta write path (the recorder's hot path) for the schema of <see cref="SchemaDeltaStreams"/>:
/// resolves each row's stream id (cached; new streams are created in the same transaction), computes its delta_id,
/// inserts the batch in delta_id order (appends within each stream instead of scattered b-tree inserts) through
/// prepared multi-row statements, binding every value by type: no boxing, no per-row string encoding, and a
/// stream's own columns bound once per statement where a statement holds one stream (each bind is a P/Invoke and
/// a mutex round trip; they were a quarter of the cost). A repeated
/// (ticker, session, sid, seq) conflicts on delta_id and is skipped, the first copy in a batch winning.
/// The caller serialises access to the connection.
/// </summary>
internal sealed class SqliteDeltaWriter(SqliteConnection connection) : IDisposable
{
    // 100 rows x 11 columns = 1,100 parameters, far under SQLITE_MAX_VARIABLE_NUMBER (32,766).
    internal const int RowsPerStatement = 100;

    // Streams of past sessions are never written again; past this many the cache starts over (the table has them all).
    private const int MaxCachedStreams = 100_000;

    private const int SeqBits = 32;
    private const long SeqMask = (1L << SeqBits) - 1;
    private const long MaxStreamId = (1L << (63 - SeqBits)) - 1;

    private const int OneStreamRowValues = 7;

    private const string Columns =
        "delta_id, session, sid, seq, ticker, side, price_ticks, delta_hundredths, exchange_time, received_time, client_order_id";

    private const int SideColumn = 5;

    private readonly Dictionary<StreamKey, Stream> _streams = [];
    private sqlite3_stmt? _multi;
    private sqlite3_stmt? _single;
    private sqlite3_stmt? _oneStream;

    private readonly record struct StreamKey(string Ticker, long Session, long Sid, long SeqBlock);

    /// <summary>A stream's id and its ticker as UTF-8, encoded once instead of once per row.</summary>
    private sealed record Stream(long Id, byte[] TickerUtf8);

    public void Write(IReadOnlyList<OrderBookDeltaRecord> rows, CancellationToken cancellationToken)
    {
        var count = rows.Count;
        var ids = new long[count];
        var order = new int[count];
        var streams = new Stream[count];
        List<KeyValuePair<StreamKey, Stream>>? created = null;
        if (_streams.Count > MaxCachedStreams) _streams.Clear();

        using var transaction = connection.BeginTransaction();
        try
        {
            Plan(rows, transaction, ids, order, streams, ref created);
            Insert(rows, streams, ids, order, cancellationToken);
            transaction.Commit();
        }
        catch
        {
            if (created is not null)
            {
                foreach (var pair in created) _streams.Remove(pair.Key);
            }

            throw;
        }
    }

    /// <summary>
    /// Inserts in delta_id order. A run of at least <see cref="RowsPerStatement"/> rows of one stream (a market's
    /// deltas in a big batch) goes through the one-stream statement, which binds the stream's columns once per
    /// statement instead of once per row; every other row through the general multi-row statement.
    /// </summary>
    private void Insert(IReadOnlyList<OrderBookDeltaRecord> rows, Stream[] streams, long[] ids, int[] order, CancellationToken cancellationToken)
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
                InsertGeneral(rows, streams, ids, order, general, k, cancellationToken);
                _oneStream ??= PrepareOneStream();
                for (var c = k; c < k + whole; c += RowsPerStatement)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    RunOneStream(stream, rows, order, c);
                }

                general = k + whole;
            }

            k = end;
        }

        InsertGeneral(rows, streams, ids, order, general, count, cancellationToken);
    }

    private void InsertGeneral(
        IReadOnlyList<OrderBookDeltaRecord> rows, Stream[] streams, long[] ids, int[] order, int from, int to, CancellationToken cancellationToken)
    {
        var i = from;
        if (to - i >= RowsPerStatement)
        {
            _multi ??= Prepare(RowsPerStatement);
            for (; i + RowsPerStatement <= to; i += RowsPerStatement)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Run(_multi, rows, streams, ids, order, i, RowsPerStatement);
            }
        }

        if (i < to)
        {
            _single ??= Prepare(1);
            for (; i < to; i++) Run(_single, rows, streams, ids, order, i, 1);
        }
    }

    /// <summary>Fills each row's stream and delta_id, and the order to insert in (by delta_id).</summary>
    private void Plan(
        IReadOnlyList<OrderBookDeltaRecord> rows, SqliteTransaction transaction, long[] ids, int[] order, Stream[] streams,
        ref List<KeyValuePair<StreamKey, Stream>>? created)
    {
        Stream? last = null;
        StreamKey lastKey = default;
        var sorted = true;
        for (var i = 0; i < rows.Count; i++)
        {
            var d = rows[i];
            var key = new StreamKey(d.Ticker.Value ?? throw new ArgumentException($"orderbook_deltas: row {i} has no ticker", nameof(rows)),
                d.Session, d.Sid, d.Seq >> SeqBits);
            if (last is null || !key.Equals(lastKey))
            {
                if (!_streams.TryGetValue(key, out last))
                {
                    last = FindOrCreate(key, transaction);
                    (created ??= []).Add(new(key, last));
                    _streams[key] = last; // taken back by the caller if the transaction does not commit
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

    private Stream FindOrCreate(StreamKey key, SqliteTransaction transaction)
    {
        using var find = connection.CreateCommand();
        find.Transaction = transaction;
        find.CommandText =
            "INSERT INTO orderbook_delta_streams (ticker, session, sid, seq_block) VALUES (@t, @s, @i, @b) ON CONFLICT DO NOTHING; " +
            "SELECT stream_id FROM orderbook_delta_streams WHERE ticker = @t AND session = @s AND sid = @i AND seq_block = @b";
        find.Parameters.AddWithValue("@t", key.Ticker);
        find.Parameters.AddWithValue("@s", key.Session);
        find.Parameters.AddWithValue("@i", key.Sid);
        find.Parameters.AddWithValue("@b", key.SeqBlock);
        var id = (long)find.ExecuteScalar()!;
        if (id > MaxStreamId)
        {
            throw new InvalidOperationException($"orderbook_delta_streams: stream_id {id} exceeds {MaxStreamId}; delta_id cannot encode it");
        }

        return new Stream(id, Encoding.UTF8.GetBytes(key.Ticker));
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

    /// <summary>?1 = stream_id &lt;&lt; 32, ?2 session, ?3 sid, ?4 ticker; then 7 values per row, seq feeding delta_id too.</summary>
    private sqlite3_stmt PrepareOneStream()
    {
        var sql = new StringBuilder("INSERT INTO orderbook_deltas (").Append(Columns).Append(") VALUES ");
        var p = 5;
        for (var r = 0; r < RowsPerStatement; r++)
        {
            var seq = p;
            sql.Append(r == 0 ? "" : ", ")
                .Append("(?1 + (?").Append(seq).Append(" & 4294967295), ?2, ?3, ?").Append(seq).Append(", ?4");
            sql.Append(", CASE ?").Append(p + 1).Append(" WHEN 1 THEN 'yes' ELSE 'no' END");
            for (var c = 2; c < OneStreamRowValues; c++) sql.Append(", ?").Append(p + c);
            sql.Append(')');
            p += OneStreamRowValues;
        }

        sql.Append(" ON CONFLICT DO NOTHING");
        var rc = raw.sqlite3_prepare_v2(connection.Handle, sql.ToString(), out var statement);
        SqliteException.ThrowExceptionForRC(rc, connection.Handle);
        return statement;
    }

    private void RunOneStream(Stream stream, IReadOnlyList<OrderBookDeltaRecord> rows, int[] order, int start)
    {
        var statement = _oneStream!;
        try
        {
            var first = rows[order[start]];
            Check(raw.sqlite3_bind_int64(statement, 1, stream.Id << SeqBits));
            Check(raw.sqlite3_bind_int64(statement, 2, first.Session));
            Check(raw.sqlite3_bind_int64(statement, 3, first.Sid));
            Check(raw.sqlite3_bind_text(statement, 4, stream.TickerUtf8.AsSpan()));
            var p = 5;
            for (var k = start; k < start + RowsPerStatement; k++)
            {
                var d = rows[order[k]];
                Check(raw.sqlite3_bind_int64(statement, p++, d.Seq));
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
        sqlite3_stmt statement, IReadOnlyList<OrderBookDeltaRecord> rows, Stream[] streams, long[] ids, int[] order, int start, int count)
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
                Check(raw.sqlite3_bind_text(statement, p++, streams[index].TickerUtf8.AsSpan()));
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
