using System.Security.Cryptography;
using System.Text.Json;
using KalshiTrader.Core.Books;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Auth;
using KalshiTrader.Kalshi.Tests.Support;
using KalshiTrader.Kalshi.WebSocket;
using KalshiTrader.Kalshi.Wire.Ws;

namespace KalshiTrader.Kalshi.Tests.WebSocket;

public sealed class KalshiWebSocketClientTests : IAsyncLifetime
{
    private const string Market = "KXWC-30-POR";
    private static readonly MarketTicker Ticker = new(Market);
    // One key for the class: RSA key generation is slow and the tests only need it to be real.
    private static readonly RSA SharedKey = RSA.Create(2048);
    private readonly RSA _key = SharedKey;
    private readonly List<string> _log = [];
    private WsScriptedServer _server = null!;

    public async ValueTask InitializeAsync()
    {
        var publicKey = RSA.Create();
        publicKey.ImportParameters(_key.ExportParameters(false));
        _server = await WsScriptedServer.StartAsync(publicKey);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
    }

    private KalshiWebSocketClient NewClient(bool useYesPrice = false, TimeSpan? quiet = null, bool signed = true) => new(new KalshiWebSocketOptions
    {
        Url = _server.Url,
        Signer = signed ? new KalshiSigner("test-key-id", _key) : null,
        UseYesPrice = useYesPrice,
        QuietSnapshotAfter = quiet,
        ReconnectInitialDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        CommandTimeout = TimeSpan.FromSeconds(5),
        Log = line => { lock (_log) _log.Add(line); },
    });

    private static string Snapshot(long sid, long seq, string yesLevels = """["0.4000","10.00"]""", string noLevels = """["0.5500","5.00"]""") =>
        $$$"""{"type":"orderbook_snapshot","sid":{{{sid}}},"seq":{{{seq}}},"msg":{"market_ticker":"{{{Market}}}","market_id":"m","yes_dollars_fp":[{{{yesLevels}}}],"no_dollars_fp":[{{{noLevels}}}]}}""";

    private static string Delta(long sid, long seq, string price = "0.4000", string delta = "1.00", string side = "yes") =>
        $$$"""{"type":"orderbook_delta","sid":{{{sid}}},"seq":{{{seq}}},"msg":{"market_ticker":"{{{Market}}}","market_id":"m","price_dollars":"{{{price}}}","delta_fp":"{{{delta}}}","side":"{{{side}}}","ts_ms":1770897981123}}""";

    /// <summary>Starts a client following <see cref="Market"/>'s book, with the server's side answered up to the first snapshot.</summary>
    private async Task<(KalshiWebSocketClient Client, WsServerConnection Conn, WsSubscription Sub)> StartFollowingAsync(bool useYesPrice = false, TimeSpan? quiet = null)
    {
        var client = NewClient(useYesPrice, quiet);
        var sub = (await client.SubscribeAsync(WsChannels.OrderbookDelta, [Ticker], CancellationToken.None)).Unwrap();
        await client.StartAsync(CancellationToken.None);
        var conn = await _server.NextConnectionAsync();
        await conn.AcceptSubscribeAsync(sid: 1);
        await conn.SendAsync(Snapshot(1, 1));
        Assert.Equal(new ConnectionEvent(true, "connected") { ReceivedTime = default }.Connected, (await client.Events.NextAsync<ConnectionEvent>()).Connected);
        await client.Events.NextAsync<BookSnapshotEvent>();
        return (client, conn, sub);
    }

    [Fact]
    public async Task UpgradeIsSignedOverGetAndTheWebSocketPath()
    {
        await using var client = NewClient();
        await client.StartAsync(CancellationToken.None);
        var conn = await _server.NextConnectionAsync();

        Assert.Equal("test-key-id", conn.Headers[KalshiSigner.KeyHeader]);
        var ts = long.Parse(conn.Headers[KalshiSigner.TimestampHeader], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(KalshiSigner.Verify(_key, ts, "GET", "/trade-api/ws/v2", conn.Headers[KalshiSigner.SignatureHeader]));
        Assert.False(KalshiSigner.Verify(_key, ts, "GET", "/trade-api/v2", conn.Headers[KalshiSigner.SignatureHeader]));
    }

    [Fact]
    public async Task AnUnsignedUpgradeIsRefusedAndStartFailsNamingTheUrl()
    {
        await using var client = NewClient(signed: false);

        var ex = await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => client.StartAsync(CancellationToken.None));

        Assert.Contains(_server.Url.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.Rejected);
    }

    [Fact]
    public async Task SubscribeWaitsForTheReplyAndBindsTheSid()
    {
        await using var client = NewClient(useYesPrice: true);
        await client.StartAsync(CancellationToken.None);
        var conn = await _server.NextConnectionAsync();

        var pending = client.SubscribeAsync(WsChannels.OrderbookDelta, [Ticker], CancellationToken.None);
        var cmd = await conn.AcceptSubscribeAsync(sid: 7);
        var sub = (await pending).Unwrap();

        Assert.Equal(7, sub.Sid);
        Assert.Equal([Market], sub.Markets);
        var p = cmd.GetProperty("params");
        Assert.Equal(WsChannels.OrderbookDelta, p.GetProperty("channels")[0].GetString());
        Assert.Equal(Market, p.GetProperty("market_tickers")[0].GetString());
        Assert.True(p.GetProperty("use_yes_price").GetBoolean());
        Assert.True(cmd.GetProperty("id").GetInt64() > 0);
    }

    [Fact]
    public async Task AnErrorReplyBecomesAnExchangeErrorWithKalshisCode()
    {
        await using var client = NewClient();
        await client.StartAsync(CancellationToken.None);
        var conn = await _server.NextConnectionAsync();

        var pending = client.SubscribeAsync("no_such_channel", null, CancellationToken.None);
        var cmd = await conn.ReceiveCommandAsync("subscribe");
        await conn.SendAsync($$$"""{"type":"error","id":{{{cmd.GetProperty("id").GetInt64()}}},"msg":{"code":8,"msg":"Unknown channel name"}}""");
        var result = await pending;

        Assert.False(result.IsOk);
        Assert.Equal(ExchangeErrorKind.BadRequest, result.Error!.Kind);
        Assert.Equal("8", result.Error.Code);
        Assert.Contains("Unknown channel name", result.Error.Message, StringComparison.Ordinal);
        Assert.Empty(client.Subscriptions);
    }

    [Fact]
    public async Task SequenceGapDropsTheBooksBeforeAnythingElseAndFetchesSnapshots()
    {
        var (client, conn, sub) = await StartFollowingAsync();
        await using var owned = client;
        var books = new OrderBookSet();

        await conn.SendAsync(Delta(1, 2));
        await conn.SendAsync(Delta(1, 4, delta: "5.00")); // seq 3 was lost
        await conn.SendAsync(Delta(1, 5, delta: "7.00"));

        books.Apply(Assert.IsType<BookSnapshotEvent>(new BookSnapshotEvent(Ticker, [new PriceLevel(Price.Parse("0.4000"), Quantity.Parse("10.00"))], [], 1, 1)));
        Assert.Equal(BookApplyResult.Applied, books.Apply(await client.Events.NextAsync<BookDeltaEvent>()));
        var invalidated = await client.Events.NextAsync<BooksInvalidatedEvent>();
        Assert.Equal([Ticker], invalidated.Tickers);
        Assert.Contains("expected seq 3, got 4", invalidated.Reason, StringComparison.Ordinal);
        books.Apply(invalidated);
        Assert.False(books.IsTradeable(Ticker, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), out _));

        var request = await conn.ReceiveCommandAsync(WsCommands.UpdateSubscription);
        var p = request.GetProperty("params");
        Assert.Equal(WsActions.GetSnapshot, p.GetProperty("action").GetString());
        Assert.Equal(1, p.GetProperty("sid").GetInt64());
        Assert.Equal(Market, p.GetProperty("market_tickers")[0].GetString());

        // The delta after the gap (seq 5) reaches the consumer, whose invalid book ignores it until the snapshot.
        Assert.Equal(BookApplyResult.IgnoredAwaitingSnapshot, books.Apply(await client.Events.NextAsync<BookDeltaEvent>()));
        await conn.SendAsync(Snapshot(1, 6, yesLevels: """["0.4100","3.00"]"""));
        books.Apply(await client.Events.NextAsync<BookSnapshotEvent>());

        Assert.True(books.IsTradeable(Ticker, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), out _));
        Assert.True(books.TryGet(Ticker, out var book));
        Assert.Equal(Price.Parse("0.4100"), book.BestYesBid!.Value.Price);
        Assert.Equal(1, client.Stats.Gaps);
        Assert.Equal(1, sub.Sid);
    }

    private static string Trade(long sid, long seq, string id) =>
        $$$"""{"type":"trade","sid":{{{sid}}},"seq":{{{seq}}},"msg":{"trade_id":"{{{id}}}","market_ticker":"{{{Market}}}","yes_price_dollars":"0.0770","no_price_dollars":"0.9230","count_fp":"1.50","taker_outcome_side":"no","ts_ms":1770897981123}}""";

    [Fact]
    public async Task ATradeSequenceGapIsReportedWithTheMissingSeqsAndTheTradesStillArrive()
    {
        await using var client = NewClient();
        (await client.SubscribeAsync(WsChannels.Trade, [Ticker], CancellationToken.None)).Unwrap();
        await client.StartAsync(CancellationToken.None);
        var conn = await _server.NextConnectionAsync();
        await conn.AcceptSubscribeAsync(sid: 7);

        await conn.SendAsync(Trade(7, 1, "t1"));
        await conn.SendAsync(Trade(7, 2, "t2"));
        await conn.SendAsync(Trade(7, 5, "t5")); // seqs 3 and 4 were lost
        await conn.SendAsync(Trade(7, 6, "t6"));

        var (first, _) = await client.Events.UntilAsync<TradeEvent>();
        Assert.Equal("t1", first.Trade.TradeId.Value);
        Assert.Equal("t2", (await client.Events.NextAsync<TradeEvent>()).Trade.TradeId.Value);
        var gap = await client.Events.NextAsync<SequenceGapEvent>();
        Assert.Equal(new SequenceGapEvent(WsChannels.Trade, 7, 3, 5) { ReceivedTime = gap.ReceivedTime }, gap);
        Assert.NotEqual(default, gap.ReceivedTime);
        Assert.Equal("t5", (await client.Events.NextAsync<TradeEvent>()).Trade.TradeId.Value);
        Assert.Equal("t6", (await client.Events.NextAsync<TradeEvent>()).Trade.TradeId.Value);
        Assert.Equal(1, client.Stats.Gaps);
    }

    [Fact]
    public async Task BufferOverflowErrorDropsTheBooksAndSubscribesAgain()
    {
        var (client, conn, sub) = await StartFollowingAsync();
        await using var owned = client;

        await conn.SendAsync("""{"type":"error","sid":1,"msg":{"code":25,"msg":"Subscription buffer overflow"}}""");

        var invalidated = await client.Events.NextAsync<BooksInvalidatedEvent>();
        Assert.Equal([Ticker], invalidated.Tickers);
        Assert.Contains("error 25", invalidated.Reason, StringComparison.Ordinal);
        var again = await conn.AcceptSubscribeAsync(sid: 2);
        Assert.Equal(Market, again.GetProperty("params").GetProperty("market_tickers")[0].GetString());
        await conn.SendAsync(Snapshot(2, 1));
        var snapshot = await client.Events.NextAsync<BookSnapshotEvent>();

        Assert.Equal(2, snapshot.Sid);
        Assert.Equal(2, sub.Sid);
        Assert.Equal(1, client.Stats.ServerErrors);
    }

    [Fact]
    public async Task ServerDropReconnectsResubscribesAndAnnouncesTheConnection()
    {
        var (client, conn, sub) = await StartFollowingAsync();
        await using var owned = client;

        await conn.DropAsync();

        var invalidated = await client.Events.NextAsync<BooksInvalidatedEvent>();
        Assert.Equal([Ticker], invalidated.Tickers);
        var down = await client.Events.NextAsync<ConnectionEvent>();
        Assert.False(down.Connected);

        var second = await _server.NextConnectionAsync();
        var ts = long.Parse(second.Headers[KalshiSigner.TimestampHeader], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(KalshiSigner.Verify(_key, ts, "GET", "/trade-api/ws/v2", second.Headers[KalshiSigner.SignatureHeader]));
        await second.AcceptSubscribeAsync(sid: 11);
        var up = await client.Events.NextAsync<ConnectionEvent>();
        Assert.True(up.Connected);
        Assert.Equal("reconnected", up.Reason);

        await second.SendAsync(Snapshot(11, 1));
        var snapshot = await client.Events.NextAsync<BookSnapshotEvent>();
        Assert.Equal(11, snapshot.Sid);
        Assert.Equal(11, sub.Sid);
        Assert.Equal(1, client.Stats.Reconnects);
    }

    [Fact]
    public async Task MalformedFrameIsCountedLoggedReportedAndAnsweredWithASnapshotRequest()
    {
        var (client, conn, _) = await StartFollowingAsync();
        await using var c = client;

        await conn.SendAsync(Delta(1, 2, price: "1.5000"));

        var invalidated = await client.Events.NextAsync<BooksInvalidatedEvent>();
        Assert.Equal([Ticker], invalidated.Tickers);
        var error = await client.Events.NextAsync<FeedErrorEvent>();
        Assert.Equal(Ticker, error.Ticker);
        Assert.Contains("price_dollars", error.Message, StringComparison.Ordinal);
        Assert.Contains("1.5000", error.RawTruncated, StringComparison.Ordinal);
        var request = await conn.ReceiveCommandAsync(WsCommands.UpdateSubscription);
        Assert.Equal(WsActions.GetSnapshot, request.GetProperty("params").GetProperty("action").GetString());
        Assert.Equal(1, client.Stats.Malformed);
        lock (_log) Assert.Contains(_log, l => l.Contains("malformed frame", StringComparison.Ordinal));

        // The malformed frame still counted in the sequence: the next delta is not a gap.
        await conn.SendAsync(Delta(1, 3));
        await client.Events.NextAsync<BookDeltaEvent>();
        Assert.Equal(0, client.Stats.Gaps);
    }

    [Fact]
    public async Task LongMalformedFramesAreTruncatedInReportsAndLogs()
    {
        var (client, conn, _) = await StartFollowingAsync();
        await using var c = client;

        await conn.SendAsync("{\"type\":\"orderbook_delta\",\"sid\":1,\"seq\":2,\"msg\":{\"market_ticker\":\"" + Market + "\",\"junk\":\"" + new string('x', 5000));

        await client.Events.NextAsync<BooksInvalidatedEvent>();
        var error = await client.Events.NextAsync<FeedErrorEvent>();
        Assert.True(error.RawTruncated.Length <= 301, $"raw was {error.RawTruncated.Length} chars");
        Assert.Equal(Ticker, error.Ticker);
    }

    [Fact]
    public async Task AQuietBookGoesStaleForTheConsumerAndTheClientRefreshesIt()
    {
        var (client, conn, _) = await StartFollowingAsync(quiet: TimeSpan.FromMilliseconds(300));
        await using var c = client;
        var books = new OrderBookSet();
        books.Apply(new BookSnapshotEvent(Ticker, [new PriceLevel(Price.Parse("0.4000"), Quantity.Parse("10.00"))], [], 1, 1)
        {
            ReceivedTime = DateTimeOffset.UtcNow,
        });
        var maxAge = TimeSpan.FromMilliseconds(200);

        await Task.Delay(250, TestContext.Current.CancellationToken);
        var stale = BookFreshness.Untradeable(books, DateTimeOffset.UtcNow, maxAge);
        Assert.Contains(stale, s => s.Ticker == Ticker && s.Reason.Contains("stale", StringComparison.Ordinal));

        var refresh = await conn.ReceiveCommandAsync(WsCommands.UpdateSubscription);
        Assert.Equal(WsActions.GetSnapshot, refresh.GetProperty("params").GetProperty("action").GetString());
        await conn.SendAsync(Snapshot(1, 2));
        books.Apply(await client.Events.NextAsync<BookSnapshotEvent>());
        Assert.True(books.IsTradeable(Ticker, DateTimeOffset.UtcNow, maxAge, out _));
    }

    [Fact]
    public async Task AddAndDeleteMarketsKeepTheServersFullList()
    {
        var (client, conn, sub) = await StartFollowingAsync();
        await using var c = client;

        var adding = client.AddMarketsAsync(sub, [new MarketTicker("KXWC-30-ESP")], CancellationToken.None);
        var add = await conn.ReceiveCommandAsync(WsCommands.UpdateSubscription);
        Assert.Equal(WsActions.AddMarkets, add.GetProperty("params").GetProperty("action").GetString());
        await conn.SendAsync($$$"""{"type":"ok","id":{{{add.GetProperty("id").GetInt64()}}},"sid":1,"seq":2,"msg":{"market_tickers":["{{{Market}}}","KXWC-30-ESP"]}}""");
        Assert.Equal(["KXWC-30-ESP", Market], (await adding).Unwrap().Order(StringComparer.Ordinal));

        var deleting = client.DeleteMarketsAsync(sub, [Ticker], CancellationToken.None);
        var del = await conn.ReceiveCommandAsync(WsCommands.UpdateSubscription);
        Assert.Equal(WsActions.DeleteMarkets, del.GetProperty("params").GetProperty("action").GetString());
        await conn.SendAsync($$$"""{"type":"ok","id":{{{del.GetProperty("id").GetInt64()}}},"sid":1,"seq":3,"msg":{"market_tickers":["KXWC-30-ESP"]}}""");
        Assert.Equal(["KXWC-30-ESP"], (await deleting).Unwrap());
        Assert.Equal(0, client.Stats.Gaps);
    }

    [Fact]
    public async Task ListSubscriptionsAndUnsubscribeAwaitTheirReplies()
    {
        var (client, conn, sub) = await StartFollowingAsync();
        await using var c = client;

        var listing = client.ListSubscriptionsAsync(CancellationToken.None);
        var list = await conn.ReceiveCommandAsync(WsCommands.ListSubscriptions);
        await conn.SendAsync($$$"""{"type":"ok","id":{{{list.GetProperty("id").GetInt64()}}},"msg":[{"channel":"orderbook_delta","sid":1}]}""");
        Assert.Equal([new WsSubscriptionRef(WsChannels.OrderbookDelta, 1)], (await listing).Unwrap());

        var leaving = client.UnsubscribeAsync(sub, CancellationToken.None);
        var unsub = await conn.ReceiveCommandAsync(WsCommands.Unsubscribe);
        Assert.Equal(1, unsub.GetProperty("params").GetProperty("sids")[0].GetInt64());
        await conn.SendAsync($$$"""{"type":"unsubscribed","id":{{{unsub.GetProperty("id").GetInt64()}}},"sid":1,"seq":2}""");
        Assert.True((await leaving).Unwrap());
        Assert.Empty(client.Subscriptions);
    }

    [Fact]
    public async Task CommandsWithoutAReplyTimeOutAsValues()
    {
        await using var client = new KalshiWebSocketClient(new KalshiWebSocketOptions
        {
            Url = _server.Url,
            Signer = new KalshiSigner("k", _key),
            CommandTimeout = TimeSpan.FromMilliseconds(300),
            QuietSnapshotAfter = null,
        });
        await client.StartAsync(CancellationToken.None);
        await _server.NextConnectionAsync();

        var result = await client.ListSubscriptionsAsync(CancellationToken.None);

        Assert.Equal(ExchangeErrorKind.Timeout, result.Error!.Kind);
    }

    [Fact]
    public async Task FeedFollowsBooksTickersAndTradesAndRoutesSnapshotRequests()
    {
        await using var feed = new KalshiMarketDataFeed(NewClient());
        await feed.StartAsync(CancellationToken.None);
        var conn = await _server.NextConnectionAsync();

        var following = feed.SubscribeMarketsAsync([Ticker], CancellationToken.None);
        var channels = new List<string>();
        for (var sid = 1; sid <= 3; sid++)
        {
            var cmd = await conn.AcceptSubscribeAsync(sid);
            channels.Add(cmd.GetProperty("params").GetProperty("channels")[0].GetString()!);
        }

        await following;
        Assert.Equal([WsChannels.OrderbookDelta, WsChannels.Ticker, WsChannels.Trade], channels);

        await feed.RequestSnapshotAsync(Ticker, CancellationToken.None);
        var request = await conn.ReceiveCommandAsync(WsCommands.UpdateSubscription);
        Assert.Equal(1, request.GetProperty("params").GetProperty("sid").GetInt64());

        await conn.SendAsync("""{"type":"trade","sid":3,"seq":1,"msg":{"trade_id":"t1","market_ticker":"KXWC-30-POR","yes_price_dollars":"0.0770","no_price_dollars":"0.9230","count_fp":"1.50","taker_outcome_side":"no","ts_ms":1770897981123}}""");
        var (trade, _) = await feed.Events.UntilAsync<TradeEvent>();
        Assert.Equal(Outcome.No, trade.Trade.TakerOutcome);
    }
}
