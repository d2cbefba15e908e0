using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace KalshiTrader.Storage.Postgres;

/// <summary>
/// The order-book delta write path for PostgreSQL (schema of <see cref="SchemaDeltaStreams.Postgres"/>): binary COPY
/// straight into orderbook_deltas, which keeps no per-row b-tree. Idempotence comes from orderbook_delta_ranges, the
/// seq range stored per (session, sid): a batch row outside its range cannot be stored yet, so only rows inside a
/// stored range are looked up (one query, narrowed by the BRIN index) and repeats of (ticker, session, sid, seq) are
/// skipped, the first copy in a batch winning. Writers of deltas take one transaction-scoped advisory lock, so check
/// and insert are atomic. The transaction commits with synchronous_commit off (see the comment where it is set).
/// </summary>
internal sealed class PostgresDeltaWriter
{
    // Distinct from the migration lock (7461032).
    private const long WriterLock = 7461033;

    // (ticker, session) pairs known to be in orderbook_delta_markets; past this many the cache starts over.
    private const int MaxCachedMarkets = 100_000;

    private readonly HashSet<(string Ticker, long Session)> _markets = [];
    private readonly Lock _marketsLock = new();

    private readonly record struct Identity(string Ticker, long Session, long Sid, long Seq);

    private sealed class Range(long session, long sid)
    {
        public long Session { get; } = session;
        public long Sid { get; } = sid;
        public long MinSeq { get; set; } = long.MaxValue;
        public long MaxSeq { get; set; } = long.MinValue;
        public bool Ascending { get; set; } = true;
    }

    public async Task WriteAsync(NpgsqlConnection connection, IReadOnlyList<OrderBookDeltaRecord> rows, CancellationToken cancellationToken)
    {
        var (ranges, skip) = Plan(rows);
        var newMarkets = NewMarkets(rows);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        // synchronous_commit=off for this transaction only: the commit returns before its WAL reaches disk, so a crash of
        // the PostgreSQL server or the machine (not of this process) can lose the last fraction of a second of deltas,
        // the same window the recorder's buffer already has; the database itself stays consistent.
        await using (var lockCommand = new NpgsqlCommand(
            $"SET LOCAL synchronous_commit = off; SELECT pg_advisory_xact_lock({WriterLock})", connection, transaction))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var stored = await StoredAsync(connection, transaction, ranges, cancellationToken).ConfigureAwait(false);
        if (stored.Count > 0)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var d = rows[i];
                if (stored.Contains(new Identity(d.Ticker.Value, d.Session, d.Sid, d.Seq))) skip[i] = true;
            }
        }

        await CopyAsync(connection, rows, skip, cancellationToken).ConfigureAwait(false);
        await RecordAsync(connection, transaction, ranges, newMarkets, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        lock (_marketsLock)
        {
            if (_markets.Count > MaxCachedMarkets) _markets.Clear();
            foreach (var m in newMarkets) _markets.Add(m);
        }
    }

    /// <summary>Each (session, sid)'s seq range in the batch, and the rows that repeat an earlier row of the batch.</summary>
    private static (List<Range> Ranges, bool[] Skip) Plan(IReadOnlyList<OrderBookDeltaRecord> rows)
    {
        var ranges = new List<Range>();
        var skip = new bool[rows.Count];
        Range? last = null;
        for (var i = 0; i < rows.Count; i++)
        {
            var d = rows[i];
            if (d.Ticker.Value is null) throw new ArgumentException($"orderbook_deltas: row {i} has no ticker", nameof(rows));
            if (last is null || last.Session != d.Session || last.Sid != d.Sid)
            {
                last = ranges.Find(r => r.Session == d.Session && r.Sid == d.Sid);
                if (last is null)
                {
                    last = new Range(d.Session, d.Sid);
                    ranges.Add(last);
                }
            }

            if (d.Seq <= last.MaxSeq) last.Ascending = false;
            last.MinSeq = Math.Min(last.MinSeq, d.Seq);
            last.MaxSeq = Math.Max(last.MaxSeq, d.Seq);
        }

        // seq only rising within each (session, sid) means no repeats; otherwise keep the first row of each identity.
        if (ranges.Exists(r => !r.Ascending))
        {
            var seen = new HashSet<Identity>();
            for (var i = 0; i < rows.Count; i++)
            {
                var d = rows[i];
                if (!seen.Add(new Identity(d.Ticker.Value, d.Session, d.Sid, d.Seq))) skip[i] = true;
            }
        }

        return (ranges, skip);
    }

    private List<(string Ticker, long Session)> NewMarkets(IReadOnlyList<OrderBookDeltaRecord> rows)
    {
        var found = new HashSet<(string, long)>();
        lock (_marketsLock)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var key = (rows[i].Ticker.Value, rows[i].Session);
                if (!_markets.Contains(key)) found.Add(key);
            }
        }

        return [.. found];
    }

    /// <summary>The identities among the batch's (session, sid) ranges already in the table: looked up only where stored ranges overlap.</summary>
    private static async Task<HashSet<Identity>> StoredAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<Range> ranges, CancellationToken cancellationToken)
    {
        var overlapping = new List<(long Session, long Sid, long From, long To)>();
        await using (var query = new NpgsqlCommand(
            "SELECT b.i, r.min_seq, r.max_seq FROM unnest($1::int[], $2::bigint[], $3::bigint[]) AS b(i, session, sid) " +
            "JOIN orderbook_delta_ranges r ON r.session = b.session AND r.sid = b.sid", connection, transaction))
        {
            query.Parameters.Add(Array(Enumerable.Range(0, ranges.Count).ToArray(), NpgsqlDbType.Integer));
            query.Parameters.Add(Array(ranges.Select(r => r.Session).ToArray(), NpgsqlDbType.Bigint));
            query.Parameters.Add(Array(ranges.Select(r => r.Sid).ToArray(), NpgsqlDbType.Bigint));
            await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var r = ranges[reader.GetInt32(0)];
                var from = Math.Max(r.MinSeq, reader.GetInt64(1));
                var to = Math.Min(r.MaxSeq, reader.GetInt64(2));
                if (from <= to) overlapping.Add((r.Session, r.Sid, from, to));
            }
        }

        var stored = new HashSet<Identity>();
        if (overlapping.Count == 0) return stored;
        await using var seqs = new NpgsqlCommand(
            "SELECT d.ticker, d.session, d.sid, d.seq FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[]) AS b(session, sid, lo, hi) " +
            "JOIN orderbook_deltas d ON d.session = b.session AND d.sid = b.sid AND d.seq BETWEEN b.lo AND b.hi",
            connection, transaction);
        seqs.Parameters.Add(Array(overlapping.Select(o => o.Session).ToArray(), NpgsqlDbType.Bigint));
        seqs.Parameters.Add(Array(overlapping.Select(o => o.Sid).ToArray(), NpgsqlDbType.Bigint));
        seqs.Parameters.Add(Array(overlapping.Select(o => o.From).ToArray(), NpgsqlDbType.Bigint));
        seqs.Parameters.Add(Array(overlapping.Select(o => o.To).ToArray(), NpgsqlDbType.Bigint));
        await using var rows = await seqs.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            stored.Add(new Identity(rows.GetString(0), rows.GetInt64(1), rows.GetInt64(2), rows.GetInt64(3)));
        }

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

    /// <summary>Widens each (session, sid)'s stored range and lists markets new to their session (one round trip).</summary>
    private static async Task RecordAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<Range> ranges, List<(string Ticker, long Session)> newMarkets,
        CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        var widen = new NpgsqlBatchCommand(
            "INSERT INTO orderbook_delta_ranges (session, sid, min_seq, max_seq) " +
            "SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[]) " +
            "ON CONFLICT (session, sid) DO UPDATE SET min_seq = LEAST(orderbook_delta_ranges.min_seq, excluded.min_seq), " +
            "max_seq = GREATEST(orderbook_delta_ranges.max_seq, excluded.max_seq)");
        widen.Parameters.Add(Array(ranges.Select(r => r.Session).ToArray(), NpgsqlDbType.Bigint));
        widen.Parameters.Add(Array(ranges.Select(r => r.Sid).ToArray(), NpgsqlDbType.Bigint));
        widen.Parameters.Add(Array(ranges.Select(r => r.MinSeq).ToArray(), NpgsqlDbType.Bigint));
        widen.Parameters.Add(Array(ranges.Select(r => r.MaxSeq).ToArray(), NpgsqlDbType.Bigint));
        batch.BatchCommands.Add(widen);
        if (newMarkets.Count > 0)
        {
            var markets = new NpgsqlBatchCommand(
                "INSERT INTO orderbook_delta_markets (ticker, session) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING");
            markets.Parameters.Add(Array(newMarkets.Select(m => m.Ticker).ToArray(), NpgsqlDbType.Text));
            markets.Parameters.Add(Array(newMarkets.Select(m => m.Session).ToArray(), NpgsqlDbType.Bigint));
            batch.BatchCommands.Add(markets);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType element) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | element };
}
