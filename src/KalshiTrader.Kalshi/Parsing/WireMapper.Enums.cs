using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Kalshi.Parsing;

public static partial class WireMapper
{
    /// <summary>V2 <c>bid</c>/<c>ask</c>.</summary>
    public static string ToWire(OrderSide side) => side == OrderSide.Bid ? "bid" : "ask";

    /// <summary><c>yes</c>/<c>no</c>.</summary>
    public static string ToWire(Outcome outcome) => outcome == Outcome.Yes ? "yes" : "no";

    public static string ToWire(TimeInForce tif) => tif switch
    {
        TimeInForce.GoodTillCanceled => "good_till_canceled",
        TimeInForce.ImmediateOrCancel => "immediate_or_cancel",
        TimeInForce.FillOrKill => "fill_or_kill",
        _ => throw new ArgumentOutOfRangeException(nameof(tif)),
    };

    public static string ToWire(SelfTradePrevention stp) => stp == SelfTradePrevention.Maker ? "maker" : "taker_at_cross";

    public static string ToWire(OrderStatus status) => status switch
    {
        OrderStatus.Resting => "resting",
        OrderStatus.Canceled => "canceled",
        OrderStatus.Executed => "executed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    /// <summary>Parses <c>bid</c>/<c>ask</c>.</summary>
    public static OrderSide ParseOrderSide(string? wire, string context, string field = "side") => wire switch
    {
        "bid" => OrderSide.Bid,
        "ask" => OrderSide.Ask,
        _ => throw new FormatException($"{context} {field}: '{wire}' is not bid or ask"),
    };

    /// <summary>Parses <c>yes</c>/<c>no</c>.</summary>
    public static Outcome ParseOutcome(string? wire, string context, string field) => wire switch
    {
        "yes" => Outcome.Yes,
        "no" => Outcome.No,
        _ => throw new FormatException($"{context} {field}: '{wire}' is not yes or no"),
    };

    public static TimeInForce ParseTimeInForce(string? wire, string context, string field = "time_in_force") => wire switch
    {
        "good_till_canceled" or "gtc" => TimeInForce.GoodTillCanceled,
        "immediate_or_cancel" or "ioc" => TimeInForce.ImmediateOrCancel,
        "fill_or_kill" or "fok" => TimeInForce.FillOrKill,
        _ => throw new FormatException($"{context} {field}: '{wire}' is not a time in force"),
    };

    public static SelfTradePrevention ParseSelfTradePrevention(string? wire, string context, string field = "self_trade_prevention_type") => wire switch
    {
        "taker_at_cross" => SelfTradePrevention.TakerAtCross,
        "maker" => SelfTradePrevention.Maker,
        _ => throw new FormatException($"{context} {field}: '{wire}' is not taker_at_cross or maker"),
    };

    public static OrderStatus ParseOrderStatus(string? wire, string context, string field = "status") => wire switch
    {
        "resting" => OrderStatus.Resting,
        "canceled" or "cancelled" => OrderStatus.Canceled,
        "executed" => OrderStatus.Executed,
        _ => throw new FormatException($"{context} {field}: '{wire}' is not resting, canceled or executed"),
    };

    /// <summary>
    /// The V2 book side of an order or fill: <c>book_side</c> when present, else from <c>outcome_side</c>
    /// (yes pairs with bid), else from the deprecated v1 <c>side</c>+<c>action</c> (buy yes = sell no = bid).
    /// </summary>
    internal static OrderSide ResolveSide(string? bookSide, string? outcomeSide, string? legacySide, string? legacyAction, string context)
    {
        if (!string.IsNullOrEmpty(bookSide)) return ParseOrderSide(bookSide, context, "book_side");
        if (!string.IsNullOrEmpty(outcomeSide)) return ParseOutcome(outcomeSide, context, "outcome_side").ToBuy();
        if (!string.IsNullOrEmpty(legacySide))
        {
            var outcome = ParseOutcome(legacySide, context, "side");
            var sell = legacyAction switch
            {
                null or "" or "buy" => false,
                "sell" => true,
                _ => throw new FormatException($"{context} action: '{legacyAction}' is not buy or sell"),
            };
            var buys = sell ? outcome.Opposite() : outcome;
            return buys.ToBuy();
        }

        throw new FormatException($"{context} book_side: missing");
    }
}
