using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;

namespace KalshiTrader.Storage.Sql;

internal abstract partial class SqlStore
{
    public Task UpsertRunAsync(RunRecord run, CancellationToken cancellationToken) => WriteAsync(Tables.Runs, [run], cancellationToken);

    public Task<RunRecord?> GetRunAsync(string runId, CancellationToken cancellationToken) =>
        QuerySingleAsync("SELECT * FROM runs WHERE run_id = @id", Readers.Run, cancellationToken, A("id", runId));

    public async Task<IReadOnlyList<RunRecord>> GetRunsAsync(int limit, CancellationToken cancellationToken) =>
        await QueryListAsync($"SELECT * FROM runs ORDER BY started_time DESC, run_id LIMIT {Math.Max(0, limit)}", Readers.Run, cancellationToken)
            .ConfigureAwait(false);

    public Task UpsertOrdersAsync(IReadOnlyList<OrderRecord> orders, CancellationToken cancellationToken) =>
        WriteAsync(Tables.Orders, orders, cancellationToken);

    // The latest state wins by exchange update time; the store's own write time breaks ties (and orders without times).
    public Task<OrderRecord?> GetLatestOrderByClientOrderIdAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken) =>
        QuerySingleAsync(
            "SELECT * FROM orders WHERE client_order_id = @c " +
            "ORDER BY COALESCE(last_update_time, created_time, recorded_time) DESC, recorded_time DESC LIMIT 1",
            Readers.Order, cancellationToken, A("c", clientOrderId.Value));

    public Task<OrderRecord?> GetOrderAsync(OrderId orderId, CancellationToken cancellationToken) =>
        QuerySingleAsync("SELECT * FROM orders WHERE order_id = @id", Readers.Order, cancellationToken, A("id", orderId.Value));

    public async Task<IReadOnlyList<OrderRecord>> GetOrdersByRunAsync(string runId, CancellationToken cancellationToken) =>
        await QueryListAsync(
            "SELECT * FROM orders WHERE run_id = @r ORDER BY COALESCE(created_time, recorded_time), order_id",
            Readers.Order, cancellationToken, A("r", runId)).ConfigureAwait(false);

    public Task InsertOrderEventsAsync(IReadOnlyList<OrderEventRecord> events, CancellationToken cancellationToken) =>
        WriteAsync(Tables.OrderEvents, events, cancellationToken);

    public async Task<IReadOnlyList<OrderEventRecord>> GetOrderEventsByRunAsync(string runId, CancellationToken cancellationToken) =>
        await QueryListAsync("SELECT * FROM order_events WHERE run_id = @r ORDER BY id", Readers.OrderEvent, cancellationToken, A("r", runId))
            .ConfigureAwait(false);

    public async Task<IReadOnlyList<OrderEventRecord>> GetOrderEventsByClientOrderIdAsync(
        ClientOrderId clientOrderId, CancellationToken cancellationToken) =>
        await QueryListAsync(
            "SELECT * FROM order_events WHERE client_order_id = @c ORDER BY id", Readers.OrderEvent, cancellationToken, A("c", clientOrderId.Value))
            .ConfigureAwait(false);

    public Task UpsertFillsAsync(IReadOnlyList<FillRecord> fills, CancellationToken cancellationToken) =>
        WriteAsync(Tables.Fills, fills, cancellationToken);

    public async Task<IReadOnlyList<FillRecord>> GetFillsByRunAsync(string runId, CancellationToken cancellationToken) =>
        await QueryListAsync("SELECT * FROM fills WHERE run_id = @r ORDER BY fill_time, trade_id", Readers.Fill, cancellationToken, A("r", runId))
            .ConfigureAwait(false);

    public Task InsertPositionSnapshotsAsync(IReadOnlyList<PositionSnapshotRecord> snapshots, CancellationToken cancellationToken) =>
        WriteAsync(Tables.PositionSnapshots, snapshots, cancellationToken);

    public async Task<IReadOnlyList<PositionSnapshotRecord>> GetPositionSnapshotsByRunAsync(string runId, CancellationToken cancellationToken) =>
        await QueryListAsync(
            "SELECT * FROM position_snapshots WHERE run_id = @r ORDER BY snapshot_time, ticker",
            Readers.PositionSnapshot, cancellationToken, A("r", runId)).ConfigureAwait(false);

    public Task UpsertOpportunitiesAsync(IReadOnlyList<OpportunityRecord> opportunities, CancellationToken cancellationToken) =>
        WriteAsync(Tables.Opportunities, opportunities, cancellationToken);

    public async Task<IReadOnlyList<OpportunityRecord>> GetOpportunitiesByRunAsync(string runId, CancellationToken cancellationToken) =>
        await QueryListAsync(
            "SELECT * FROM opportunities WHERE run_id = @r ORDER BY evaluated_time, opportunity_id",
            Readers.Opportunity, cancellationToken, A("r", runId)).ConfigureAwait(false);

    public Task UpsertRelationshipsAsync(IReadOnlyList<RelationshipRecord> relationships, CancellationToken cancellationToken) =>
        WriteAsync(Tables.Relationships, relationships, cancellationToken);

    public Task<RelationshipRecord?> GetRelationshipAsync(string relationshipId, CancellationToken cancellationToken) =>
        QuerySingleAsync("SELECT * FROM relationships WHERE relationship_id = @id", Readers.Relationship, cancellationToken, A("id", relationshipId));

    public async Task<IReadOnlyList<RelationshipRecord>> GetRelationshipsAsync(RelationshipState? state, CancellationToken cancellationToken) =>
        state is { } s
            ? await QueryListAsync(
                "SELECT * FROM relationships WHERE state = @s ORDER BY relationship_id", Readers.Relationship, cancellationToken, A("s", StoreText.Of(s)))
                .ConfigureAwait(false)
            : await QueryListAsync("SELECT * FROM relationships ORDER BY relationship_id", Readers.Relationship, cancellationToken)
                .ConfigureAwait(false);

    public async Task<bool> SetRelationshipStateAsync(
        string relationshipId, RelationshipState state, string? reviewedBy, string? note, DateTimeOffset time,
        CancellationToken cancellationToken)
    {
        var changed = await ExecuteAsync(
            "UPDATE relationships SET state = @s, reviewed_by = @by, review_note = @note, updated_time = @t WHERE relationship_id = @id",
            cancellationToken,
            A("s", StoreText.Of(state)), A("by", reviewedBy), A("note", note), A("t", time, ColumnKind.Time), A("id", relationshipId))
            .ConfigureAwait(false);
        return changed > 0;
    }

    public Task UpsertSettlementsAsync(IReadOnlyList<SettlementRecord> settlements, CancellationToken cancellationToken) =>
        WriteAsync(Tables.Settlements, settlements, cancellationToken);

    public async Task<IReadOnlyList<SettlementRecord>> GetSettlementsByRunAsync(string? runId, CancellationToken cancellationToken) =>
        await QueryListAsync(
            "SELECT * FROM settlements WHERE run_id = @r ORDER BY settled_time, ticker", Readers.Settlement, cancellationToken, A("r", runId ?? ""))
            .ConfigureAwait(false);
}
