namespace KalshiTrader.Storage.Sql;

/// <summary>
/// Migration 3, one layout per engine, each chosen for its engine's bulk write path.
/// SQLite: order-book deltas keyed by one integer. Every (ticker, session, sid, seq &gt;&gt; 32) is a
/// stream with a small id in orderbook_delta_streams, and a delta's delta_id is (stream_id &lt;&lt; 32) | (seq &amp;
/// 0xFFFFFFFF). delta_id is the rowid, so the table is one integer b-tree: a write is an integer-keyed append inside
/// its stream (the v1 key was a text-first composite in a WITHOUT ROWID table, whose comparisons and wide interior
/// cells cost more than the row itself), a repeat of (ticker, session, sid, seq) still conflicts on the key, and one
/// market's deltas are rowid ranges found through the streams table (ticker first). Every v1 column stays, so the
/// table reads the same; existing rows are copied over.
/// PostgreSQL: orderbook_deltas loses its composite primary key (maintaining that b-tree cost more than the COPY
/// itself) and gets BRIN indexes, which cost next to nothing on append. orderbook_delta_ranges keeps the stored seq
/// range of every (session, sid) (seq counts per sid, so a live recording adds one small row update per flush), and
/// the writer looks up only batch rows inside a stored range (see Postgres.PostgresDeltaWriter);
/// orderbook_delta_markets lists the sessions that recorded each market, to narrow a market's reads.
/// </summary>
internal static class SchemaDeltaStreams
{
    public const string Sqlite = """
        CREATE TABLE orderbook_delta_streams (
          stream_id INTEGER PRIMARY KEY,
          ticker TEXT NOT NULL,
          session INTEGER NOT NULL,
          sid INTEGER NOT NULL,
          seq_block INTEGER NOT NULL,
          UNIQUE (ticker, session, sid, seq_block)
        );

        INSERT INTO orderbook_delta_streams (ticker, session, sid, seq_block)
          SELECT DISTINCT ticker, session, sid, seq >> 32 FROM orderbook_deltas ORDER BY session, sid, ticker, seq >> 32;

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

        INSERT INTO orderbook_deltas_v3
          SELECT (s.stream_id << 32) | (d.seq & 4294967295), d.session, d.sid, d.seq, d.ticker, d.side, d.price_ticks,
                 d.delta_hundredths, d.exchange_time, d.received_time, d.client_order_id
          FROM orderbook_deltas d
          JOIN orderbook_delta_streams s ON s.ticker = d.ticker AND s.session = d.session AND s.sid = d.sid AND s.seq_block = d.seq >> 32;

        DROP TABLE orderbook_deltas;
        ALTER TABLE orderbook_deltas_v3 RENAME TO orderbook_deltas;
        """;

    public const string Postgres = """
        CREATE TABLE orderbook_delta_ranges (
          session BIGINT NOT NULL,
          sid BIGINT NOT NULL,
          min_seq BIGINT NOT NULL,
          max_seq BIGINT NOT NULL,
          PRIMARY KEY (session, sid)
        );

        CREATE TABLE orderbook_delta_markets (
          ticker TEXT NOT NULL,
          session BIGINT NOT NULL,
          PRIMARY KEY (ticker, session)
        );

        INSERT INTO orderbook_delta_ranges (session, sid, min_seq, max_seq)
          SELECT session, sid, MIN(seq), MAX(seq) FROM orderbook_deltas GROUP BY session, sid;
        INSERT INTO orderbook_delta_markets (ticker, session) SELECT DISTINCT ticker, session FROM orderbook_deltas;

        ALTER TABLE orderbook_deltas DROP CONSTRAINT orderbook_deltas_pkey;
        CREATE INDEX orderbook_deltas_stream_brin ON orderbook_deltas USING brin (session, sid, seq) WITH (pages_per_range = 16);
        CREATE INDEX orderbook_deltas_received_brin ON orderbook_deltas USING brin (received_time) WITH (pages_per_range = 16);
        """;
}
