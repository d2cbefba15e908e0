using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using KalshiTrader.Exchange.Tests.Support;

namespace KalshiTrader.Exchange.Tests.Server;

public sealed class FaultInjectionTests
{
    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task NextRequestsAnswerTheInjectedStatus(int status)
    {
        await using var f = await ServerFixture.StartAsync();
        await Admin(f, "/local/faults/fail", $"{{\"status\":{status},\"count\":2}}");

        for (var i = 0; i < 2; i++)
        {
            using var r = await f.Http.GetAsync("/trade-api/v2/exchange/status", TestContext.Current.CancellationToken);
            Assert.Equal(status, (int)r.StatusCode);
            if (status == 429) Assert.Equal("{\"error\":\"too many requests\"}", await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        using var healthy = await f.Http.GetAsync("/trade-api/v2/exchange/status", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
    }

    [Fact]
    public async Task DelayHoldsTheNextResponse()
    {
        await using var f = await ServerFixture.StartAsync();
        await Admin(f, "/local/faults/delay", "{\"milliseconds\":400,\"count\":1}");
        var watch = Stopwatch.StartNew();
        using var r = await f.Http.GetAsync("/trade-api/v2/exchange/status", TestContext.Current.CancellationToken);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(380), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task DroppedWebSocketsAreClosedAbruptly()
    {
        await using var f = await ServerFixture.StartAsync();
        using var ws = await f.ConnectAsync(0);
        await ws.SendJsonAsync(new { id = 1, cmd = "subscribe", @params = new { channels = new[] { "ticker" } } });
        await ws.ReceiveTypeAsync("subscribed");
        await Admin(f, "/local/faults/drop_ws", "{}");
        await Assert.ThrowsAnyAsync<Exception>(() => ws.ReceiveJsonAsync(TimeSpan.FromSeconds(5)));
        Assert.NotEqual(WebSocketState.Open, ws.State);
    }

    [Fact]
    public async Task SkippedSequenceNumberLeavesAGap()
    {
        await using var f = await ServerFixture.StartAsync();
        using var ws = await f.ConnectAsync(0);
        await ws.SendJsonAsync(new { id = 1, cmd = "subscribe", @params = new { channels = new[] { "orderbook_delta" }, market_ticker = ServerFixture.MarketA } });
        await ws.ReceiveTypeAsync("orderbook_snapshot");
        await Admin(f, "/local/faults/skip_seq", "{\"count\":1}");
        await f.JsonAsync(1, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "bid", "0.2000", "1.00"), 201);
        var delta = await ws.ReceiveTypeAsync("orderbook_delta");
        Assert.Equal(3, delta.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task TornFrameFaultSendsTheNextMessageCutShort()
    {
        await using var f = await ServerFixture.StartAsync();
        using var ws = await f.ConnectAsync(0);
        await ws.SendJsonAsync(new { id = 1, cmd = "subscribe", @params = new { channels = new[] { "orderbook_delta" }, market_ticker = ServerFixture.MarketA } });
        await ws.ReceiveTypeAsync("orderbook_snapshot");
        await Admin(f, "/local/faults/torn_frame", "{\"count\":1}");
        await f.JsonAsync(1, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "bid", "0.2000", "1.00"), 201);
        await f.JsonAsync(1, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "bid", "0.2100", "1.00"), 201);

        // The first delta arrives torn (no JSON parser accepts it); the next one is whole again.
        await Assert.ThrowsAnyAsync<JsonException>(() => ws.ReceiveJsonAsync());
        var next = await ws.ReceiveTypeAsync("orderbook_delta");
        Assert.Equal("0.2100", next.GetProperty("msg").GetProperty("price_dollars").GetString());
    }

    [Fact]
    public async Task UnknownFaultListsTheKnownOnes()
    {
        await using var f = await ServerFixture.StartAsync();
        using var r = await f.Http.PostAsync("/local/faults/melt", new StringContent("{}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Contains("torn_frame", await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task PartialFillFaultFillsHalf()
    {
        await using var f = await ServerFixture.StartAsync();
        await f.JsonAsync(1, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "bid", "0.5000", "10.00"), 201);
        await Admin(f, "/local/faults/partial_fills", "{\"count\":1}");
        var ack = await f.JsonAsync(0, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "ask", "0.5000", "10.00"), 201);
        Assert.Equal("5.00", ack.GetProperty("fill_count").GetString());
        Assert.Equal("5.00", ack.GetProperty("remaining_count").GetString());
    }

    [Fact]
    public async Task AdminAdvancesTimeToCloseAMarket()
    {
        await using var f = await ServerFixture.StartAsync();
        var created = await f.JsonAsync(0, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "bid", "0.2000", "1.00"), 201);
        await Admin(f, "/local/time/advance", "{\"seconds\":90000}");
        var market = await f.PublicAsync($"/markets/{ServerFixture.MarketA}");
        Assert.Equal("closed", market.GetProperty("market").GetProperty("status").GetString());
        var order = await f.JsonAsync(0, HttpMethod.Get, $"/portfolio/orders/{created.GetProperty("order_id").GetString()}");
        Assert.Equal("CloseCancel", order.GetProperty("order").GetProperty("last_update_reason").GetString());
    }

    private static async Task Admin(ServerFixture f, string path, string json)
    {
        using var r = await f.Http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        Assert.True(r.IsSuccessStatusCode, $"{path}: {(int)r.StatusCode} {await r.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)}");
    }
}
