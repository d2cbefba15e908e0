using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Tests.Support;

namespace KalshiTrader.Exchange.Tests.Matching;

/// <summary>
/// Thousands of seeded random operations from many accounts across several markets, checking after every step that
/// money is conserved exactly, nothing goes negative, books never rest crossed and match the resting orders, and YES
/// outstanding equals NO outstanding; and at the end that every fill appears once per side and once as a trade.
/// </summary>
public sealed class EngineInvariantPropertyTests
{
    private static readonly string[] Tickers = ["KXP-A", "KXP-B", "KXP-C"];

    [Theory]
    [InlineData(1, FeeType.Quadratic, "linear_cent")]
    [InlineData(2, FeeType.QuadraticWithMakerFees, "tapered_deci_cent")]
    [InlineData(3, FeeType.QuadraticWithComboMakerFees, "deci_cent")]
    public void RandomTradingKeepsEveryInvariant(int seed, FeeType feeType, string structure)
    {
        var rng = new Random(seed);
        var clock = new ExchangeClock(EngineFixture.Start);
        var engine = new MatchingEngine(clock, new MatchingEngineOptions { Seed = (ulong)seed });
        var sink = new RecordingSink();
        engine.AddSink(sink);
        engine.AddSeries(new Series { Ticker = "KXP", Fees = new FeeSchedule(feeType, 1m) });
        engine.AddEvent(new Event { Ticker = "KXP-E", SeriesTicker = "KXP" });
        foreach (var t in Tickers)
        {
            engine.AddMarket(new Market
            {
                Ticker = t, EventTicker = "KXP-E", Status = MarketStatus.Active, PriceLevelStructure = structure,
                CloseTime = EngineFixture.Start.AddDays(30), SettlementTimerSeconds = 0,
            }).Unwrap();
        }

        var accounts = Enumerable.Range(0, 10)
            .Select(i => engine.CreateAccount($"acct{i}", Money.FromCents(rng.Next(500, 20_000)), i % 4 == 3 ? AccountKind.DirectMember : AccountKind.Retail))
            .ToArray();
        var grid = engine.GetMarket(Tickers[0])!.TickGrid;
        var fair = Tickers.ToDictionary(t => t, _ => rng.Next(2_000, 8_000));

        for (var step = 0; step < 4000; step++)
        {
            var who = accounts[rng.Next(accounts.Length)];
            var ticker = Tickers[rng.Next(Tickers.Length)];
            var roll = rng.Next(100);
            if (roll < 60)
            {
                fair[ticker] = Math.Clamp(fair[ticker] + rng.Next(-300, 301), 500, 9_500);
                var side = rng.Next(2) == 0 ? OrderSide.Bid : OrderSide.Ask;
                var offset = rng.Next(-800, 801);
                var raw = Price.FromTicks(Math.Clamp(fair[ticker] + offset, 1, 9_999));
                var price = grid.RoundToward(raw, side) ?? grid.RoundUp(raw)!.Value;
                var count = rng.Next(10) == 0 ? Quantity.FromHundredths(rng.Next(1, 500)) : Quantity.FromContracts(rng.Next(1, 25));
                var tif = rng.Next(10) switch { 0 => TimeInForce.FillOrKill, 1 or 2 => TimeInForce.ImmediateOrCancel, _ => TimeInForce.GoodTillCanceled };
                engine.Submit(who, new OrderRequest
                {
                    Ticker = ticker, Side = side, YesPrice = price, Count = count, TimeInForce = tif,
                    PostOnly = tif == TimeInForce.GoodTillCanceled && rng.Next(8) == 0,
                    ReduceOnly = rng.Next(10) == 0,
                    SelfTradePrevention = rng.Next(2) == 0 ? SelfTradePrevention.Maker : SelfTradePrevention.TakerAtCross,
                    Expiration = tif == TimeInForce.GoodTillCanceled && rng.Next(10) == 0 ? clock.GetUtcNow().AddSeconds(rng.Next(1, 60)) : null,
                });
            }
            else
            {
                var resting = engine.GetOrders(who, status: OrderStatus.Resting);
                if (resting.Count > 0)
                {
                    var o = resting[rng.Next(resting.Count)];
                    switch (roll)
                    {
                        case < 75: engine.Cancel(who, o.Id); break;
                        case < 85:
                            engine.Amend(who, o.Id, o.Side, grid.RoundToward(Price.FromTicks(Math.Clamp(o.YesPrice.Ticks + rng.Next(-500, 501), 1, 9_999)), o.Side) ?? o.YesPrice,
                                o.FillCount + Quantity.FromContracts(rng.Next(1, 20)));
                            break;
                        case < 95:
                            if (o.RemainingCount.Hundredths > 1) engine.DecreaseTo(who, o.Id, Quantity.FromHundredths(rng.NextInt64(1, o.RemainingCount.Hundredths)));
                            break;
                        default: engine.CancelAll(who); break;
                    }
                }
            }

            if (rng.Next(50) == 0) clock.Advance(TimeSpan.FromSeconds(rng.Next(1, 20)));
            if (rng.Next(400) == 0)
            {
                var t = Tickers[rng.Next(Tickers.Length)];
                engine.Pause(t).Unwrap();
                engine.Resume(t).Unwrap();
            }

            AssertInvariants(engine, accounts, step);
        }

        engine.Determine(Tickers[0], MarketResult.Yes, finalizeNow: true).Unwrap();
        engine.Determine(Tickers[1], MarketResult.No, finalizeNow: true).Unwrap();
        engine.Determine(Tickers[2], MarketResult.Scalar, Price.FromTicks(3_337), finalizeNow: true).Unwrap();
        AssertInvariants(engine, accounts, -1);
        Assert.Equal(Money.Zero, engine.GetLedger().Collateral);
        AssertFillsMatchTrades(engine, accounts, sink);
    }

    private static void AssertInvariants(MatchingEngine engine, AccountId[] accounts, int step)
    {
        var ledger = engine.GetLedger();
        Assert.True(ledger.Unaccounted == Money.Zero, $"step {step}: money not conserved, {ledger}");

        var yesOutstanding = new Dictionary<string, long>();
        var noOutstanding = new Dictionary<string, long>();
        var restingBySideAndPrice = new Dictionary<(string, Outcome, int), long>();
        foreach (var a in accounts)
        {
            var summary = engine.GetAccount(a)!;
            Assert.True(summary.Available >= Money.Zero, $"step {step}: {a} available {summary.Available}");
            Assert.True(summary.Reserved >= Money.Zero, $"step {step}: {a} reserved {summary.Reserved}");
            if (summary.Kind == AccountKind.Retail) Assert.Equal(0, summary.Available.Micros % 10_000);
            foreach (var p in engine.GetPositions(a))
            {
                var key = p.Ticker.Value;
                if (p.Position.IsPositive) yesOutstanding[key] = yesOutstanding.GetValueOrDefault(key) + p.Position.Hundredths;
                if (p.Position.IsNegative) noOutstanding[key] = noOutstanding.GetValueOrDefault(key) - p.Position.Hundredths;
            }

            foreach (var o in engine.GetOrders(a, status: OrderStatus.Resting))
            {
                var outcome = o.Side.Buys();
                var price = outcome == Outcome.Yes ? o.YesPrice.Ticks : Price.TicksPerDollar - o.YesPrice.Ticks;
                var key = (o.Ticker.Value, outcome, price);
                restingBySideAndPrice[key] = restingBySideAndPrice.GetValueOrDefault(key) + o.RemainingCount.Hundredths;
            }
        }

        foreach (var t in Tickers)
        {
            Assert.True(yesOutstanding.GetValueOrDefault(t) == noOutstanding.GetValueOrDefault(t), $"step {step}: {t} YES {yesOutstanding.GetValueOrDefault(t)} ≠ NO {noOutstanding.GetValueOrDefault(t)}");
            var market = engine.GetMarket(t)!;
            Assert.Equal(yesOutstanding.GetValueOrDefault(t), market.OpenInterest.Hundredths);
            Assert.False(market.YesBid is { } bid && market.YesAsk is { } ask && bid >= ask, $"step {step}: {t} book crossed {market.YesBid} ≥ {market.YesAsk}");
            var book = engine.GetBook(t)!;
            foreach (var (levels, outcome) in new[] { (book.YesBids, Outcome.Yes), (book.NoBids, Outcome.No) })
            {
                for (var i = 1; i < levels.Count; i++) Assert.True(levels[i - 1].Price < levels[i].Price, "levels ascend");
                foreach (var l in levels)
                {
                    Assert.Equal(restingBySideAndPrice.GetValueOrDefault((t, outcome, l.Price.Ticks)), l.Size.Hundredths);
                }

                Assert.Equal(restingBySideAndPrice.Where(kv => kv.Key.Item1 == t && kv.Key.Item2 == outcome).Sum(kv => kv.Value), levels.Sum(l => l.Size.Hundredths));
            }
        }
    }

    private static void AssertFillsMatchTrades(MatchingEngine engine, AccountId[] accounts, RecordingSink sink)
    {
        var trades = engine.GetTrades();
        Assert.NotEmpty(trades);
        var fills = accounts.SelectMany(a => engine.GetFills(a)).ToList();
        Assert.Equal(trades.Count * 2, fills.Count);
        var byTrade = fills.GroupBy(f => f.TradeId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var t in trades)
        {
            var pair = byTrade[t.TradeId];
            Assert.Equal(2, pair.Count);
            Assert.Single(pair, f => f.IsTaker);
            Assert.All(pair, f => Assert.Equal(t.Count, f.Count));
            Assert.All(pair, f => Assert.Equal(t.YesPrice, f.YesPrice));
            Assert.NotEqual(pair[0].Side, pair[1].Side);
        }

        Assert.Equal(trades.Count, sink.Of<TradeExecutedEvent>().Count());
        Assert.Equal(fills.Count, sink.Of<FillExecutedEvent>().Count());
    }
}
