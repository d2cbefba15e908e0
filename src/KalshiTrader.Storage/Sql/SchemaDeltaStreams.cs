namespace KalshiTrader.Storage.Sql;

/// <summary>
/// Migration 3, one layout per engine, each chosen for its engine's bulk write path. On Kalshi a subscription's seq
/// counts per sid across all of its markets, so (session, sid, seq) identifies a delta and rises in arrival order: both
/// layouts key by it, so a live recording (one book subscription over many markets) appends instead of scattering
/// each flush over one b-tree position per market.
/// SQLite: every (session, sid, seq &gt;&gt; 32) is a stream with a small id in orderbook_delta_streams, and a delta's
/// delta_id is (stream_id &lt;&lt; 32) | (seq &amp; 0xFFFFFFFF). delta_id is the rowid, so the table is one integer b-tree
/// written at its end, and a repeat of (session, sid, seq) conflicts on the key. orderbook_delta_markets lists the
/// (ticker, session, sid) that hold rows: one market's deltas are the rowid ranges of its subscriptions' streams,
/// filtered by ticker (a read scans its subscriptions' rows; the price of not keeping a per-market index on the
/// write path). Every v1 column stays, so the table reads the same; existing rows are copied over.
/// </summary>
internal static class SchemaDeltaStreams
{
    public static readonly (string Table, string? TimeColumn)[] SqliteTables =
    [
        ("orderbook_delta_streams", null),
        ("orderbook_delta_markets", null),
    ];

    public const string Sqlite = """
        CREATE TABLE orderbook_delta_streams (
          stream_id INTEGER PRIMARY KEY,
          session INTEGER NOT NULL,
          sid INTEGER NOT NULL,
          seq_block INTEGER NOT NULL,
          UNIQUE (session, sid, seq_block)
        );

        CREATE TABLE orderbook_delta_markets (
          ticker TEXT NOT NULL,
          session INTEGER NOT NULL,
          sid INTEGER NOT NULL,
          PRIMARY KEY (ticker, session, sid)
        ) WITHOUT ROWID;

        INSERT INTO orderbook_delta_streams (session, sid, seq_block)
          SELECT DISTINCT session, sid, seq >> 32 FROM orderbook_deltas ORDER BY session, sid, seq >> 32;
        INSERT INTO orderbook_delta_markets (ticker, session, sid) SELECT DISTINCT ticker, session, sid FROM orderbook_deltas;

        CREATE TABLE orderbook_deltas_v3 (
          delta_id INTEGER PRIMARY KEY,
          session INTEGER NOT NULL,
          sid INTEGER NOT NULL,
          seq INTEGER NOT NULL,
          ticker TEXT NOT NULL,
          side TEXT NOT NULL,
          price_ticks INTEGER NOT NULL,
          delta_hundredths INTEGER NOT NULL,
          exchange_time INTEGER,
          received_time INTEGER NOT NULL,
          client_order_id TEXT
        );

        -- No OR IGNORE: two markets under one (session, sid, seq) cannot come from Kalshi, and dropping one silently
        -- would lose data; the migration fails instead, naming the key.
        INSERT INTO orderbook_deltas_v3
          SELECT (s.stream_id << 32) | (d.seq & 4294967295), d.session, d.sid, d.seq, d.ticker, d.side, d.price_ticks,
                 d.delta_hundredths, d.exchange_time, d.received_time, d.client_order_id
          FROM orderbook_deltas d
          JOIN orderbook_delta_streams s ON s.session = d.session AND s.sid = d.sid AND s.seq_block = d.seq >> 32
          ORDER BY 1;

        DROP TABLE orderbook_deltas;
        ALTER TABLE orderbook_deltas_v3 RENAME TO orderbook_deltas;
        """;

    public static readonly (string Table, string? TimeColumn)[] PostgresTables =
    [
        ("orderbook_delta_rows", "received_time"),
        ("orderbook_delta_ranges", null),
        ("orderbook_delta_market_ids", null),
        ("orderbook_delta_markets", null),
    ];

    /// <summary>
    /// PostgreSQL: the rows live in orderbook_delta_rows, a compact heap (a COPY's cost follows the bytes of a row
    /// and the fields it carries): an integer market id (orderbook_delta_market_ids) instead of the ticker text, side
    /// as a boolean, price ticks as an integer; exact integers and microsecond timestamps as before. No per-row
    /// b-tree (maintaining one cost more than the COPY itself), and one BRIN index, on (session, sid, seq): even a BRIN
    /// index costs each inserted row a revmap lookup (measured at roughly a third of a bare COPY's server time), so
    /// there is none on received_time; a time window is read within a market's sessions, which this one narrows to.
    /// Idempotence:
    /// orderbook_delta_ranges keeps the stored seq range of every (session, sid), and the writer looks up only batch
    /// rows inside a stored range (see Postgres.PostgresDeltaWriter). orderbook_delta_markets lists the (market,
    /// session, sid) that hold rows, to narrow a market's reads to its subscriptions. orderbook_deltas becomes a
    /// view with the v1 columns, so every reader (db export, ad-hoc queries) sees the same table as before; its join
    /// to the market ids is a LEFT JOIN on their key, which PostgreSQL drops when no ticker is read (a COUNT).
    /// </summary>
    public const string Postgres = """
        CREATE TABLE orderbook_delta_market_ids (
          market_id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
          ticker TEXT NOT NULL UNIQUE
        );

        CREATE TABLE orderbook_delta_rows (
          session BIGINT NOT NULL,
          sid BIGINT NOT NULL,
          seq BIGINT NOT NULL,
          delta_hundredths BIGINT NOT NULL,
          exchange_time TIMESTAMPTZ,
          received_time TIMESTAMPTZ NOT NULL,
          market_id INTEGER NOT NULL,
          price_ticks INTEGER NOT NULL,
          yes BOOLEAN NOT NULL,
          client_order_id TEXT
        );

        CREATE TABLE orderbook_delta_ranges (
          session BIGINT NOT NULL,
          sid BIGINT NOT NULL,
          min_seq BIGINT NOT NULL,
          max_seq BIGINT NOT NULL,
          PRIMARY KEY (session, sid)
        );

        CREATE TABLE orderbook_delta_markets (
          market_id INTEGER NOT NULL,
          session BIGINT NOT NULL,
          sid BIGINT NOT NULL,
          PRIMARY KEY (market_id, session, sid)
        );

        INSERT INTO orderbook_delta_market_ids (ticker) SELECT DISTINCT ticker FROM orderbook_deltas ORDER BY ticker;

        -- No duplicate removal: two markets under one (session, sid, seq) cannot come from Kalshi; kept as they are.
        INSERT INTO orderbook_delta_rows
          SELECT d.session, d.sid, d.seq, d.delta_hundredths, d.exchange_time, d.received_time, i.market_id,
                 d.price_ticks, d.side = 'yes', d.client_order_id
          FROM orderbook_deltas d JOIN orderbook_delta_market_ids i ON i.ticker = d.ticker
          ORDER BY d.session, d.sid, d.seq;

        INSERT INTO orderbook_delta_ranges (session, sid, min_seq, max_seq)
          SELECT session, sid, MIN(seq), MAX(seq) FROM orderbook_delta_rows GROUP BY session, sid;
        INSERT INTO orderbook_delta_markets (market_id, session, sid) SELECT DISTINCT market_id, session, sid FROM orderbook_delta_rows;

        DROP TABLE orderbook_deltas;
        CREATE INDEX orderbook_delta_rows_stream_brin ON orderbook_delta_rows USING brin (session, sid, seq) WITH (pages_per_range = 16);

        CREATE VIEW orderbook_deltas AS
          SELECT d.session, d.sid, d.seq, i.ticker, CASE WHEN d.yes THEN 'yes' ELSE 'no' END AS side,
                 d.price_ticks::bigint AS price_ticks, d.delta_hundredths, d.exchange_time, d.received_time, d.client_order_id
          FROM orderbook_delta_rows d LEFT JOIN orderbook_delta_market_ids i ON i.market_id = d.market_id;
        """;
}
