namespace KalshiTrader.Storage.Sql;

/// <summary>
/// The first schema, written once with engine tokens ({TIME}, {BOOL}, {DEC}, {JSON}, {ID}, {NOW}, {NOROWID})
/// that each engine's migration list expands. Units are in the column names: *_ticks are $0.0001 price
/// ticks, *_hundredths are hundredths of a contract, *_micros are micro-dollars. No REAL or double anywhere.
/// SQLite keeps times as integer microseconds since the Unix epoch (UTC); PostgreSQL as timestamptz.
/// orderbook_deltas has a single key (ticker, session, sid, seq) and no other index: one b-tree to maintain keeps
/// bulk inserts fast, reads one market's deltas in replay order, and still rejects a retried row.
/// </summary>
internal static class SchemaV1
{
    public const string Template = """
CREATE TABLE series (
  series_ticker TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  category TEXT NOT NULL,
  tags {JSON} NOT NULL,
  frequency TEXT NOT NULL,
  fee_type TEXT NOT NULL,
  fee_multiplier {DEC} NOT NULL,
  fee_waiver_expiration_time {TIME},
  settlement_sources {JSON} NOT NULL,
  contract_url TEXT,
  recorded_time {TIME} NOT NULL DEFAULT {NOW}
);

CREATE TABLE events (
  event_ticker TEXT PRIMARY KEY,
  series_ticker TEXT NOT NULL REFERENCES series(series_ticker),
  title TEXT NOT NULL,
  sub_title TEXT NOT NULL,
  category TEXT NOT NULL,
  mutually_exclusive {BOOL} NOT NULL,
  collateral_return_type TEXT NOT NULL,
  strike_date {TIME},
  strike_period TEXT NOT NULL,
  settlement_sources {JSON} NOT NULL,
  fee_type_override TEXT,
  fee_multiplier_override {DEC},
  recorded_time {TIME} NOT NULL DEFAULT {NOW}
);
CREATE INDEX events_series ON events(series_ticker);

CREATE TABLE markets (
  ticker TEXT PRIMARY KEY,
  event_ticker TEXT NOT NULL REFERENCES events(event_ticker),
  market_type TEXT NOT NULL,
  title TEXT NOT NULL,
  subtitle TEXT NOT NULL,
  yes_sub_title TEXT NOT NULL,
  no_sub_title TEXT NOT NULL,
  rules_primary TEXT NOT NULL,
  rules_secondary TEXT NOT NULL,
  status TEXT NOT NULL,
  result TEXT NOT NULL,
  settlement_value_ticks BIGINT,
  settlement_time {TIME},
  can_close_early {BOOL} NOT NULL,
  early_close_condition TEXT NOT NULL,
  settlement_timer_seconds BIGINT NOT NULL,
  created_time {TIME},
  updated_time {TIME},
  open_time {TIME},
  close_time {TIME},
  expected_expiration_time {TIME},
  latest_expiration_time {TIME},
  occurrence_time {TIME},
  fee_waiver_expiration_time {TIME},
  strike_type TEXT,
  floor_strike {DEC},
  cap_strike {DEC},
  functional_strike TEXT,
  custom_strike {JSON},
  price_level_structure TEXT NOT NULL,
  price_ranges {JSON} NOT NULL,
  yes_bid_ticks BIGINT,
  yes_ask_ticks BIGINT,
  no_bid_ticks BIGINT,
  no_ask_ticks BIGINT,
  yes_bid_size_hundredths BIGINT NOT NULL,
  yes_ask_size_hundredths BIGINT NOT NULL,
  last_price_ticks BIGINT,
  previous_price_ticks BIGINT,
  previous_yes_bid_ticks BIGINT,
  previous_yes_ask_ticks BIGINT,
  volume_hundredths BIGINT NOT NULL,
  volume_24h_hundredths BIGINT NOT NULL,
  open_interest_hundredths BIGINT NOT NULL,
  notional_value_micros BIGINT NOT NULL,
  mve_collection_ticker TEXT,
  exchange_index BIGINT NOT NULL,
  recorded_time {TIME} NOT NULL DEFAULT {NOW}
);
CREATE INDEX markets_event ON markets(event_ticker);
CREATE INDEX markets_status ON markets(status);

CREATE TABLE market_snapshots (
  ticker TEXT NOT NULL,
  snapshot_time {TIME} NOT NULL,
  source TEXT NOT NULL,
  status TEXT,
  yes_bid_ticks BIGINT,
  yes_ask_ticks BIGINT,
  yes_bid_size_hundredths BIGINT NOT NULL,
  yes_ask_size_hundredths BIGINT NOT NULL,
  last_price_ticks BIGINT,
  volume_hundredths BIGINT NOT NULL,
  volume_24h_hundredths BIGINT NOT NULL,
  open_interest_hundredths BIGINT NOT NULL,
  PRIMARY KEY (ticker, snapshot_time, source)
){NOROWID};

CREATE TABLE candlesticks (
  ticker TEXT NOT NULL,
  period_minutes BIGINT NOT NULL,
  end_period_time {TIME} NOT NULL,
  yes_bid_open_ticks BIGINT, yes_bid_high_ticks BIGINT, yes_bid_low_ticks BIGINT, yes_bid_close_ticks BIGINT,
  yes_ask_open_ticks BIGINT, yes_ask_high_ticks BIGINT, yes_ask_low_ticks BIGINT, yes_ask_close_ticks BIGINT,
  price_open_ticks BIGINT, price_high_ticks BIGINT, price_low_ticks BIGINT, price_close_ticks BIGINT,
  price_mean_ticks BIGINT,
  price_previous_ticks BIGINT,
  volume_hundredths BIGINT NOT NULL,
  open_interest_hundredths BIGINT NOT NULL,
  recorded_time {TIME} NOT NULL DEFAULT {NOW},
  PRIMARY KEY (ticker, period_minutes, end_period_time)
){NOROWID};

CREATE TABLE orderbook_snapshots (
  ticker TEXT NOT NULL,
  source TEXT NOT NULL,
  received_time {TIME} NOT NULL,
  session BIGINT NOT NULL,
  sid BIGINT,
  seq BIGINT,
  reason TEXT NOT NULL,
  yes_bids {JSON} NOT NULL,
  no_bids {JSON} NOT NULL,
  exchange_time {TIME},
  PRIMARY KEY (ticker, source, received_time)
){NOROWID};

CREATE TABLE orderbook_deltas (
  session BIGINT NOT NULL,
  sid BIGINT NOT NULL,
  seq BIGINT NOT NULL,
  ticker TEXT NOT NULL,
  side TEXT NOT NULL,
  price_ticks BIGINT NOT NULL,
  delta_hundredths BIGINT NOT NULL,
  exchange_time {TIME},
  received_time {TIME} NOT NULL,
  client_order_id TEXT,
  PRIMARY KEY (ticker, session, sid, seq)
){NOROWID};

CREATE TABLE feed_gaps (
  session BIGINT NOT NULL,
  sid BIGINT NOT NULL,
  received_seq BIGINT NOT NULL,
  expected_seq BIGINT NOT NULL,
  reason TEXT NOT NULL,
  detected_time {TIME} NOT NULL,
  PRIMARY KEY (session, sid, received_seq)
);

CREATE TABLE trades (
  trade_id TEXT PRIMARY KEY,
  ticker TEXT NOT NULL,
  yes_price_ticks BIGINT NOT NULL,
  count_hundredths BIGINT NOT NULL,
  taker_outcome TEXT,
  is_block_trade {BOOL} NOT NULL,
  created_time {TIME} NOT NULL,
  received_time {TIME} NOT NULL
);
CREATE INDEX trades_ticker ON trades(ticker, created_time);

CREATE TABLE tickers (
  ticker TEXT NOT NULL,
  received_time {TIME} NOT NULL,
  exchange_time {TIME} NOT NULL,
  last_price_ticks BIGINT,
  yes_bid_ticks BIGINT,
  yes_ask_ticks BIGINT,
  yes_bid_size_hundredths BIGINT NOT NULL,
  yes_ask_size_hundredths BIGINT NOT NULL,
  last_trade_size_hundredths BIGINT NOT NULL,
  volume_hundredths BIGINT NOT NULL,
  open_interest_hundredths BIGINT NOT NULL,
  PRIMARY KEY (ticker, received_time)
){NOROWID};

CREATE TABLE lifecycle_events (
  ticker TEXT NOT NULL,
  event_type TEXT NOT NULL,
  received_time {TIME} NOT NULL,
  result TEXT,
  settlement_value_ticks BIGINT,
  close_time {TIME},
  exchange_time {TIME},
  raw_json TEXT,
  PRIMARY KEY (ticker, event_type, received_time)
);

CREATE TABLE spot_ticks (
  source TEXT NOT NULL,
  symbol TEXT NOT NULL,
  tick_time {TIME} NOT NULL,
  value {DEC} NOT NULL,
  received_time {TIME},
  PRIMARY KEY (source, symbol, tick_time)
){NOROWID};

CREATE TABLE features (
  subject TEXT NOT NULL,
  name TEXT NOT NULL,
  feature_time {TIME} NOT NULL,
  value {DEC},
  value_json {JSON},
  run_id TEXT,
  PRIMARY KEY (subject, name, feature_time)
);

CREATE TABLE runs (
  run_id TEXT PRIMARY KEY,
  mode TEXT NOT NULL,
  strategy TEXT,
  config_hash TEXT,
  config_json TEXT,
  started_time {TIME} NOT NULL,
  ended_time {TIME},
  status TEXT NOT NULL,
  notes TEXT
);

CREATE TABLE orders (
  order_id TEXT PRIMARY KEY,
  run_id TEXT,
  strategy TEXT,
  client_order_id TEXT,
  ticker TEXT NOT NULL,
  side TEXT NOT NULL,
  yes_price_ticks BIGINT NOT NULL,
  status TEXT NOT NULL,
  order_type TEXT NOT NULL,
  initial_count_hundredths BIGINT NOT NULL,
  fill_count_hundredths BIGINT NOT NULL,
  remaining_count_hundredths BIGINT NOT NULL,
  taker_fill_cost_micros BIGINT NOT NULL,
  maker_fill_cost_micros BIGINT NOT NULL,
  taker_fees_micros BIGINT NOT NULL,
  maker_fees_micros BIGINT NOT NULL,
  time_in_force TEXT,
  self_trade_prevention TEXT,
  order_group_id TEXT,
  cancel_order_on_pause {BOOL} NOT NULL,
  created_time {TIME},
  last_update_time {TIME},
  expiration_time {TIME},
  last_update_reason TEXT,
  subaccount BIGINT NOT NULL,
  recorded_time {TIME} NOT NULL DEFAULT {NOW}
);
CREATE INDEX orders_client_order_id ON orders(client_order_id);
CREATE INDEX orders_run ON orders(run_id);

CREATE TABLE order_events (
  id {ID},
  run_id TEXT,
  event_time {TIME} NOT NULL,
  event_type TEXT NOT NULL,
  client_order_id TEXT,
  order_id TEXT,
  ticker TEXT NOT NULL,
  side TEXT,
  yes_price_ticks BIGINT,
  count_hundredths BIGINT,
  fill_count_hundredths BIGINT,
  remaining_count_hundredths BIGINT,
  status TEXT,
  reason TEXT,
  error_code TEXT,
  detail_json TEXT
);
CREATE UNIQUE INDEX order_events_identity ON order_events(run_id, client_order_id, event_type, event_time);
CREATE INDEX order_events_client_order_id ON order_events(client_order_id);

CREATE TABLE fills (
  trade_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  run_id TEXT,
  client_order_id TEXT,
  ticker TEXT NOT NULL,
  side TEXT NOT NULL,
  yes_price_ticks BIGINT NOT NULL,
  count_hundredths BIGINT NOT NULL,
  is_taker {BOOL} NOT NULL,
  fee_micros BIGINT NOT NULL,
  post_position_hundredths BIGINT,
  fill_time {TIME} NOT NULL,
  subaccount BIGINT NOT NULL,
  recorded_time {TIME} NOT NULL DEFAULT {NOW},
  PRIMARY KEY (trade_id, order_id)
);
CREATE INDEX fills_run ON fills(run_id, fill_time);

CREATE TABLE position_snapshots (
  run_id TEXT NOT NULL,
  ticker TEXT NOT NULL,
  snapshot_time {TIME} NOT NULL,
  source TEXT NOT NULL,
  position_hundredths BIGINT NOT NULL,
  market_exposure_micros BIGINT NOT NULL,
  total_traded_micros BIGINT NOT NULL,
  realized_pnl_micros BIGINT NOT NULL,
  fees_paid_micros BIGINT NOT NULL,
  resting_orders_hundredths BIGINT NOT NULL,
  last_updated_time {TIME},
  PRIMARY KEY (run_id, ticker, snapshot_time, source)
);

CREATE TABLE settlements (
  run_id TEXT NOT NULL,
  ticker TEXT NOT NULL,
  settled_time {TIME} NOT NULL,
  event_ticker TEXT,
  result TEXT NOT NULL,
  yes_count_hundredths BIGINT NOT NULL,
  no_count_hundredths BIGINT NOT NULL,
  yes_total_cost_micros BIGINT NOT NULL,
  no_total_cost_micros BIGINT NOT NULL,
  revenue_micros BIGINT NOT NULL,
  value_ticks BIGINT,
  fee_cost_micros BIGINT NOT NULL,
  PRIMARY KEY (run_id, ticker, settled_time)
);

CREATE TABLE opportunities (
  opportunity_id TEXT PRIMARY KEY,
  run_id TEXT,
  strategy TEXT NOT NULL,
  kind TEXT NOT NULL,
  relationship_id TEXT,
  tickers {JSON} NOT NULL,
  evaluated_time {TIME} NOT NULL,
  gross_edge_micros BIGINT,
  fees_micros BIGINT,
  net_edge_micros BIGINT,
  executable_size_hundredths BIGINT NOT NULL,
  expected_profit_micros BIGINT,
  traded {BOOL} NOT NULL,
  reason TEXT,
  detail_json TEXT
);
CREATE INDEX opportunities_run ON opportunities(run_id, evaluated_time);

CREATE TABLE relationships (
  relationship_id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  tickers {JSON} NOT NULL,
  event_tickers {JSON} NOT NULL,
  source TEXT NOT NULL,
  confidence {DEC},
  rationale TEXT,
  definition_json TEXT,
  evidence_json TEXT,
  created_time {TIME} NOT NULL,
  updated_time {TIME} NOT NULL,
  reviewed_by TEXT,
  review_note TEXT
);
CREATE INDEX relationships_state ON relationships(state);

CREATE TABLE quarantine (
  id {ID},
  source TEXT NOT NULL,
  reason TEXT NOT NULL,
  raw_text TEXT NOT NULL,
  received_time {TIME} NOT NULL
);

CREATE TABLE checkpoints (
  checkpoint_key TEXT PRIMARY KEY,
  checkpoint_value TEXT NOT NULL,
  updated_time {TIME} NOT NULL
);
""";

    /// <summary>The tables migration 1 creates and the column that dates their rows (see <see cref="Migration.Tables"/>).</summary>
    public static readonly (string Table, string? TimeColumn)[] Tables =
    [
        ("series", "recorded_time"),
        ("events", "recorded_time"),
        ("markets", "recorded_time"),
        ("market_snapshots", "snapshot_time"),
        ("candlesticks", "end_period_time"),
        ("orderbook_snapshots", "received_time"),
        ("orderbook_deltas", "received_time"),
        ("feed_gaps", "detected_time"),
        ("trades", "created_time"),
        ("tickers", "received_time"),
        ("lifecycle_events", "received_time"),
        ("spot_ticks", "tick_time"),
        ("features", "feature_time"),
        ("runs", "started_time"),
        ("orders", "recorded_time"),
        ("order_events", "event_time"),
        ("fills", "fill_time"),
        ("position_snapshots", "snapshot_time"),
        ("settlements", "settled_time"),
        ("opportunities", "evaluated_time"),
        ("relationships", "updated_time"),
        ("quarantine", "received_time"),
        ("checkpoints", "updated_time"),
    ];
}
