using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;

namespace KalshiTrader.Storage;

/// <summary>
/// The one store: SQLite (default) or PostgreSQL behind the same contract, opened with
/// <see cref="StoreFactory.Open"/>. Every write takes a batch and runs in one transaction; writing the same
/// rows twice never duplicates them (upserts keep the latest values, append-only tables ignore repeats).
/// Prices are stored as integer ticks, counts as integer hundredths, money as integer micro-dollars.
/// </summary>
public interface IKalshiStore : IMarketDataStore, ITradingStore, IClientOrderStore, IStoreAdmin, IAsyncDisposable
{
}

/// <summary>What the engine and strategies persist and read back: runs, orders, fills, positions, opportunities, relationships.</summary>
public interface ITradingStore
{
    Task UpsertRunAsync(RunRecord run, CancellationToken cancellationToken);
    Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Most recent first.</summary>
    Task<IReadOnlyList<RunRecord>> GetRunsAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Keyed by order id: a later state of the same order replaces the earlier one.</summary>
    Task UpsertOrdersAsync(IReadOnlyList<OrderRecord> orders, CancellationToken cancellationToken);

    /// <summary>The most recently updated order carrying this client order id, or null.</summary>
    Task<OrderRecord?> GetLatestOrderByClientOrderIdAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken);
    Task<OrderRecord?> GetOrderAsync(OrderId orderId, CancellationToken cancellationToken);
    Task<IReadOnlyList<OrderRecord>> GetOrdersByRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Append-only; an identical (run, client order id, type, time) event is written once.</summary>
    Task InsertOrderEventsAsync(IReadOnlyList<OrderEventRecord> events, CancellationToken cancellationToken);

    /// <summary>In insertion order.</summary>
    Task<IReadOnlyList<OrderEventRecord>> GetOrderEventsByRunAsync(string runId, CancellationToken cancellationToken);
    Task<IReadOnlyList<OrderEventRecord>> GetOrderEventsByClientOrderIdAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken);

    /// <summary>Keyed by (trade id, order id).</summary>
    Task UpsertFillsAsync(IReadOnlyList<FillRecord> fills, CancellationToken cancellationToken);

    /// <summary>Ordered by time.</summary>
    Task<IReadOnlyList<FillRecord>> GetFillsByRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Keyed by (run, ticker, time, source).</summary>
    Task InsertPositionSnapshotsAsync(IReadOnlyList<PositionSnapshotRecord> snapshots, CancellationToken cancellationToken);
    Task<IReadOnlyList<PositionSnapshotRecord>> GetPositionSnapshotsByRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Keyed by opportunity id.</summary>
    Task UpsertOpportunitiesAsync(IReadOnlyList<OpportunityRecord> opportunities, CancellationToken cancellationToken);

    /// <summary>Ordered by evaluation time.</summary>
    Task<IReadOnlyList<OpportunityRecord>> GetOpportunitiesByRunAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Keyed by relationship id.</summary>
    Task UpsertRelationshipsAsync(IReadOnlyList<RelationshipRecord> relationships, CancellationToken cancellationToken);
    Task<RelationshipRecord?> GetRelationshipAsync(string relationshipId, CancellationToken cancellationToken);

    /// <summary>All relationships, or those in <paramref name="state"/>; ordered by id.</summary>
    Task<IReadOnlyList<RelationshipRecord>> GetRelationshipsAsync(RelationshipState? state, CancellationToken cancellationToken);

    /// <summary>Approve, reject or retire; false when no such relationship exists.</summary>
    Task<bool> SetRelationshipStateAsync(
        string relationshipId, RelationshipState state, string? reviewedBy, string? note, DateTimeOffset time,
        CancellationToken cancellationToken);

    /// <summary>Keyed by (run, ticker, settled time).</summary>
    Task UpsertSettlementsAsync(IReadOnlyList<SettlementRecord> settlements, CancellationToken cancellationToken);
    Task<IReadOnlyList<SettlementRecord>> GetSettlementsByRunAsync(string? runId, CancellationToken cancellationToken);
}

/// <summary>What the recorder writes and research reads: catalog, prices, books, trades and the raw feed.</summary>
public interface IMarketDataStore
{
    /// <summary>Keyed by ticker.</summary>
    Task UpsertSeriesAsync(IReadOnlyList<Series> series, CancellationToken cancellationToken);

    /// <summary>Keyed by ticker. Nested <see cref="Event.Markets"/> are upserted too. The series must exist.</summary>
    Task UpsertEventsAsync(IReadOnlyList<Event> events, CancellationToken cancellationToken);

    /// <summary>Keyed by ticker. The event must exist.</summary>
    Task UpsertMarketsAsync(IReadOnlyList<Market> markets, CancellationToken cancellationToken);

    Task<Series?> GetSeriesAsync(SeriesTicker ticker, CancellationToken cancellationToken);

    /// <summary>The event with its markets.</summary>
    Task<Event?> GetEventAsync(EventTicker ticker, CancellationToken cancellationToken);
    Task<Market?> GetMarketAsync(MarketTicker ticker, CancellationToken cancellationToken);
    Task<IReadOnlyList<Market>> GetMarketsAsync(MarketFilter filter, CancellationToken cancellationToken);

    /// <summary>Keyed by (ticker, time, source).</summary>
    Task InsertMarketSnapshotsAsync(IReadOnlyList<MarketSnapshot> snapshots, CancellationToken cancellationToken);
    Task<IReadOnlyList<MarketSnapshot>> GetMarketSnapshotsAsync(
        MarketTicker ticker, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    /// <summary>Keyed by (ticker, period, end time).</summary>
    Task UpsertCandlesticksAsync(IReadOnlyList<Candlestick> candles, CancellationToken cancellationToken);
    Task<IReadOnlyList<Candlestick>> GetCandlesticksAsync(
        MarketTicker ticker, int periodMinutes, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    /// <summary>Keyed by (ticker, source, received time).</summary>
    Task InsertOrderBookSnapshotsAsync(IReadOnlyList<OrderBookSnapshotRecord> snapshots, CancellationToken cancellationToken);
    Task<IReadOnlyList<OrderBookSnapshotRecord>> GetOrderBookSnapshotsAsync(
        MarketTicker ticker, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    /// <summary>Keyed by (ticker, session, sid, seq). The bulk path: use large batches.</summary>
    Task InsertOrderBookDeltasAsync(IReadOnlyList<OrderBookDeltaRecord> deltas, CancellationToken cancellationToken);

    /// <summary>Deltas of one market in (session, sid, seq) order.</summary>
    Task<IReadOnlyList<OrderBookDeltaRecord>> GetOrderBookDeltasAsync(
        MarketTicker ticker, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    /// <summary>Keyed by (session, sid, received seq).</summary>
    Task InsertFeedGapsAsync(IReadOnlyList<FeedGapRecord> gaps, CancellationToken cancellationToken);

    /// <summary>Keyed by trade id.</summary>
    Task UpsertTradesAsync(IReadOnlyList<Trade> trades, CancellationToken cancellationToken);
    Task<IReadOnlyList<Trade>> GetTradesAsync(
        MarketTicker ticker, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    /// <summary>Keyed by (ticker, received time).</summary>
    Task InsertTickersAsync(IReadOnlyList<TickerUpdate> tickers, CancellationToken cancellationToken);
    Task<IReadOnlyList<TickerUpdate>> GetTickersAsync(
        MarketTicker ticker, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    /// <summary>Keyed by (ticker, event type, received time).</summary>
    Task InsertLifecycleEventsAsync(IReadOnlyList<LifecycleRecord> events, CancellationToken cancellationToken);
    Task<IReadOnlyList<LifecycleRecord>> GetLifecycleEventsAsync(MarketTicker ticker, CancellationToken cancellationToken);

    /// <summary>Keyed by (source, symbol, time).</summary>
    Task UpsertSpotTicksAsync(IReadOnlyList<SpotTick> ticks, CancellationToken cancellationToken);
    Task<IReadOnlyList<SpotTick>> GetSpotTicksAsync(
        string source, string symbol, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    /// <summary>Keyed by (subject, name, time).</summary>
    Task UpsertFeaturesAsync(IReadOnlyList<FeatureRecord> features, CancellationToken cancellationToken);
    Task<IReadOnlyList<FeatureRecord>> GetFeaturesAsync(
        string subject, string? name, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken);

    /// <summary>Append-only: every malformed message is kept.</summary>
    Task InsertQuarantineAsync(IReadOnlyList<QuarantineRecord> messages, CancellationToken cancellationToken);
    Task<IReadOnlyList<QuarantineRecord>> GetQuarantineAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The value saved under <paramref name="key"/> by a resumable job, or null.</summary>
    Task<string?> GetCheckpointAsync(string key, CancellationToken cancellationToken);
    Task SetCheckpointAsync(string key, string value, DateTimeOffset time, CancellationToken cancellationToken);
}

/// <summary>Inspection: schema version, row counts, ad-hoc read-only queries.</summary>
public interface IStoreAdmin
{
    StoreEngine Engine { get; }

    /// <summary>The highest migration applied.</summary>
    Task<int> GetSchemaVersionAsync(CancellationToken cancellationToken);

    /// <summary>Rows and time range of every table.</summary>
    Task<IReadOnlyList<TableStats>> GetTableStatsAsync(CancellationToken cancellationToken);

    /// <summary>Rows of a named table (every column).</summary>
    Task<QueryResult> ReadTableAsync(string table, int? limit, CancellationToken cancellationToken);

    /// <summary>Runs a SELECT and returns its rows; anything that is not a single SELECT/WITH statement is refused.</summary>
    Task<QueryResult> QueryAsync(string sql, CancellationToken cancellationToken);

    /// <summary>The names of the tables this store holds.</summary>
    IReadOnlyList<string> TableNames { get; }
}

public enum StoreEngine
{
    Sqlite,
    Postgres,
}

/// <summary>Which markets to list; every filter is optional and they combine with AND.</summary>
public sealed record MarketFilter(
    EventTicker? EventTicker = null,
    SeriesTicker? SeriesTicker = null,
    IReadOnlyCollection<MarketStatus>? Statuses = null,
    int? Limit = null)
{
    public static MarketFilter All { get; } = new();
}
