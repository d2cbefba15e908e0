namespace KalshiTrader.Kalshi.Wire.Ws;

/// <summary>Command names a client sends (the <c>cmd</c> field).</summary>
public static class WsCommands
{
    public const string Subscribe = "subscribe";
    public const string Unsubscribe = "unsubscribe";
    public const string UpdateSubscription = "update_subscription";
    public const string ListSubscriptions = "list_subscriptions";
}

/// <summary><c>update_subscription</c> actions.</summary>
public static class WsActions
{
    public const string AddMarkets = "add_markets";
    public const string DeleteMarkets = "delete_markets";
    public const string GetSnapshot = "get_snapshot";
}

/// <summary>Channel names for <c>subscribe</c>.</summary>
public static class WsChannels
{
    public const string OrderbookDelta = "orderbook_delta";
    public const string Ticker = "ticker";
    public const string Trade = "trade";
    public const string Fill = "fill";
    public const string MarketPositions = "market_positions";
    public const string UserOrders = "user_orders";
    public const string MarketLifecycleV2 = "market_lifecycle_v2";
    public const string OrderGroupUpdates = "order_group_updates";
}

/// <summary>Server message types (the envelope's <c>type</c> field).</summary>
public static class WsMessageTypes
{
    public const string Subscribed = "subscribed";
    public const string Unsubscribed = "unsubscribed";
    public const string Ok = "ok";
    public const string Error = "error";
    public const string OrderbookSnapshot = "orderbook_snapshot";
    public const string OrderbookDelta = "orderbook_delta";
    public const string Ticker = "ticker";
    public const string Trade = "trade";
    public const string Fill = "fill";
    public const string MarketPosition = "market_position";
    public const string UserOrder = "user_order";
    public const string MarketLifecycleV2 = "market_lifecycle_v2";
    public const string EventLifecycle = "event_lifecycle";
    public const string EventFeeUpdate = "event_fee_update";
    public const string OrderGroupUpdates = "order_group_updates";
}

/// <summary>Error codes of <c>{"type":"error","msg":{"code","msg"}}</c>; 6, 16 and 17 are retired.</summary>
public static class WsErrorCodes
{
    public const int UnableToProcess = 1;
    public const int ParamsRequired = 2;
    public const int ChannelsRequired = 3;
    public const int SidsRequired = 4;
    public const int UnknownCommand = 5;
    public const int UnknownSid = 7;
    public const int UnknownChannel = 8;
    public const int AuthRequired = 9;

    /// <summary>Terminal: the subscription is gone and must be re-made.</summary>
    public const int ChannelError = 10;
    public const int InvalidParameter = 11;
    public const int ExactlyOneSid = 12;
    public const int UnsupportedAction = 13;
    public const int MarketTickerRequired = 14;
    public const int ActionRequired = 15;
    public const int CommandTimeout = 18;

    /// <summary>Terminal: the subscription's outbound buffer overflowed; its books are lost and it must be re-made.</summary>
    public const int BufferOverflow = 25;
    public const int MarketLimitExceeded = 26;
    public const int TooManyRequests = 27;
}
