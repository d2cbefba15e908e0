using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Storage.Sql;
using Npgsql;
using NpgsqlTypes;

namespace KalshiTrader.Storage.Postgres;

/// <summary>
/// The order-book delta write path for PostgreSQL (schema of <see cref="SchemaDeltaStreams.Postgres"/>): binary COPY
/// straight into orderbook_delta_rows, which keeps no per-row b-tree. (session, sid, seq) identifies a delta (Kalshi
/// counts seq per subscription across its markets). Idempotence comes from orderbook_delta_ranges, the seq range stored
/// per (session, sid): a batch row outside its range cannot be stored yet, so only rows inside a stored range are
/// looked up (one query, narrowed by the BRIN index) and repeats are skipped, the first copy in a batch winning. A
/// live recording's flushes lie above their stored range, so a flush is one round trip of bookkeeping (lock, new
/// market ids, read and widen the ranges), the COPY, and the commit. Writers of deltas take one transaction-scoped
/// advisory lock, so check and insert are atomic. The transaction commits with synchronous_commit off (see the comment
/// where it is set).
/// </summary>
internal sealed class PostgresDeltaWriter
{
    // Distinct from the migration lock (7461032).
    private const long WriterLock = 7461033;

    // Cached market ids and (market, session, sid) entries; past this many the caches start over (the tables have them all).
    private const int MaxCached = 100_000;

    private readonly Dictionary<string, int> _marketIds = [];
    private readonly HashSet<(string Ticker, long Session, long Sid)> _listed = [];
    private readonly Lock _cacheLock = new();

    private readonly record struct Identity(long Session, long Sid, long Seq);

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
        var (ids, newTickers, newListed) = Known(rows);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var stored = await PrepareAsync(connection, transaction, ranges, ids, newTickers, newListed, cancellationToken).ConfigureAwait(false);
        if (stored.Count > 0)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var d = rows[i];
                if (stored.Contains(new Identity(d.Session, d.Sid, d.Seq))) skip[i] = true;
            }
        }

        await CopyAsync(connection, rows, skip, ids, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        lock (_cacheLock)
        {
            if (_marketIds.Count > MaxCached) _marketIds.Clear();
            if (_listed.Count > MaxCached) _listed.Clear();
            foreach (var t in newTickers) _marketIds[t] = ids[t];
            foreach (var l in newListed) _listed.Add(l);
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
                if (!seen.Add(new Identity(d.Session, d.Sid, d.Seq))) skip[i] = true;
            }
        }

        return (ranges, skip);
    }

    /// <summary>The cached market ids of the batch's tickers, the tickers without one, and the (market, session, sid) not yet listed.</summary>
    private (Dictionary<string, int> Ids, List<string> NewTickers, List<(string Ticker, long Session, long Sid)> NewListed) Known(
        IReadOnlyList<OrderBookDeltaRecord> rows)
    {
        var ids = new Dictionary<string, int>();
        var newTickers = new List<string>();
        var newListed = new HashSet<(string, long, long)>();
        lock (_cacheLock)
        {
            for (var i = 0; i < rows.Count; i++)
            {
                var d = rows[i];
                var ticker = d.Ticker.Value;
                if (!ids.ContainsKey(ticker))
                {
                    if (_marketIds.TryGetValue(ticker, out var id)) ids[ticker] = id;
                    else
                    {
                        ids[ticker] = 0; // filled in by PrepareAsync
                        newTickers.Add(ticker);
                    }
                }

                var listed = (ticker, d.Session, d.Sid);
                if (!_listed.Contains(listed)) newListed.Add(listed);
            }
        }

        return (ids, newTickers, [.. newListed]);
    }

    /// <summary>
    /// One round trip: takes the writer lock, gives new tickers their market ids, lists new (market, session, sid),
    /// reads each (session, sid)'s stored range and widens it to the batch's. Returns the batch identities already
    /// stored (looked up only where a stored range overlaps the batch).
    /// </summary>
    private static async Task<HashSet<Identity>> PrepareAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<Range> ranges, Dictionary<string, int> ids, List<string> newTickers,
        List<(string Ticker, long Session, long Sid)> newListed, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        // synchronous_commit=off for this transaction only: the commit returns before its WAL reaches disk, so a crash of
        // the PostgreSQL server or the machine (not of this process) can lose the last fraction of a second of deltas,
        // the same window the recorder's buffer already has; the database itself stays consistent.
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"));
        batch.BatchCommands.Add(new NpgsqlBatchCommand($"SELECT pg_advisory_xact_lock({WriterLock})"));
        if (newTickers.Count > 0)
        {
            var add = new NpgsqlBatchCommand(
                "INSERT INTO orderbook_delta_market_ids (ticker) SELECT unnest($1::text[]) ON CONFLICT (ticker) DO NOTHING");
            add.Parameters.Add(Array(newTickers.ToArray(), NpgsqlDbType.Text));
            batch.BatchCommands.Add(add);
            var read = new NpgsqlBatchCommand("SELECT ticker, market_id FROM orderbook_delta_market_ids WHERE ticker = ANY($1::text[])");
            read.Parameters.Add(Array(newTickers.ToArray(), NpgsqlDbType.Text));
            batch.BatchCommands.Add(read);
        }

        if (newListed.Count > 0)
        {
            var list = new NpgsqlBatchCommand(
                "INSERT INTO orderbook_delta_markets (market_id, session, sid) " +
                "SELECT i.market_id, b.session, b.sid FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS b(ticker, session, sid) " +
                "JOIN orderbook_delta_market_ids i ON i.ticker = b.ticker ON CONFLICT DO NOTHING");
            list.Parameters.Add(Array(newListed.Select(l => l.Ticker).ToArray(), NpgsqlDbType.Text));
            list.Parameters.Add(Array(newListed.Select(l => l.Session).ToArray(), NpgsqlDbType.Bigint));
            list.Parameters.Add(Array(newListed.Select(l => l.Sid).ToArray(), NpgsqlDbType.Bigint));
            batch.BatchCommands.Add(list);
        }

        // A data-modifying CTE reads the snapshot from before its own change: "old" is the range as stored.
        var widen = new NpgsqlBatchCommand(
            "WITH b AS (SELECT * FROM unnest($1::int[], $2::bigint[], $3::bigint[], $4::bigint[], $5::bigint[]) AS b(i, session, sid, lo, hi)), " +
            "old AS (SELECT b.i, r.min_seq, r.max_seq FROM b JOIN orderbook_delta_ranges r ON r.session = b.session AND r.sid = b.sid), " +
            "up AS (INSERT INTO orderbook_delta_ranges (session, sid, min_seq, max_seq) SELECT session, sid, lo, hi FROM b " +
            "ON CONFLICT (session, sid) DO UPDATE SET min_seq = LEAST(orderbook_delta_ranges.min_seq, excluded.min_seq), " +
            "max_seq = GREATEST(orderbook_delta_ranges.max_seq, excluded.max_seq)) " +
            "SELECT i, min_seq, max_seq FROM old");
        widen.Parameters.Add(Array(Enumerable.Range(0, ranges.Count).ToArray(), NpgsqlDbType.Integer));
        widen.Parameters.Add(Array(ranges.Select(r => r.Session).ToArray(), NpgsqlDbType.Bigint));
        widen.Parameters.Add(Array(ranges.Select(r => r.Sid).ToArray(), NpgsqlDbType.Bigint));
        widen.Parameters.Add(Array(ranges.Select(r => r.MinSeq).ToArray(), NpgsqlDbType.Bigint));
        widen.Parameters.Add(Array(ranges.Select(r => r.MaxSeq).ToArray(), NpgsqlDbType.Bigint));
        batch.BatchCommands.Add(widen);

        var overlapping = new List<(long Session, long Sid, long From, long To)>();
        await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            // Results in command order, one per statement that returns rows: the lock, the new ids, the old ranges.
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            if (newTickers.Count > 0)
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) ids[reader.GetString(0)] = reader.GetInt32(1);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }

            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var r = ranges[reader.GetInt32(0)];
                var from = Math.Max(r.MinSeq, reader.GetInt64(1));
                var to = Math.Min(r.MaxSeq, reader.GetInt64(2));
                if (from <= to) overlapping.Add((r.Session, r.Sid, from, to));
            }
        }

        foreach (var t in newTickers)
        {
            if (ids[t] == 0) throw new InvalidOperationException($"orderbook_delta_market_ids: no id for '{t}' after inserting it");
        }

        var stored = new HashSet<Identity>();
        if (overlapping.Count == 0) return stored;
        await using var seqs = new NpgsqlCommand(
            "SELECT d.session, d.sid, d.seq FROM unnest($1::bigint[], $2::bigint[], $3::bigint[], $4::bigint[]) AS b(session, sid, lo, hi) " +
            "JOIN orderbook_delta_rows d ON d.session = b.session AND d.sid = b.sid AND d.seq BETWEEN b.lo AND b.hi",
            connection, transaction);
        seqs.Parameters.Add(Array(overlapping.Select(o => o.Session).ToArray(), NpgsqlDbType.Bigint));
        seqs.Parameters.Add(Array(overlapping.Select(o => o.Sid).ToArray(), NpgsqlDbType.Bigint));
        seqs.Parameters.Add(Array(overlapping.Select(o => o.From).ToArray(), NpgsqlDbType.Bigint));
        seqs.Parameters.Add(Array(overlapping.Select(o => o.To).ToArray(), NpgsqlDbType.Bigint));
        await using var found = await seqs.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await found.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            stored.Add(new Identity(found.GetInt64(0), found.GetInt64(1), found.GetInt64(2)));
        }

        return stored;
    }

    private static async Task CopyAsync(
        NpgsqlConnection connection, IReadOnlyList<OrderBookDeltaRecord> rows, bool[] skip, Dictionary<string, int> ids, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY orderbook_delta_rows (session, sid, seq, delta_hundredths, exchange_time, received_time, market_id, price_ticks, yes, client_order_id) " +
            "FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        // Typed, synchronous writes: they only fill Npgsql's buffer (flushed when full), and nothing is boxed.
        string? lastTicker = null;
        var marketId = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (skip[i]) continue;
            if ((i & 1023) == 0) cancellationToken.ThrowIfCancellationRequested();
            var d = rows[i];
            if (!ReferenceEquals(d.Ticker.Value, lastTicker))
            {
                lastTicker = d.Ticker.Value;
                marketId = ids[lastTicker];
            }

            writer.StartRow();
            writer.Write(d.Session, NpgsqlDbType.Bigint);
            writer.Write(d.Sid, NpgsqlDbType.Bigint);
            writer.Write(d.Seq, NpgsqlDbType.Bigint);
            writer.Write(d.Delta.Hundredths, NpgsqlDbType.Bigint);
            if (d.ExchangeTime is { } exchange) writer.Write(DbTime.Truncate(exchange).UtcDateTime, NpgsqlDbType.TimestampTz);
            else writer.WriteNull();
            writer.Write(DbTime.Truncate(d.ReceivedTime).UtcDateTime, NpgsqlDbType.TimestampTz);
            writer.Write(marketId, NpgsqlDbType.Integer);
            writer.Write(d.Price.Ticks, NpgsqlDbType.Integer);
            writer.Write(d.Side == Outcome.Yes, NpgsqlDbType.Boolean);
            if (d.ClientOrderId is { } client) writer.Write(client.Value, NpgsqlDbType.Text);
            else writer.WriteNull();
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static NpgsqlParameter Array<T>(T[] values, NpgsqlDbType element) =>
        new() { Value = values, NpgsqlDbType = NpgsqlDbType.Array | element };
}
