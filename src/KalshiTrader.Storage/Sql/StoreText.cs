using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;

namespace KalshiTrader.Storage.Sql;

/// <summary>The text each enum is stored as (Kalshi's wire words where Kalshi has one), and back.</summary>
internal static class StoreText
{
    public static string Of(Outcome outcome) => outcome == Outcome.Yes ? "yes" : "no";

    public static Outcome ParseOutcome(string text) => text switch
    {
        "yes" => Outcome.Yes,
        "no" => Outcome.No,
        _ => throw new FormatException($"outcome: unknown value '{text}' in store"),
    };

    public static string Of(OrderSide side) => side == OrderSide.Bid ? "bid" : "ask";

    public static OrderSide ParseSide(string text) => text switch
    {
        "bid" => OrderSide.Bid,
        "ask" => OrderSide.Ask,
        _ => throw new FormatException($"side: unknown value '{text}' in store"),
    };

    public static string Of(OrderStatus status) => status switch
    {
        OrderStatus.Resting => "resting",
        OrderStatus.Canceled => "canceled",
        OrderStatus.Executed => "executed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    public static OrderStatus ParseStatus(string text) => text switch
    {
        "resting" => OrderStatus.Resting,
        "canceled" => OrderStatus.Canceled,
        "executed" => OrderStatus.Executed,
        _ => throw new FormatException($"order status: unknown value '{text}' in store"),
    };

    public static string Of(TimeInForce tif) => tif switch
    {
        TimeInForce.GoodTillCanceled => "good_till_canceled",
        TimeInForce.ImmediateOrCancel => "immediate_or_cancel",
        TimeInForce.FillOrKill => "fill_or_kill",
        _ => throw new ArgumentOutOfRangeException(nameof(tif)),
    };

    public static TimeInForce ParseTimeInForce(string text) => text switch
    {
        "good_till_canceled" => TimeInForce.GoodTillCanceled,
        "immediate_or_cancel" => TimeInForce.ImmediateOrCancel,
        "fill_or_kill" => TimeInForce.FillOrKill,
        _ => throw new FormatException($"time_in_force: unknown value '{text}' in store"),
    };

    public static string Of(SelfTradePrevention stp) => stp == SelfTradePrevention.Maker ? "maker" : "taker_at_cross";

    public static SelfTradePrevention ParseStp(string text) => text switch
    {
        "maker" => SelfTradePrevention.Maker,
        "taker_at_cross" => SelfTradePrevention.TakerAtCross,
        _ => throw new FormatException($"self_trade_prevention: unknown value '{text}' in store"),
    };

    public static string Of(RelationshipState state) => state switch
    {
        RelationshipState.Proposed => "proposed",
        RelationshipState.Approved => "approved",
        RelationshipState.Rejected => "rejected",
        RelationshipState.Retired => "retired",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static RelationshipState ParseRelationshipState(string text) => text switch
    {
        "proposed" => RelationshipState.Proposed,
        "approved" => RelationshipState.Approved,
        "rejected" => RelationshipState.Rejected,
        "retired" => RelationshipState.Retired,
        _ => throw new FormatException($"relationship state: unknown value '{text}' (proposed|approved|rejected|retired)"),
    };
}
