namespace KalshiTrader.Core.Primitives;

// Domain identifiers: distinct types so a market ticker can never be passed where an event ticker belongs.

/// <summary>A market ticker such as "KXPRESPERSON-28-TGAB". Tickers may contain '.'.</summary>
public readonly record struct MarketTicker(string Value)
{
    public override string ToString() => Value;
    public static implicit operator MarketTicker(string value) => new(value);
}

/// <summary>An event ticker such as "KXPRESPERSON-28".</summary>
public readonly record struct EventTicker(string Value)
{
    public override string ToString() => Value;
    public static implicit operator EventTicker(string value) => new(value);
}

/// <summary>A series ticker such as "KXPRESPERSON".</summary>
public readonly record struct SeriesTicker(string Value)
{
    public override string ToString() => Value;
    public static implicit operator SeriesTicker(string value) => new(value);
}

/// <summary>The exchange's order id (a UUID string).</summary>
public readonly record struct OrderId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>Our own idempotency key for an order; unique per account.</summary>
public readonly record struct ClientOrderId(string Value)
{
    public override string ToString() => Value;
}

/// <summary>A trade (and fill) id.</summary>
public readonly record struct TradeId(string Value)
{
    public override string ToString() => Value;
}
