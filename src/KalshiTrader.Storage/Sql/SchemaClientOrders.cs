namespace KalshiTrader.Storage.Sql;

/// <summary>
/// Migration 2: the engine's orders keyed by client order id (orders.order_id is the exchange's id and does not
/// exist before the exchange answers), and an index for reading the fills of given orders at restart.
/// </summary>
internal static class SchemaClientOrders
{
    public static readonly (string Table, string? TimeColumn)[] Tables = [("client_orders", "created_time")];

    public const string Template = """
        CREATE TABLE client_orders (
          client_order_id TEXT PRIMARY KEY,
          order_id TEXT,
          run_id TEXT NOT NULL,
          mode TEXT NOT NULL,
          strategy TEXT NOT NULL,
          ticker TEXT NOT NULL,
          buy TEXT NOT NULL,
          limit_price_ticks BIGINT NOT NULL,
          count_hundredths BIGINT NOT NULL,
          time_in_force TEXT NOT NULL,
          post_only {BOOL} NOT NULL,
          reduce_only {BOOL} NOT NULL,
          expiration_time {TIME},
          order_group_id TEXT,
          position_set_id TEXT,
          worst_case_loss_micros BIGINT,
          tag TEXT,
          state TEXT NOT NULL,
          is_final {BOOL} NOT NULL,
          filled_hundredths BIGINT NOT NULL,
          remaining_hundredths BIGINT NOT NULL,
          fill_cost_micros BIGINT NOT NULL,
          fees_micros BIGINT NOT NULL,
          reason TEXT,
          created_time {TIME} NOT NULL,
          updated_time {TIME} NOT NULL,
          recorded_time {TIME} NOT NULL DEFAULT {NOW}
        );
        CREATE INDEX client_orders_open ON client_orders(is_final, created_time);
        CREATE INDEX client_orders_run ON client_orders(run_id, created_time);
        CREATE INDEX client_orders_order_id ON client_orders(order_id);
        CREATE INDEX fills_order ON fills(order_id);
        """;
}
