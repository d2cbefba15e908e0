using KalshiTrader.Core.Primitives;
using KalshiTrader.Storage.Records;
using KalshiTrader.Storage.Tests.Support;
using static KalshiTrader.Storage.Tests.Support.Samples;

namespace KalshiTrader.Storage.Tests;

/// <summary>The bulk order-book delta path (what the recorder and the write benchmark use): exact, ordered, idempotent.</summary>
public sealed class OrderBookDeltaWriteTests
{
    private const string Ticker = "KXTEST-26MAR-T3.1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OrderBookDeltaRecord AsStored(OrderBookDeltaRecord d) => d with
    {
        ReceivedTime = d.ReceivedTime.AddTicks(-(d.ReceivedTime.UtcTicks % 10)),
        ExchangeTime = d.ExchangeTime is { } e ? e.AddTicks(-(e.UtcTicks % 10)) : null,
    };

    private static async Task<long> CountAsync(IKalshiStore store) =>
        (await store.GetTableStatsAsync(Ct)).Single(s => s.Table == "orderbook_deltas").Rows;

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task AnUnorderedBatchWithRepeatsKeepsTheFirstCopyAndReadsBackInSeqOrder(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var deltas = Enumerable.Range(1, 300).Select(i => Delta(i)).ToList();
        var shuffled = deltas.OrderBy(d => (d.Seq * 7919) % 301).ToList();
        var repeat = Delta(10) with { Price = Price.FromTicks(4321) };
        shuffled.Insert(200, repeat);

        await t.Store.InsertOrderBookDeltasAsync(shuffled, Ct);

        var back = await t.Store.GetOrderBookDeltasAsync(Ticker, null, null, Ct);
        Assert.Equal(deltas.Select(AsStored).ToList(), back);
        Assert.Equal(300, await CountAsync(t.Store));
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task SeqsAcrossThe32BitBoundaryStayDistinctAndInOrder(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        long[] seqs = [5, uint.MaxValue, 1L << 32, (1L << 32) + 1, 1L << 33, 1L << 40];
        var deltas = seqs.Select(s => Delta(s)).ToList();

        await t.Store.InsertOrderBookDeltasAsync(deltas.AsEnumerable().Reverse().ToList(), Ct);
        await t.Store.InsertOrderBookDeltasAsync(deltas, Ct);

        Assert.Equal(deltas.Select(AsStored).ToList(), await t.Store.GetOrderBookDeltasAsync(Ticker, null, null, Ct));
        Assert.Equal(seqs.Length, await CountAsync(t.Store));
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task TheSameSeqUnderAnotherSidOrSessionIsAnotherDelta(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        OrderBookDeltaRecord[] deltas = [Delta(3), Delta(3, "KXOTHER-26MAR-T1") with { Sid = 9 }, Delta(3) with { Sid = 8 }, Delta(3, session: 2)];

        await t.Store.InsertOrderBookDeltasAsync(deltas, Ct);
        await t.Store.InsertOrderBookDeltasAsync(deltas, Ct);

        Assert.Equal(4, await CountAsync(t.Store));
        Assert.Equal([AsStored(deltas[0]), AsStored(deltas[2]), AsStored(deltas[3])], await t.Store.GetOrderBookDeltasAsync(Ticker, null, null, Ct));
        Assert.Equal([AsStored(deltas[1])], await t.Store.GetOrderBookDeltasAsync("KXOTHER-26MAR-T1", null, null, Ct));
    }

    /// <summary>Kalshi counts seq per subscription across its markets, so (session, sid, seq) is the delta, whatever market a copy names.</summary>
    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task ARowRepeatingSessionSidAndSeqIsARepeatEvenUnderAnotherMarket(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);

        await t.Store.InsertOrderBookDeltasAsync([Delta(3), Delta(3, "KXOTHER-26MAR-T1")], Ct);
        await t.Store.InsertOrderBookDeltasAsync([Delta(3, "KXOTHER-26MAR-T1")], Ct);

        Assert.Equal(1, await CountAsync(t.Store));
        Assert.Equal([AsStored(Delta(3))], await t.Store.GetOrderBookDeltasAsync(Ticker, null, null, Ct));
        Assert.Empty(await t.Store.GetOrderBookDeltasAsync("KXOTHER-26MAR-T1", null, null, Ct));
    }

    /// <summary>The recorder's shape: one book subscription over many markets, seq rising across them and across flushes.</summary>
    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task ManyMarketsOfOneSubscriptionReadBackPerMarketAfterRepeatedAndResumedFlushes(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        string[] markets = [.. Enumerable.Range(0, 25).Select(m => $"KXMANY-26MAR-T{m}")];
        var deltas = Enumerable.Range(1, 2000).Select(i => Delta(i, markets[i * 7 % markets.Length])).ToList();

        for (var start = 0; start < deltas.Count; start += 300) await t.Store.InsertOrderBookDeltasAsync(deltas.Skip(start).Take(300).ToList(), Ct);
        await t.Store.InsertOrderBookDeltasAsync(deltas.Skip(900).Take(300).ToList(), Ct); // a flush retried after a crash
        await t.ReopenAsync();
        await t.Store.InsertOrderBookDeltasAsync(deltas.Skip(1800).ToList(), Ct); // and again by a restarted process

        Assert.Equal(2000, await CountAsync(t.Store));
        foreach (var market in markets)
        {
            Assert.Equal(deltas.Where(d => d.Ticker.Value == market).Select(AsStored).ToList(), await t.Store.GetOrderBookDeltasAsync(market, null, null, Ct));
        }
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task ABatchOverlappingStoredRowsAddsOnlyTheNewOnes(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var deltas = Enumerable.Range(1, 1000).Select(i => Delta(i)).ToList();
        await t.Store.InsertOrderBookDeltasAsync(deltas.Take(600).ToList(), Ct);

        await t.Store.InsertOrderBookDeltasAsync(deltas.Skip(300).ToList(), Ct);

        Assert.Equal(deltas.Select(AsStored).ToList(), await t.Store.GetOrderBookDeltasAsync(Ticker, null, null, Ct));
        Assert.Equal(1000, await CountAsync(t.Store));
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task AFailedBatchStoresNothingAndTheNextBatchOfItsMarketIsReadable(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var good = Enumerable.Range(1, 150).Select(i => Delta(i, "KXNEW-26MAR-T2")).ToList();
        var broken = good.Append(Delta(151) with { Ticker = default }).ToList();

        await Assert.ThrowsAnyAsync<Exception>(() => t.Store.InsertOrderBookDeltasAsync(broken, Ct));
        Assert.Equal(0, await CountAsync(t.Store));

        await t.Store.InsertOrderBookDeltasAsync(good, Ct);
        Assert.Equal(good.Select(AsStored).ToList(), await t.Store.GetOrderBookDeltasAsync("KXNEW-26MAR-T2", null, null, Ct));
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task ATimeWindowReadsOnlyThatMarketsDeltasInsideIt(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var deltas = Enumerable.Range(1, 200).Select(i => Delta(i)).Concat(Enumerable.Range(1, 200).Select(i => Delta(i, "KXOTHER-26MAR-T1") with { Sid = 9 })).ToList();
        await t.Store.InsertOrderBookDeltasAsync(deltas, Ct);

        var from = Delta(50).ReceivedTime.AddTicks(-30);
        var to = Delta(59).ReceivedTime;
        var back = await t.Store.GetOrderBookDeltasAsync(Ticker, from, to, Ct);

        Assert.Equal(Enumerable.Range(50, 10).Select(i => AsStored(Delta(i))).ToList(), back);
    }

    [Theory]
    [MemberData(nameof(TestStore.Engines), MemberType = typeof(TestStore))]
    public async Task WritersRacingWithTheSameBatchStoreItOnce(string engine)
    {
        await using var t = await TestStore.OpenAsync(engine);
        var deltas = Enumerable.Range(1, 500).Select(i => Delta(i)).ToList();

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => t.Store.InsertOrderBookDeltasAsync(deltas, Ct), Ct)));

        Assert.Equal(500, await CountAsync(t.Store));
        Assert.Equal(deltas.Select(AsStored).ToList(), await t.Store.GetOrderBookDeltasAsync(Ticker, null, null, Ct));
    }
}
