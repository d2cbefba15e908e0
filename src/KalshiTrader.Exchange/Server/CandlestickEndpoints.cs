using System.Globalization;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace KalshiTrader.Exchange.Server;

/// <summary>
/// <c>GET /markets/candlesticks</c> (the batch endpoint the recorder uses), built from the engine's trade prints.
/// The engine keeps no quote history, so a candle carries the traded-price OHLC and volume only (no yes_bid/yes_ask,
/// open interest 0), and only periods with trades get a candle.
/// </summary>
internal static class CandlestickEndpoints
{
    public static void Map(RouteGroupBuilder v2, ExchangeContext x)
    {
        v2.MapGet("/markets/candlesticks", (HttpRequest req) =>
        {
            var tickers = Rest.Query(req, "market_tickers")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            if (tickers.Length is 0 or > 100) return Rest.Error(400, "invalid_parameters", "market_tickers must name 1 to 100 markets");
            if (!int.TryParse(Rest.Query(req, "period_interval"), NumberStyles.None, CultureInfo.InvariantCulture, out var period) || period is not (1 or 60 or 1440))
            {
                return Rest.Error(400, "invalid_parameters", "period_interval must be 1, 60 or 1440");
            }

            DateTimeOffset start, end;
            try
            {
                (start, end) = (Rest.UnixSeconds(req, "start_ts") ?? DateTimeOffset.MinValue, Rest.UnixSeconds(req, "end_ts") ?? DateTimeOffset.MaxValue);
            }
            catch (FormatException ex)
            {
                return Rest.Error(400, "invalid_parameters", ex.Message);
            }

            var trades = x.Locked(e => tickers.Select(t => e.GetMarket(t) is null ? null : e.GetTrades(t)).ToArray());
            if (tickers.Where((t, i) => trades[i] is null).ToArray() is { Length: > 0 } missing) return Rest.NotFound($"markets not found: {string.Join(",", missing)}");
            var markets = tickers.Select((t, i) => new MarketCandlesticksWire
            {
                MarketTicker = t,
                Candlesticks = Candles(t, period, trades[i]!).Where(c => c.EndPeriod >= start && c.EndPeriod <= end).Select(WireMapper.ToWire).ToList(),
            }).ToList();
            return Rest.Json(new BatchCandlesticksResponse { Markets = markets }, KalshiRestJsonContext.Default.BatchCandlesticksResponse);
        });
    }

    // A candle ending at T covers (T - period, T], as Kalshi's end_period_ts does.
    private static IEnumerable<Candlestick> Candles(string ticker, int period, IReadOnlyList<Trade> newestFirst)
    {
        var seconds = period * 60L;
        return newestFirst.Reverse()
            .GroupBy(t => (t.Time.ToUnixTimeSeconds() + seconds - 1) / seconds * seconds)
            .Select(g => new Candlestick
            {
                Ticker = new MarketTicker(ticker),
                PeriodMinutes = period,
                EndPeriod = DateTimeOffset.FromUnixTimeSeconds(g.Key),
                TradePrice = new Ohlc(g.First().YesPrice, g.Max(t => t.YesPrice), g.Min(t => t.YesPrice), g.Last().YesPrice),
                Volume = Quantity.FromHundredths(g.Sum(t => t.Count.Hundredths)),
            });
    }
}
