using System.Text;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.WebSocket;
using KalshiTrader.Testing;

namespace KalshiTrader.Kalshi.Tests.Ws;

/// <summary>Real captured Kalshi frames from ../shared/fixtures/kalshi.</summary>
public sealed class RecordedFeedParsingTests
{
    private static WsFrame[] ParseShared(string name)
    {
        var path = SharedFolder.RequireFile("fixtures/kalshi/" + name);
        var parser = new WsFrameParser();
        return File.ReadLines(path).Where(l => l.Length > 0)
            .Select(l => parser.Parse(Encoding.UTF8.GetBytes(l), Support.WsFixtures.Received)).ToArray();
    }

    [Fact]
    public void EveryRecordedTickerMessageParsesToATickerEvent()
    {
        var frames = ParseShared("kalshi_ticker.jsonl");

        Assert.NotEmpty(frames);
        Assert.All(frames, f =>
        {
            Assert.Null(f.ParseError);
            Assert.Equal(WsFrameType.Ticker, f.Type);
            Assert.IsType<TickerEvent>(f.Event);
        });
    }

    [Fact]
    public void RecordedTickerFieldsAreExact()
    {
        var frames = ParseShared("kalshi_ticker.jsonl");
        var first = ((TickerEvent)frames[0].Event!).Update;
        var second = ((TickerEvent)frames[1].Event!).Update;

        Assert.Equal(1, frames[0].Sid);
        Assert.Null(frames[0].Seq);
        Assert.Equal("KXXRP-26FEB1317-B1.3899500", first.Ticker.Value);
        Assert.Equal(Price.Parse("0.1400"), first.LastPrice);
        Assert.Equal(Price.Parse("0.0400"), first.YesBid);
        Assert.Equal(Price.Parse("0.9500"), first.YesAsk);
        Assert.Equal(Quantity.Parse("14.00"), first.YesBidSize);
        Assert.Equal(Quantity.Parse("84.00"), first.YesAskSize);
        Assert.Equal(Quantity.Parse("13446.00"), first.Volume);
        Assert.Equal(Quantity.Parse("892.00"), first.OpenInterest);
        Assert.Equal(Quantity.Zero, first.LastTradeSize);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1770897976), first.Time);
        Assert.Equal(Support.WsFixtures.Received, first.ReceivedTime);

        Assert.Equal("KXETHD-26FEB1217-T1819.99", second.Ticker.Value);
        Assert.Equal(Price.One, second.YesAsk);
        Assert.Equal(Quantity.Parse("195.00"), second.YesBidSize);
    }

    [Fact]
    public void EveryRecordedTradeParsesWithItsSequence()
    {
        var frames = ParseShared("kalshi_trade.jsonl");

        Assert.All(frames, f =>
        {
            Assert.Null(f.ParseError);
            Assert.Equal(WsFrameType.Trade, f.Type);
            var t = ((TradeEvent)f.Event!).Trade;
            Assert.Equal(Price.TicksPerDollar, t.YesPrice.Ticks + t.NoPrice.Ticks);
            Assert.True(t.Count.IsPositive);
        });
        Assert.Equal([10L, 48, 49, 50], frames.Take(4).Select(f => f.Seq!.Value));
    }

    [Fact]
    public void RecordedTradeFieldsAreExact()
    {
        var frames = ParseShared("kalshi_trade.jsonl");
        var t = ((TradeEvent)frames[0].Event!).Trade;
        var second = ((TradeEvent)frames[1].Event!).Trade;

        Assert.Equal(2, frames[0].Sid);
        Assert.Equal("f851595a-6d92-424e-09f8-0d2669de70ae", t.TradeId.Value);
        Assert.Equal("KXSOLD-26FEB1217-T79.9999", t.Ticker.Value);
        Assert.Equal(Price.Parse("0.7700"), t.YesPrice);
        Assert.Equal(Price.Parse("0.2300"), t.NoPrice);
        Assert.Equal(Quantity.FromContracts(75), t.Count);
        Assert.Equal(Outcome.Yes, t.TakerOutcome);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1770897981), t.Time);
        Assert.Equal(Outcome.No, second.TakerOutcome);
    }

    [Fact]
    public void TickerStringsAreSharedAcrossFramesOfOneMarket()
    {
        var frames = ParseShared("kalshi_trade.jsonl");
        var tickers = frames.Select(f => ((TradeEvent)f.Event!).Trade.Ticker.Value).ToArray();
        var repeated = tickers.GroupBy(t => t).First(g => g.Count() > 1).ToArray();

        Assert.True(ReferenceEquals(repeated[0], repeated[1]));
    }
}
