using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace KalshiTrader.Storage.Postgres;

/// <summary>
/// The order-book delta write path for PostgreSQL (schema of <see cref="SchemaDeltaStreams.Postgres"/>): binary COPY
/// straight into orderbook_deltas, which keeps no per-row b-tree. Idempotence comes from orderbook_delta_streams, the
/// seq range stored per (ticker, session, sid): a batch row outside its stream's stored range cannot be stored yet, so
/// only rows inside it are looked up (one query, narrowed by the BRIN index), and repeats are skipped, the first copy
/// in a batch winning. Writers of deltas take one transaction-scoped advisory lock, so check and insert are atomic.
/// The transaction commits with synchronous_commit off (see the comment where it is set).
/// </summary>
internal static class PostgresDeltaWriter
{
    // Distinct from the migration lock (7461032).
    private const long WriterLock = 7461033;

    private readonly record struct StreamKey(string Ticker, long Session, long Sid);

    private sealed class Stream(StreamKey key)
    {
        public StreamKey Key { get; } = key;
        public long MinSeq { get; set; } = long.MaxValue;
        public long MaxSeq { get; set; } = long.MinValue;
        public bool Ascending { get; set; } = true;
    }

    public static async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<OrderBookDeltaRecord> rows, CancellationToken cancellationToken)
    {
        var (streams, streamOf, skip) = Plan(rows);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // synchronous_commit=off for this transaction only: the commit returns before its WAL reaches disk, so a crash of
        // the PostgreSQL server or the machine (not of this process) can lose the last fraction of a second of deltas,
        // the same window the recorder's buffer already has; the database itself stays consistent.
        await using (var lockCommand = new NpgsqlCommand(
            $"SET LOCAL synchronous_commit = off; SELECT pg_advisory_xact_lock({WriterLock})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var stored = await StoredAsync(connection, transaction, streams, cancellationToken).ConfigureAwait(false);
        if (stored.Count > 0)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                if (stored.Contains((streamOf[i], rows[i].Seq))) skip[i] = true;
            }
        }

        await CopyAsync(connection, rows, skip, cancellationToken).ConfigureAwait(false);
        await RecordRangesAsync(connection, transaction, streams, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each row's stream, each stream's seq range, and the rows that repeat an earlier row of the batch.</summary>
    private static (List<Stream> Streams, int[] StreamOf, bool[] Skip) Plan(IReadOnlyList<OrderBookDeltaRecord> rows)
    {
        var streams = new List<Stream>();
        var index = new Dictionary<StreamKey, int>();
        var streamOf = new int[rows.Count];
        var skip = new bool[rows.Count];
        var last = -1;
        StreamKey lastKey = default;
        for (var i = 0; i < rows.Count; i++)
        {
            var d = rows[i];
            var key = new StreamKey(d.Ticker.Value ?? throw new ArgumentException($"orderbook_deltas: row {i} has no ticker", nameof(rows)), d.Session, d.Sid);
            if (last < 0 || !key.Equals(lastKey))
            {
                if (!index.TryGetValue(key, out last))
                {
                    last = streams.Count;
                    index[key] = last;
                    streams.Add(new Stream(key));
                }

                lastKey = key;
            }

            streamOf[i] = last;
            var s = streams[last];
            if (d.Seq <= s.MaxSeq) s.Ascending = false;
            s.MinSeq = Math.Min(s.MinSeq, d.Seq);
            s.MaxSeq = Math.Max(s.MaxSeq, d.Seq);
        }

        // A stream whose seqs only rise has no repeats; otherwise keep the first row of each seq.
        if (streams.Exists(s => !s.Ascending))
        {
            var seen = new HashSet<(int, long)>();
            for (var i = 0; i < rows.Count; i++)
            {
                if (!streams[streamOf[i]].Ascending && !seen.Add((streamOf[i], rows[i].Seq))) skip[i] = true;
            }
        }

        return (streams, streamOf, skip);
    }

    /// <summary>(stream, seq) of the batch's rows already in the table: looked up only where stored ranges overlap.</summary>
    private static async Task<HashSet<(int Stream, long Seq)>> StoredAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<Stream> streams, CancellationToken cancellationToken)
    {
        var overlapping = new List<(int Stream, long From, long To)>();
        await using (var ranges = new NpgsqlCommand(
            "SELECT b.i, s.min_seq, s.max_seq FROM unnest($1::int[], $2::text[], $3::bigint[], $4::bigint[]) AS b(i, ticker, session, sid) " +
            "JOIN orderbook_delta_streams s ON s.ticker = b.ticker AND s.session = b.session AND s.sid = b.sid", connection, transaction))
        {
            ranges.Parameters.Add(Array(Enumerable.Range(0, streams.Count).ToArray(), NpgsqlDbType.Integer));
            ranges.Parameters.Add(Array(streams.Select(s => s.Key.Ticker).ToArray(), NpgsqlDbType.Text));
            ranges.Parameters.Add(Array(streams.Select(s => s.Key.Session).ToArray(), NpgsqlDbType.Bigint));
            ranges.Parameters.Add(Array(streams.Select(s => s.Key.Sid).ToArray(), NpgsqlDbType.Bigint));
            await using var reader = await ranges.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var s = streams[reader.GetInt32(0)];
                var from = Math.Max(s.MinSeq, reader.GetInt64(1));
                var to = Math.Min(s.MaxSeq, reader.GetInt64(2));
                if (from <= to) overlapping.Add((reader.GetInt32(0), from, to));
            }
        }

        var stored = new HashSet<(int, long)>();
        if (overlapping.Count == 0) return stored;
        await using var seqs = new NpgsqlCommand(
            "SELECT b.i, d.seq FROM unnest($1::int[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[]) AS b(i, ticker, session, sid, lo, hi) " +
            "JOIN orderbook_deltas d ON d.session = b.session AND d.sid = b.sid AND d.seq BETWEEN b.lo AND b.hi AND d.ticker = b.ticker",
            connection, transaction);
        seqs.Parameters.Add(Array(overlapping.Select(o => o.Stream).ToArray(), NpgsqlDbType.Integer));
        seqs.Parameters.Add(Array(overlapping.Select(o => streams[o.Stream].Key.Ticker).ToArray(), NpgsqlDbType.Text));
        seqs.Parameters.Add(Array(overlapping.Select(o => streams[o.Stream].Key.Session).ToArray(), NpgsqlDbType.Bigint));
        seqs.Parameters.Add(Array(overlapping.Select(o => streams[o.Stream].Key.Sid).ToArray(), NpgsqlDbType.Bigint));
        seqs.Parameters.Add(Array(overlapping.Select(o => o.From).ToArray(), NpgsqlDbType.Bigint));
        seqs.Parameters.Add(Array(overlapping.Select(o => o.To).ToArray(), NpgsqlDbType.Bigint));
        await using var rows = await seqs.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false)) stored.Add((rows.GetInt32(0), rows.GetInt64(1)));
        return stored;
    }

    private static async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<OrderBookDeltaRecord> rows, bool[] skip, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY orderbook_deltas (session, sid, seq, ticker, side, price_ticks, delta_hundredths, exchange_time, received_time, client_order_id) " +
            "FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        // Typed, synchronous writes: they only fill Npgsql's buffer (flushed when full), and nothing is boxed.
        for (var i = 0; i < rows.Count; i++)
        {
            if (skip[i]) continue;
            if ((i & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            var d = rows[i];
            writer.StartRow();
            writer.Write(d.Session, NpgsqlDbType.Bigint);
            writer.Write(d.Sid, NpgsqlDbType.Bigint);
            writer.Write(d.Seq, NpgsqlDbType.Bigint);
            writer.Write(d.Ticker.Value, NpgsqlDbType.Text);
            writer.Write(d.Side == Outcome.Yes ? "yes" : "no", NpgsqlDbType.Text);
            writer.Write((long)d.Price.Ticks, NpgsqlDbType.Bigint);
            writer.Write(d.Delta.Hundredths, NpgsqlDbType.Bigint);
            if (d.ExchangeTime is { } exchange) writer.Write(DbTime.Truncate(exchange).UtcDateTime, NpgsqlDbType.TimestampTz);
            else writer.WriteNull();
            writer.Write(DbTime.Truncate(d.ReceivedTime).UtcDateTime, NpgsqlDbType.TimestampTz);
            if (d.ClientOrderId is { } client) writer.Write(client.Value, NpgsqlDbType.Text);
            else writer.WriteNull();
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task RecordRangesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<Stream> streams, CancellationToken cancellationToken)
    {
        await using var upsert = new NpgsqlCommand(
            "INSERT INTO orderbook_delta_streams (ticker, session, sid, min_seq, max_seq) " +
            "SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[]) " +
            "ON CONFLICT (ticker, session, sid) DO UPDATE SET min_seq = LEAST(orderbook_delta_streams.min_seq, excluded.min_seq), " +
            "max_seq = GREATEST(orderbook_delta_streams.max_seq, excluded.max_seq)", connection, transaction);
        upsert.Parameters.Add(Array(streams.Select(s => s.Key.Ticker).ToArray(), NpgsqlDbType.Text));
        upsert.Parameters.Add(Array(streams.Select(s => s.Key.Session).ToArray(), NpgsqlDbType.Bigint));
        upsert.Parameters.Add(Array(streams.Select(s => s.Key.Sid).ToArray(), NpgsqlDbType.Bigint));
        upsert.Parameters.Add(Array(streams.Select(s => s.MinSeq).ToArray(), NpgsqlDbType.Bigint));
        upsert.Parameters.Add(Array(streams.Select(s => s.MaxSeq).ToArray(), NpgsqlDbType.Bigint));
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType element) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | element };
}
