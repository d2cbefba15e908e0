using System.Net.WebSockets;
using System.Text.Json;
using KalshiTrader.Core.Books;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Tests.Support;

namespace KalshiTrader.Exchange.Tests.Server;

public sealed class WebSocketTests
{
    [Fact]
    public async Task OrderbookSubscriptionSendsSnapshotThenContiguousDeltasNamingOnlyOurOwnOrders()
    {
        await using var f = await ServerFixture.StartAsync();
        await f.JsonAsync(1, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "bid", "0.3000", "5.00"), 201);
        using var ws = await f.ConnectAsync(0);
        await ws.SendJsonAsync(new { id = 1, cmd = "subscribe", @params = new { channels = new[] { "orderbook_delta" }, market_ticker = ServerFixture.MarketA } });

        var subscribed = await ws.ReceiveJsonAsync();
        Assert.Equal("subscribed", subscribed.GetProperty("type").GetString());
        Assert.Equal(1, subscribed.GetProperty("id").GetInt64());
        var sid = subscribed.GetProperty("msg").GetProperty("sid").GetInt64();
        var snapshot = await ws.ReceiveJsonAsync();
        Assert.Equal("orderbook_snapshot", snapshot.GetProperty("type").GetString());
        Assert.Equal(1, snapshot.GetProperty("seq").GetInt64());
        Assert.Equal("0.3000", snapshot.GetProperty("msg").GetProperty("yes_dollars_fp")[0][0].GetString());

        await f.JsonAsync(0, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "ask", "0.6000", "2.00", clientOrderId: "mine"), 201);
        await f.JsonAsync(1, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "ask", "0.6100", "3.00", clientOrderId: "theirs"), 201);

        var own = await ws.ReceiveTypeAsync("orderbook_delta");
        Assert.Equal(sid, own.GetProperty("sid").GetInt64());
        Assert.Equal(2, own.GetProperty("seq").GetInt64());
        Assert.Equal("no", own.GetProperty("msg").GetProperty("side").GetString());
        Assert.Equal("0.4000", own.GetProperty("msg").GetProperty("price_dollars").GetString());
        Assert.Equal("2.00", own.GetProperty("msg").GetProperty("delta_fp").GetString());
        Assert.Equal("mine", own.GetProperty("msg").GetProperty("client_order_id").GetString());
        var other = await ws.ReceiveTypeAsync("orderbook_delta");
        Assert.Equal(3, other.GetProperty("seq").GetInt64());
        Assert.False(other.GetProperty("msg").TryGetProperty("client_order_id", out _));
    }

    [Fact]
    public async Task BookRebuiltFromTheWebSocketEqualsTheRestBookWhenQuiet()
    {
        await using var f = await ServerFixture.StartAsync(new Exchange.Server.LocalExchangeOptions { Accounts = 2, RateLimits = false });
        using var ws = await f.ConnectAsync(0);
        await ws.SendJsonAsync(new { id = 1, cmd = "subscribe", @params = new { channels = new[] { "orderbook_delta" }, market_tickers = new[] { ServerFixture.MarketA } } });
        await ws.ReceiveTypeAsync("subscribed");

        var rng = new Random(11);
        var accounts = f.Host.Accounts;
        for (var i = 0; i < 200; i++)
        {
            lock (f.Host.Engine.SyncRoot)
            {
                var who = accounts[rng.Next(accounts.Count)].Id;
                if (rng.Next(4) == 0 && f.Host.Engine.GetOrders(who, status: OrderStatus.Resting) is { Count: > 0 } resting)
                {
                    f.Host.Engine.Cancel(who, resting[rng.Next(resting.Count)].Id);
                }
                else
                {
                    var side = rng.Next(2) == 0 ? OrderSide.Bid : OrderSide.Ask;
                    f.Host.Engine.Submit(who, new OrderRequest
                    {
                        Ticker = ServerFixture.MarketA, Side = side, YesPrice = Price.FromCents(rng.Next(35, 66)), Count = Quantity.FromContracts(rng.Next(1, 10)),
                        SelfTradePrevention = SelfTradePrevention.Maker,
                    });
                }
            }
        }

        // A command's reply is queued after every message produced before it: once it arrives the feed is quiet.
        await ws.SendJsonAsync(new { id = 2, cmd = "list_subscriptions" });
        var messages = new List<JsonElement>();
        await ws.ReceiveTypeAsync("ok", messages);

        var book = new OrderBook(ServerFixture.MarketA);
        long lastSeq = 0;
        foreach (var m in messages)
        {
            var seq = m.GetProperty("seq").GetInt64();
            Assert.Equal(lastSeq + 1, seq);
            lastSeq = seq;
            var msg = m.GetProperty("msg");
            if (m.GetProperty("type").GetString() == "orderbook_snapshot")
            {
                book.ApplySnapshot(Levels(msg, "yes_dollars_fp"), Levels(msg, "no_dollars_fp"));
            }
            else
            {
                var side = msg.GetProperty("side").GetString() == "yes" ? Outcome.Yes : Outcome.No;
                Assert.True(book.ApplyDelta(side, Price.Parse(msg.GetProperty("price_dollars").GetString()), Quantity.Parse(msg.GetProperty("delta_fp").GetString())));
            }
        }

        var rest = (await f.PublicAsync($"/markets/{ServerFixture.MarketA}/orderbook")).GetProperty("orderbook_fp");
        Assert.Equal(Levels(rest, "yes_dollars"), book.YesBids.ToArray());
        Assert.Equal(Levels(rest, "no_dollars"), book.NoBids.ToArray());
        Assert.False(book.IsCrossed);
    }

    [Fact]
    public async Task PrivateChannelsReachOnlyTheOwner()
    {
        await using var f = await ServerFixture.StartAsync();
        using var mine = await f.ConnectAsync(0);
        using var theirs = await f.ConnectAsync(1);
        foreach (var ws in new[] { mine, theirs })
        {
            await ws.SendJsonAsync(new { id = 1, cmd = "subscribe", @params = new { channels = new[] { "fill", "user_orders", "market_positions", "trade", "ticker" } } });
            for (var i = 0; i < 5; i++) await ws.ReceiveTypeAsync("subscribed");
        }

        await f.JsonAsync(1, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "bid", "0.5500", "3.00"), 201);
        await f.JsonAsync(0, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "ask", "0.5500", "3.00", "immediate_or_cancel", "hit"), 201);

        var fill = await mine.ReceiveTypeAsync("fill");
        Assert.Equal("hit", fill.GetProperty("msg").GetProperty("client_order_id").GetString());
        Assert.True(fill.GetProperty("msg").GetProperty("is_taker").GetBoolean());
        Assert.Equal("-3.00", fill.GetProperty("msg").GetProperty("post_position_fp").GetString());
        var position = await mine.ReceiveTypeAsync("market_position");
        Assert.Equal("-3.00", position.GetProperty("msg").GetProperty("position_fp").GetString());
        var trade = await theirs.ReceiveTypeAsync("trade");
        Assert.Equal("no", trade.GetProperty("msg").GetProperty("taker_outcome_side").GetString());

        // The other account's order updates carry its own orders only.
        var skipped = new List<JsonElement>();
        var order = await theirs.ReceiveTypeAsync("user_order", skipped);
        Assert.NotEqual("hit", order.GetProperty("msg").TryGetProperty("client_order_id", out var c) ? c.GetString() : null);
    }

    [Fact]
    public async Task UpdateSubscriptionAddsMarketsAndResendsSnapshotsOnRequest()
    {
        await using var f = await ServerFixture.StartAsync();
        using var ws = await f.ConnectAsync(0);
        await ws.SendJsonAsync(new { id = 1, cmd = "subscribe", @params = new { channels = new[] { "orderbook_delta" }, market_ticker = ServerFixture.MarketA } });
        var sid = (await ws.ReceiveTypeAsync("subscribed")).GetProperty("msg").GetProperty("sid").GetInt64();
        await ws.ReceiveTypeAsync("orderbook_snapshot");

        await ws.SendJsonAsync(new { id = 2, cmd = "update_subscription", @params = new { sids = new[] { sid }, market_tickers = new[] { ServerFixture.MarketB }, action = "add_markets" } });
        var added = await ws.ReceiveTypeAsync("orderbook_snapshot");
        Assert.Equal(ServerFixture.MarketB, added.GetProperty("msg").GetProperty("market_ticker").GetString());
        var ok = await ws.ReceiveTypeAsync("ok");
        Assert.Equal(2, ok.GetProperty("msg").GetProperty("market_tickers").GetArrayLength());

        await ws.SendJsonAsync(new { id = 3, cmd = "update_subscription", @params = new { sid, market_ticker = ServerFixture.MarketA, action = "get_snapshot" } });
        var again = await ws.ReceiveTypeAsync("orderbook_snapshot");
        Assert.Equal(3, again.GetProperty("id").GetInt64());
        Assert.Equal(3, again.GetProperty("seq").GetInt64()); // "ok" reports the current seq without consuming one

        await ws.SendJsonAsync(new { id = 4, cmd = "list_subscriptions" });
        var list = await ws.ReceiveTypeAsync("ok");
        Assert.Equal("orderbook_delta", list.GetProperty("msg")[0].GetProperty("channel").GetString());
    }

    [Theory]
    [InlineData("{\"id\":1,\"cmd\":\"subscribe\",\"params\":{\"channels\":[\"nope\"]}}", 8)]
    [InlineData("{\"id\":1,\"cmd\":\"dance\"}", 5)]
    [InlineData("{\"id\":1,\"cmd\":\"subscribe\",\"params\":{\"channels\":[\"orderbook_delta\"]}}", 14)]
    [InlineData("{\"id\":1,\"cmd\":\"subscribe\",\"params\":{}}", 3)]
    [InlineData("{\"id\":1,\"cmd\":\"unsubscribe\",\"params\":{\"sids\":[42]}}", 7)]
    [InlineData("{\"id\":1,\"cmd\":\"update_subscription\",\"params\":{\"sids\":[1,2],\"action\":\"get_snapshot\"}}", 12)]
    public async Task BadCommandsGetKalshisErrorCodes(string command, int code)
    {
        await using var f = await ServerFixture.StartAsync();
        using var ws = await f.ConnectAsync(0);
        await ws.SendAsync(System.Text.Encoding.UTF8.GetBytes(command), WebSocketMessageType.Text, true, TestContext.Current.CancellationToken);
        var error = await ws.ReceiveTypeAsync("error");
        Assert.Equal(code, error.GetProperty("msg").GetProperty("code").GetInt32());
    }

    [Fact]
    public async Task UnauthenticatedUpgradeIsRefused()
    {
        await using var f = await ServerFixture.StartAsync();
        using var ws = new ClientWebSocket();
        await Assert.ThrowsAnyAsync<WebSocketException>(() => ws.ConnectAsync(new Uri(f.Host.WsUrl), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task LifecycleMessagesFollowPauseAndSettlement()
    {
        await using var f = await ServerFixture.StartAsync();
        using var ws = await f.ConnectAsync(0);
        await ws.SendJsonAsync(new { id = 1, cmd = "subscribe", @params = new { channels = new[] { "market_lifecycle_v2" } } });
        await ws.ReceiveTypeAsync("subscribed");

        using var pause = await f.Http.PostAsync($"/local/markets/{ServerFixture.MarketA}/pause", null, TestContext.Current.CancellationToken);
        Assert.True(pause.IsSuccessStatusCode);
        var deactivated = await ws.ReceiveTypeAsync("market_lifecycle_v2");
        Assert.Equal("deactivated", deactivated.GetProperty("msg").GetProperty("event_type").GetString());
        Assert.True(deactivated.GetProperty("msg").GetProperty("is_deactivated").GetBoolean());

        using var settle = await f.Http.PostAsync($"/local/markets/{ServerFixture.MarketB}/settle",
            new StringContent("{\"result\":\"yes\"}", System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.True(settle.IsSuccessStatusCode, await settle.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        // Closing early first moves close_time (close_date_updated), then the result is determined.
        var determined = await ws.ReceiveTypeAsync("market_lifecycle_v2");
        if (determined.GetProperty("msg").GetProperty("event_type").GetString() == "close_date_updated") determined = await ws.ReceiveTypeAsync("market_lifecycle_v2");
        Assert.Equal("determined", determined.GetProperty("msg").GetProperty("event_type").GetString());
        Assert.Equal("yes", determined.GetProperty("msg").GetProperty("result").GetString());
        var settled = await ws.ReceiveTypeAsync("market_lifecycle_v2");
        Assert.Equal("settled", settled.GetProperty("msg").GetProperty("event_type").GetString());
    }

    private static PriceLevel[] Levels(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var arr) && arr.ValueKind == JsonValueKind.Array
            ? arr.EnumerateArray().Select(l => new PriceLevel(Price.Parse(l[0].GetString()), Quantity.Parse(l[1].GetString()))).ToArray()
            : [];
}
