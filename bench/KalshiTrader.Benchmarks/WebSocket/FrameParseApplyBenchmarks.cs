using System.Text;
using BenchmarkDotNet.Attributes;
using KalshiTrader.Core.Books;
using KalshiTrader.Kalshi.WebSocket;

namespace KalshiTrader.Benchmarks.WebSocket;

/// <summary>
/// Kalshi WebSocket frames in the recorded format (envelope + msg with market_id, ts_ms) → parsed → applied to the
/// consumer's books. Mostly orderbook_delta over 20 markets, with ticker and trade frames mixed in (about 1 in 10).
/// One operation = one frame. Goal: ≥ 1 million frames/s/core.
/// Run: dotnet run -c Release --project bench/KalshiTrader.Benchmarks -- --filter '*FrameParseApply*' --job short
/// </summary>
[MemoryDiagnoser]
public class FrameParseApplyBenchmarks
{
    private const int Frames = 4096;
    private readonly WsFrameParser _parser = new();
    private readonly OrderBookSet _books = new();
    private byte[][] _frames = [];
    private byte[][] _deltaFrames = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(7);
        var tickers = Enumerable.Range(0, 20).Select(i => $"KXBTCD-26FEB1217-T{67000 + (i * 250)}.99").ToArray();
        var now = DateTimeOffset.UnixEpoch;
        var seq = 0L;
        foreach (var t in tickers)
        {
            var snap = $$$"""{"type":"orderbook_snapshot","sid":1,"seq":{{{++seq}}},"msg":{"market_ticker":"{{{t}}}","market_id":"6a958fdf-4723-4333-9531-57111fbc51d3","yes_dollars_fp":[["0.0100","5000.00"],["0.3800","120.00"],["0.3900","80.00"],["0.4000","40.00"]],"no_dollars_fp":[["0.0100","5000.00"],["0.5700","110.00"],["0.5800","60.00"],["0.5900","30.00"]]}}""";
            _books.Apply(_parser.Parse(Encoding.UTF8.GetBytes(snap), now).Event!);
        }

        var frames = new List<byte[]>();
        var deltas = new List<byte[]>();
        while (frames.Count < Frames)
        {
            var t = tickers[rng.Next(tickers.Length)];
            var kind = rng.Next(10);
            string json;
            if (kind == 0)
            {
                json = $$$"""{"type":"ticker","sid":2,"msg":{"market_id":"6a958fdf-4723-4333-9531-57111fbc51d3","market_ticker":"{{{t}}}","price_dollars":"0.4000","yes_bid_dollars":"0.4000","yes_ask_dollars":"0.4100","volume_fp":"13446.00","open_interest_fp":"892.00","dollar_volume":6723,"dollar_open_interest":446,"yes_bid_size_fp":"40.00","yes_ask_size_fp":"30.00","last_trade_size_fp":"5.00","ts":1770897976,"ts_ms":1770897976123,"time":"2026-02-12T12:06:16.123Z"}}""";
            }
            else if (kind == 1)
            {
                json = $$$"""{"type":"trade","sid":3,"seq":{{{frames.Count + 1}}},"msg":{"trade_id":"f851595a-6d92-424e-09f8-0d2669de70ae","market_ticker":"{{{t}}}","yes_price_dollars":"0.4000","no_price_dollars":"0.6000","count_fp":"5.00","taker_outcome_side":"yes","taker_book_side":"bid","taker_side":"yes","is_block_trade":false,"ts":1770897981,"ts_ms":1770897981123}}""";
            }
            else
            {
                // +x then −x at the same level, so replaying the array forever keeps every book valid.
                var side = rng.Next(2) == 0 ? "yes" : "no";
                var price = side == "yes" ? $"0.{38 + rng.Next(3)}{rng.Next(10)}0" : $"0.{57 + rng.Next(3)}00";
                var size = $"{rng.Next(1, 500)}.{rng.Next(100):00}";
                foreach (var sign in new[] { "", "-" })
                {
                    var d = Encoding.UTF8.GetBytes($$$"""{"type":"orderbook_delta","sid":1,"seq":{{{++seq}}},"msg":{"market_ticker":"{{{t}}}","market_id":"6a958fdf-4723-4333-9531-57111fbc51d3","price_dollars":"{{{price}}}","delta_fp":"{{{sign}}}{{{size}}}","side":"{{{side}}}","ts_ms":1770897981123}}""");
                    frames.Add(d);
                    deltas.Add(d);
                }

                continue;
            }

            frames.Add(Encoding.UTF8.GetBytes(json));
        }

        _frames = [.. frames.Take(Frames)];
        _deltaFrames = [.. deltas.Take(Frames)];
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public int ParseOnly()
    {
        var n = 0;
        var now = DateTimeOffset.UnixEpoch;
        foreach (var f in _frames) n += _parser.Parse(f, now).Event is null ? 0 : 1;
        return n;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public int ParseAndApplyMixed()
    {
        var n = 0;
        var now = DateTimeOffset.UnixEpoch;
        foreach (var f in _frames)
        {
            if (_parser.Parse(f, now).Event is { } e && _books.Apply(e) == BookApplyResult.Applied) n++;
        }

        return n;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public int ParseAndApplyDeltasOnly()
    {
        var n = 0;
        var now = DateTimeOffset.UnixEpoch;
        foreach (var f in _deltaFrames)
        {
            if (_parser.Parse(f, now).Event is { } e && _books.Apply(e) == BookApplyResult.Applied) n++;
        }

        return n;
    }
}
