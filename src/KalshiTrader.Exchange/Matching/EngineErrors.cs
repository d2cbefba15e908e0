using KalshiTrader.Core.Exchange;

namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// The engine's expected failures, with the HTTP status and code the server answers with. Kalshi's exact codes are
/// not all documented ([?]); these are descriptive snake_case names in Kalshi's style.
/// </summary>
public static class EngineErrors
{
    public static ExchangeError BadRequest(string message, string code = "invalid_parameters") =>
        new(ExchangeErrorKind.BadRequest, message, 400, code);

    public static ExchangeError InsufficientBalance(string message) =>
        new(ExchangeErrorKind.BadRequest, message, 400, "insufficient_balance");

    public static ExchangeError MarketNotFound(string ticker) =>
        new(ExchangeErrorKind.NotFound, $"market {ticker} not found", 404, "market_not_found");

    public static ExchangeError EventNotFound(string ticker) =>
        new(ExchangeErrorKind.NotFound, $"event {ticker} not found", 404, "event_not_found");

    public static ExchangeError OrderNotFound(string id) =>
        new(ExchangeErrorKind.NotFound, $"order {id} not found", 404, "order_not_found");

    public static ExchangeError OrderGroupNotFound(string id) =>
        new(ExchangeErrorKind.NotFound, $"order group {id} not found", 404, "order_group_not_found");

    public static ExchangeError AccountNotFound(AccountId id) =>
        new(ExchangeErrorKind.NotFound, $"{id} not found", 404, "account_not_found");

    public static ExchangeError MarketNotOpen(string ticker, string status) =>
        new(ExchangeErrorKind.BadRequest, $"market {ticker} is not open for trading (status {status})", 400, "market_closed");

    public static ExchangeError DuplicateClientOrderId(string id) =>
        new(ExchangeErrorKind.Conflict, $"client_order_id '{id}' was already used by this account", 409, "duplicate_client_order_id");

    // Concatenated rather than interpolated: stale cancels are frequent, and this is the whole cost of answering one.
    public static ExchangeError OrderNotResting(string id, string status) =>
        new(ExchangeErrorKind.BadRequest, string.Concat("order ", id, " is not resting (status ", status, ")"), 400, "order_not_resting");

    public static ExchangeError OrderGroupTriggered(string id) =>
        new(ExchangeErrorKind.BadRequest, $"order group {id} has hit its contracts limit; reset it before placing orders", 400, "order_group_triggered");

    public static ExchangeError InvalidPrice(string message) => BadRequest(message, "invalid_price");

    public static ExchangeError Conflict(string message, string code = "conflict") =>
        new(ExchangeErrorKind.Conflict, message, 409, code);
}
