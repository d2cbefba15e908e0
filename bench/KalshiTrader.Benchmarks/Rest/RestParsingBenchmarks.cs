using System.Text.Json;
using BenchmarkDotNet.Attributes;
using KalshiTrader.Core.Books;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Parsing;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Benchmarks.Rest;

/// <summary>
/// REST decoding cost: a full 1000-market page (the page size the client requests) and a 100-level-per-side
/// order book, from UTF-8 bytes to domain values (System.Text.Json source generation + WireMapper).
/// Run: dotnet run -c Release --project bench/KalshiTrader.Benchmarks -- --filter '*RestParsing*' --job short
/// </summary>
[MemoryDiagnoser]
public class RestParsingBenchmarks
{
    private byte[] _marketsPage = [];
    private byte[] _orderbook = [];

    [GlobalSetup]
    public void Setup()
    {
        var markets = Enumerable.Range(0, 1000).Select(i => WireMapper.ToWire(new Market
        {
            Ticker = $"KXBTCD-26JUN0517-T{100000 + (i * 250)}",
            EventTicker = "KXBTCD-26JUN0517",
            Status = MarketStatus.Active,
            YesSubTitle = $"${100000 + (i * 250)} or above",
            RulesPrimary = "If the price is above the strike at the close, the market resolves to Yes.",
            StrikeType = StrikeType.Greater,
            FloorStrike = 100000 + (i * 250),
            CloseTime = DateTimeOffset.FromUnixTimeSeconds(1_780_700_400),
            OpenTime = DateTimeOffset.FromUnixTimeSeconds(1_780_600_400),
            CreatedTime = DateTimeOffset.FromUnixTimeSeconds(1_780_600_000),
            PriceLevelStructure = "tapered_deci_cent",
            PriceRanges = TickGrid.TaperedDeciCent.Ranges,
            YesBid = Price.FromTicks(1000 + (i % 80 * 100)),
            YesAsk = Price.FromTicks(1100 + (i % 80 * 100)),
            NoBid = Price.FromTicks(8900 - (i % 80 * 100)),
            NoAsk = Price.FromTicks(9000 - (i % 80 * 100)),
            YesBidSize = Quantity.FromHundredths(12345 + i),
            YesAskSize = Quantity.FromHundredths(5432 + i),
            LastPrice = Price.FromTicks(1050 + (i % 80 * 100)),
            Volume = Quantity.FromHundredths(381932559 + i),
            Volume24h = Quantity.FromHundredths(2053797),
            OpenInterest = Quantity.FromHundredths(186700202),
        })).ToList();
        _marketsPage = JsonSerializer.SerializeToUtf8Bytes(new MarketsResponse { Markets = markets, Cursor = "next" }, KalshiRestJsonContext.Default.MarketsResponse);

        var yes = Enumerable.Range(1, 100).Select(i => new PriceLevel(Price.FromTicks(i * 40), Quantity.FromHundredths(100 + (i * 37)))).ToArray();
        var no = Enumerable.Range(1, 100).Select(i => new PriceLevel(Price.FromTicks(i * 50), Quantity.FromHundredths(625122 + i))).ToArray();
        _orderbook = JsonSerializer.SerializeToUtf8Bytes(new OrderbookResponse { OrderbookFp = WireMapper.ToOrderbookWire(yes, no) }, KalshiRestJsonContext.Default.OrderbookResponse);
    }

    /// <summary>1000 markets: deserialize only.</summary>
    [Benchmark]
    public int MarketsPageDeserialize() => JsonSerializer.Deserialize(_marketsPage, KalshiRestJsonContext.Default.MarketsResponse)!.Markets.Count;

    /// <summary>1000 markets: deserialize and map every field to domain values.</summary>
    [Benchmark]
    public int MarketsPageToDomain()
    {
        var page = JsonSerializer.Deserialize(_marketsPage, KalshiRestJsonContext.Default.MarketsResponse)!;
        var n = 0;
        foreach (var m in page.Markets) n += WireMapper.ToMarket(m).YesBid!.Value.Ticks;
        return n;
    }

    /// <summary>200 levels: deserialize and map to sorted domain levels.</summary>
    [Benchmark]
    public int OrderbookToDomain()
    {
        var wire = JsonSerializer.Deserialize(_orderbook, KalshiRestJsonContext.Default.OrderbookResponse)!;
        var book = WireMapper.ToOrderBook("KX-1", wire);
        return book.YesBids.Length + book.NoBids.Length;
    }
}
