using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using static KalshiTrader.Storage.Sql.ColumnKind;

namespace KalshiTrader.Storage.Sql;

internal abstract partial class SqlStore
{
    public Task UpsertClientOrdersAsync(IReadOnlyList<ClientOrderRecord> orders, CancellationToken cancellationToken) =>
        WriteAsync(ClientOrderTable.Spec, orders, cancellationToken);

    public Task<ClientOrderRecord?> GetClientOrderAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken) =>
        QuerySingleAsync("SELECT * FROM client_orders WHERE client_order_id = @c", ClientOrderTable.Read, cancellationToken, A("c", clientOrderId.Value));

    public async Task<IReadOnlyList<ClientOrderRecord>> GetOpenClientOrdersAsync(CancellationToken cancellationToken) =>
        await QueryListAsync(
            "SELECT * FROM client_orders WHERE is_final = @f ORDER BY created_time, client_order_id",
            ClientOrderTable.Read, cancellationToken, A("f", false, Bool)).ConfigureAwait(false);

    public async Task<IReadOnlyList<ClientOrderRecord>> GetClientOrdersByRunAsync(string runId, CancellationToken cancellationToken) =>
        await QueryListAsync(
            "SELECT * FROM client_orders WHERE run_id = @r ORDER BY created_time, client_order_id",
            ClientOrderTable.Read, cancellationToken, A("r", runId)).ConfigureAwait(false);

    public async Task<IReadOnlyList<FillRecord>> GetFillsByOrderIdsAsync(IReadOnlyCollection<OrderId> orderIds, CancellationToken cancellationToken)
    {
        var fills = new List<FillRecord>();
        foreach (var chunk in orderIds.Select(o => o.Value).Distinct(StringComparer.Ordinal).Chunk(500))
        {
            var args = chunk.Select((id, i) => A("o" + i, id)).ToArray();
            fills.AddRange(await QueryListAsync(
                $"SELECT * FROM fills WHERE order_id IN ({string.Join(", ", args.Select(a => "@" + a.Name))})",
                Readers.Fill, cancellationToken, args).ConfigureAwait(false));
        }

        return fills.OrderBy(f => f.Fill.Time).ThenBy(f => f.Fill.TradeId.Value, StringComparer.Ordinal).ToList();
    }
}

/// <summary>How <see cref="ClientOrderRecord"/> maps onto client_orders (see <see cref="SchemaClientOrders"/>).</summary>
internal static class ClientOrderTable
{
    public static readonly TableSpec<ClientOrderRecord> Spec = new("client_orders", ["client_order_id"], true,
    [
        new("client_order_id", Text, o => o.ClientOrderId.Value),
        new("order_id", Text, o => o.OrderId?.Value),
        new("run_id", Text, o => o.RunId),
        new("mode", Text, o => o.Mode),
        new("strategy", Text, o => o.Strategy),
        new("ticker", Text, o => o.Ticker.Value),
        new("buy", Text, o => StoreText.Of(o.Buy)),
        new("limit_price_ticks", Int, o => (long)o.LimitPrice.Ticks),
        new("count_hundredths", Int, o => o.Count.Hundredths),
        new("time_in_force", Text, o => StoreText.Of(o.TimeInForce)),
        new("post_only", Bool, o => o.PostOnly),
        new("reduce_only", Bool, o => o.ReduceOnly),
        new("expiration_time", ColumnKind.Time, o => o.Expiration),
        new("order_group_id", Text, o => o.OrderGroupId),
        new("position_set_id", Text, o => o.PositionSetId),
        new("worst_case_loss_micros", Int, o => o.WorstCaseLoss?.Micros),
        new("tag", Text, o => o.Tag),
        new("state", Text, o => o.State),
        new("is_final", Bool, o => o.IsFinal),
        new("filled_hundredths", Int, o => o.Filled.Hundredths),
        new("remaining_hundredths", Int, o => o.Remaining.Hundredths),
        new("fill_cost_micros", Int, o => o.FillCost.Micros),
        new("fees_micros", Int, o => o.Fees.Micros),
        new("reason", Text, o => o.Reason),
        new("created_time", ColumnKind.Time, o => o.CreatedTime),
        new("updated_time", ColumnKind.Time, o => o.UpdatedTime),
    ], touchColumn: "recorded_time");

    public static ClientOrderRecord Read(Row r) => new()
    {
        ClientOrderId = new ClientOrderId(r.Text("client_order_id")),
        OrderId = r.TextOrNull("order_id") is { } id ? new OrderId(id) : null,
        RunId = r.Text("run_id"),
        Mode = r.Text("mode"),
        Strategy = r.Text("strategy"),
        Ticker = new MarketTicker(r.Text("ticker")),
        Buy = StoreText.ParseOutcome(r.Text("buy")),
        LimitPrice = r.Price("limit_price_ticks"),
        Count = r.Quantity("count_hundredths"),
        TimeInForce = StoreText.ParseTimeInForce(r.Text("time_in_force")),
        PostOnly = r.Bool("post_only"),
        ReduceOnly = r.Bool("reduce_only"),
        Expiration = r.TimeOrNull("expiration_time"),
        OrderGroupId = r.TextOrNull("order_group_id"),
        PositionSetId = r.TextOrNull("position_set_id"),
        WorstCaseLoss = r.MoneyOrNull("worst_case_loss_micros"),
        Tag = r.TextOrNull("tag"),
        State = r.Text("state"),
        IsFinal = r.Bool("is_final"),
        Filled = r.Quantity("filled_hundredths"),
        Remaining = r.Quantity("remaining_hundredths"),
        FillCost = r.Money("fill_cost_micros"),
        Fees = r.Money("fees_micros"),
        Reason = r.TextOrNull("reason"),
        CreatedTime = r.Time("created_time"),
        UpdatedTime = r.Time("updated_time"),
        RecordedTime = r.Time("recorded_time"),
    };
}
