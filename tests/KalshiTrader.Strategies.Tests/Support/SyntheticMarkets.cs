using KalshiTrader.Core.Books;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Strategies.Tests.Support;

/// <summary>Builds synthetic markets, events and books for detector and discovery tests.</summary>
internal static class SyntheticMarkets
{
    public static readonly DateTimeOffset Close = new(2027, 1, 1, 15, 0, 0, TimeSpan.Zero);

    public static Market Threshold(string ticker, string eventTicker, StrikeType type, decimal strike, string? rules = null) => new()
    {
        Ticker = ticker,
        EventTicker = eventTicker,
        Status = MarketStatus.Active,
        StrikeType = type,
        FloorStrike = type is StrikeType.Greater or StrikeType.GreaterOrEqual ? strike : null,
        CapStrike = type is StrikeType.Less or StrikeType.LessOrEqual ? strike : null,
        RulesPrimary = rules ?? $"If the high temperature at Central Park is {(type is StrikeType.Greater or StrikeType.GreaterOrEqual ? "above" : "below")} {strike} degrees on Jan 1, 2027, then the market resolves to Yes.",
        CloseTime = Close,
        ExpectedExpirationTime = Close,
    };

    public static Market Bucket(string ticker, string eventTicker, decimal floor, decimal cap) => new()
    {
        Ticker = ticker,
        EventTicker = eventTicker,
        Status = MarketStatus.Active,
        StrikeType = StrikeType.Between,
        FloorStrike = floor,
        CapStrike = cap,
        RulesPrimary = $"If the high temperature at Central Park is between {floor} and {cap} degrees on Jan 1, 2027, then the market resolves to Yes.",
        CloseTime = Close,
        ExpectedExpirationTime = Close,
    };

    public static Market Custom(string ticker, string eventTicker, string rules) => new()
    {
        Ticker = ticker,
        EventTicker = eventTicker,
        Status = MarketStatus.Active,
        StrikeType = StrikeType.Custom,
        RulesPrimary = rules,
        CloseTime = Close,
    };

    public static Event Event(string ticker, bool exclusive, params Market[] markets) => new()
    {
        Ticker = ticker,
        SeriesTicker = ticker.Split('-')[0],
        MutuallyExclusive = exclusive,
        SettlementSources = [new SettlementSource("NWS", "https://weather.gov")],
        Markets = markets,
    };

    /// <summary>Sets a book from YES bids and YES asks (asks become NO bids at 1 − ask).</summary>
    public static OrderBook SetBook(OrderBookSet books, string ticker, (string Price, long Contracts)[] yesBids, (string Price, long Contracts)[] yesAsks)
    {
        var book = books.GetOrAdd(ticker);
        book.ApplySnapshot(
            yesBids.Select(l => new PriceLevel(Price.Parse(l.Price), Quantity.FromContracts(l.Contracts))).ToArray(),
            yesAsks.Select(l => new PriceLevel(Price.Parse(l.Price).Complement, Quantity.FromContracts(l.Contracts))).ToArray());
        return book;
    }

    /// <summary>A one-level book: YES bid and YES ask, each with <paramref name="depth"/> contracts.</summary>
    public static OrderBook Quote(OrderBookSet books, string ticker, string bid, string ask, long depth = 100) =>
        SetBook(books, ticker, bid == "-" ? [] : [(bid, depth)], ask == "-" ? [] : [(ask, depth)]);
}
