using KalshiTrader.Core.Books;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Strategies.Mispricing.Execution;

/// <summary>
/// The book update an evaluation came from: the market whose change was being handled, the feed sequence number the
/// engine's book had reached and the exchange's timestamp of its last delta (absent before the first delta). Recorded
/// as "trigger" so a reader can check, without timing the strategy, that an opportunity was evaluated on the update
/// that revealed it rather than on some later one.
/// </summary>
internal readonly record struct BookTrigger(MarketTicker Ticker, long Sequence, DateTimeOffset? ExchangeTime)
{
    public static BookTrigger Of(MarketTicker ticker, OrderBook? book) =>
        new(ticker, book?.Sequence ?? 0, book is { LastExchangeTime: var t } && t != default ? t : null);
}
