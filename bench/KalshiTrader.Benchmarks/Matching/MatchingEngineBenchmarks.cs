using BenchmarkDotNet.Attributes;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;

namespace KalshiTrader.Benchmarks.Matching;

/// <summary>
/// The matching engine on one thread with a mixed workload: passive adds around a drifting mid, cancels of recent
/// orders, and aggressive orders that cross the spread, over 4 markets and 64 accounts. <see cref="WithSink"/> false is
/// a backtest's setting; true is the server's (every event built, as the WebSocket hub receives them). One "operation"
/// is one engine call. Goal (issue 3): the matching engine on one thread at ≥ 1 million operations per second, i.e.
/// ≤ 1 µs each (<see cref="WithSink"/> false). The sink row is the server's extra cost of producing every event for the
/// WebSocket hub, held to the same line as a target.
/// The driver remembers only the ids of its last 4096 orders (cancels pick among the last 2000), as a client tracks
/// its open orders: keeping every id ever returned made the driver's own garbage part of the measurement.
/// Run: cd bench/KalshiTrader.Benchmarks &amp;&amp; dotnet run -c Release -- --filter '*MatchingEngine*' --job short --inProcess
/// </summary>
[MemoryDiagnoser]
public class MatchingEngineBenchmarks
{
    private const int Operations = 200_000;
    private const int RememberedIds = 4096; // > the 2,000 most recent adds a cancel may target
    private static readonly string[] Tickers = ["KXB-A", "KXB-B", "KXB-C", "KXB-D"];

    private Op[] _ops = [];
    private OrderRequest[] _requests = [];
    private PlacedOrder[] _placed = [];
    private MatchingEngine _engine = null!;
    private AccountId[] _accounts = [];

    [Params(false, true)]
    public bool WithSink { get; set; }

    [GlobalSetup]
    public void Generate()
    {
        var rng = new Random(7);
        var mids = Tickers.Select(_ => 50).ToArray();
        _ops = new Op[Operations];
        _requests = new OrderRequest[Operations];
        var adds = 0;
        var addOwner = new List<int>();
        for (var i = 0; i < Operations; i++)
        {
            var roll = rng.Next(100);
            var m = rng.Next(Tickers.Length);
            if (rng.Next(20) == 0) mids[m] = Math.Clamp(mids[m] + rng.Next(-1, 2), 10, 90);
            var account = rng.Next(64);
            if (roll < 30 && adds > 0)
            {
                var target = rng.Next(Math.Max(0, adds - 2_000), adds);
                _ops[i] = new Op(Kind.Cancel, addOwner[target], target);
                continue;
            }

            var side = rng.Next(2) == 0 ? OrderSide.Bid : OrderSide.Ask;
            var aggressive = roll >= 85;
            var cents = aggressive
                ? (side == OrderSide.Bid ? mids[m] + rng.Next(1, 4) : mids[m] - rng.Next(1, 4))
                : (side == OrderSide.Bid ? mids[m] - rng.Next(0, 6) : mids[m] + rng.Next(1, 7));
            _requests[i] = new OrderRequest
            {
                Ticker = Tickers[m],
                Side = side,
                YesPrice = Price.FromCents(Math.Clamp(cents, 1, 99)),
                Count = Quantity.FromContracts(rng.Next(1, 20)),
                TimeInForce = aggressive ? TimeInForce.ImmediateOrCancel : TimeInForce.GoodTillCanceled,
                SelfTradePrevention = SelfTradePrevention.Maker,
            };
            addOwner.Add(account);
            _ops[i] = new Op(Kind.Add, account, adds++);
        }

        _placed = new PlacedOrder[RememberedIds];
    }

    [IterationSetup]
    public void FreshEngine()
    {
        Array.Clear(_placed);
        _engine = new MatchingEngine(new ExchangeClock(new DateTimeOffset(2026, 1, 5, 15, 0, 0, TimeSpan.Zero)));
        if (WithSink) _engine.AddSink(new RoutingSink());
        _engine.AddEvent(new Event { Ticker = "KXB-E", SeriesTicker = "KXB" });
        foreach (var t in Tickers)
        {
            _engine.AddMarket(new Market { Ticker = t, EventTicker = "KXB-E", Status = MarketStatus.Active, PriceLevelStructure = "linear_cent" }).Unwrap();
        }

        _accounts = Enumerable.Range(0, 64).Select(i => _engine.CreateAccount($"b{i}", Money.FromCents(100_000_000))).ToArray();
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public int MixedWorkload()
    {
        var engine = _engine;
        var ok = 0;
        for (var i = 0; i < _ops.Length; i++)
        {
            var op = _ops[i];
            if (op.Kind == Kind.Add)
            {
                var placed = engine.Place(_accounts[op.Account], _requests[i]);
                if (placed.IsOk)
                {
                    _placed[op.Index % RememberedIds] = placed.Value;
                    ok++;
                }
            }
            else
            {
                var placed = _placed[op.Index % RememberedIds];
                if (placed.Seq != 0)
                {
                    // Cancels of already-filled orders are cheap rejections, like stale cancels in real life.
                    if (engine.Cancel(_accounts[op.Account], placed.OrderId).IsOk) ok++;
                }
            }
        }

        return ok;
    }

    private enum Kind : byte
    {
        Add,
        Cancel,
    }

    private readonly record struct Op(Kind Kind, int Account, int Index);

    /// <summary>
    /// What the server's hub does with each event for one connected account subscribed to every channel of one market:
    /// the channel's type test, the market filter and, for private channels, the account check.
    /// </summary>
    private sealed class RoutingSink : IEngineEventSink
    {
        private readonly MarketTicker _market = new("KXB-A");
        private readonly AccountId _account = new(1);
        public long Routed;

        public void Publish(EngineEvent e)
        {
            var wanted = e switch
            {
                BookChangedEvent b => b.Ticker == _market,
                TickerChangedEvent t => t.Ticker == _market,
                TradeExecutedEvent t => t.Ticker == _market,
                FillExecutedEvent f => f.Account == _account && f.Ticker == _market,
                PositionChangedEvent p => p.Account == _account && p.Ticker == _market,
                OrderChangedEvent o => o.Account == _account && o.Ticker == _market,
                _ => false,
            };
            if (wanted) Routed++;
        }
    }
}
