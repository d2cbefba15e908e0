using System.Net;
using System.Text.Json;
using KalshiTrader.Exchange.Server;
using KalshiTrader.Exchange.Tests.Support;

namespace KalshiTrader.Exchange.Tests.Server;

public sealed class RestApiTests
{
    [Fact]
    public async Task PublicMarketDataNeedsNoAuth()
    {
        await using var f = await ServerFixture.StartAsync();
        var markets = await f.PublicAsync($"/markets?event_ticker={ServerFixture.Event}");
        Assert.Equal(2, markets.GetProperty("markets").GetArrayLength());
        var market = await f.PublicAsync($"/markets/{ServerFixture.MarketA}");
        Assert.Equal("active", market.GetProperty("market").GetProperty("status").GetString());
        var ev = await f.PublicAsync($"/events/{ServerFixture.Event}?with_nested_markets=true");
        Assert.Equal(2, ev.GetProperty("event").GetProperty("markets").GetArrayLength());
        var status = await f.PublicAsync("/exchange/status");
        Assert.True(status.GetProperty("trading_active").GetBoolean());
    }

    [Fact]
    public async Task CursorPagesThroughALongList()
    {
        await using var f = await ServerFixture.StartAsync();
        var first = await f.PublicAsync("/markets?limit=1");
        Assert.Equal(1, first.GetProperty("markets").GetArrayLength());
        var cursor = first.GetProperty("cursor").GetString();
        Assert.False(string.IsNullOrEmpty(cursor));
        var second = await f.PublicAsync($"/markets?limit=1&cursor={cursor}");
        Assert.NotEqual(first.GetProperty("markets")[0].GetProperty("ticker").GetString(), second.GetProperty("markets")[0].GetProperty("ticker").GetString());
        Assert.Equal("", second.GetProperty("cursor").GetString());
    }

    [Fact]
    public async Task OrderRoundTripShowsInBookOrdersFillsAndPositions()
    {
        await using var f = await ServerFixture.StartAsync();
        var created = await f.JsonAsync(0, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "bid", "0.4200", "10.00", clientOrderId: "c1"), 201);
        var orderId = created.GetProperty("order_id").GetString()!;
        Assert.Equal("c1", created.GetProperty("client_order_id").GetString());

        var book = await f.PublicAsync($"/markets/{ServerFixture.MarketA}/orderbook");
        Assert.Equal("0.4200", book.GetProperty("orderbook_fp").GetProperty("yes_dollars")[0][0].GetString());
        Assert.Equal("10.00", book.GetProperty("orderbook_fp").GetProperty("yes_dollars")[0][1].GetString());

        var taker = await f.JsonAsync(1, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "ask", "0.4000", "4.00", "immediate_or_cancel"), 201);
        Assert.Equal("4.00", taker.GetProperty("fill_count").GetString());

        var order = await f.JsonAsync(0, HttpMethod.Get, $"/portfolio/orders/{orderId}");
        Assert.Equal("resting", order.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal("6.00", order.GetProperty("order").GetProperty("remaining_count_fp").GetString());

        var fills = await f.JsonAsync(1, HttpMethod.Get, "/portfolio/fills");
        Assert.Equal("0.4200", fills.GetProperty("fills")[0].GetProperty("yes_price_dollars").GetString());
        var positions = await f.JsonAsync(1, HttpMethod.Get, "/portfolio/positions");
        Assert.Equal("-4.00", positions.GetProperty("market_positions")[0].GetProperty("position_fp").GetString());
        var trades = await f.PublicAsync($"/markets/trades?ticker={ServerFixture.MarketA}");
        Assert.Equal(1, trades.GetProperty("trades").GetArrayLength());

        var cancel = await f.JsonAsync(0, HttpMethod.Delete, $"/portfolio/events/orders/{orderId}");
        Assert.Equal("6.00", cancel.GetProperty("reduced_by").GetString());
        var balance = await f.JsonAsync(0, HttpMethod.Get, "/portfolio/balance");
        Assert.True(balance.GetProperty("balance").GetInt64() > 0);
    }

    [Fact]
    public async Task UnsignedPortfolioRequestIsRejectedWithAClearBody()
    {
        await using var f = await ServerFixture.StartAsync();
        using var response = await f.Http.GetAsync("/trade-api/v2/portfolio/balance", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("KALSHI-ACCESS-KEY", body);
    }

    [Fact]
    public async Task BadSignatureIsRejected()
    {
        await using var f = await ServerFixture.StartAsync();
        using var response = await f.SendAsync(0, HttpMethod.Get, "/portfolio/balance", tweak: r =>
        {
            r.Headers.Remove("KALSHI-ACCESS-SIGNATURE");
            r.Headers.TryAddWithoutValidation("KALSHI-ACCESS-SIGNATURE", Convert.ToBase64String(new byte[256]));
        });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("signature does not verify", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task StaleTimestampIsRejected()
    {
        await using var f = await ServerFixture.StartAsync();
        var old = new FixedTime(DateTimeOffset.UtcNow.AddMinutes(-5));
        using var signer = new Kalshi.Auth.KalshiSigner(f.Host.Accounts[0].KeyId, Kalshi.Auth.PrivateKeyLoader.Load(f.Host.Accounts[0].PrivateKeyPath), old);
        var request = new HttpRequestMessage(HttpMethod.Get, "/trade-api/v2/portfolio/balance");
        foreach (var h in signer.CreateHeaders("GET", "/trade-api/v2/portfolio/balance")) request.Headers.TryAddWithoutValidation(h.Key, h.Value);
        using var response = await f.Http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("old", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task BasicTierWritesHitTheBucketAnd429WithKalshisBody()
    {
        await using var f = await ServerFixture.StartAsync();
        var limits = await f.JsonAsync(0, HttpMethod.Get, "/account/limits");
        Assert.Equal("basic", limits.GetProperty("usage_tier").GetString());
        Assert.Equal(100, limits.GetProperty("write").GetProperty("refill_rate").GetDecimal());

        // Concurrent, so the burst outruns the refill (10 writes/s at Basic) however slow the machine is.
        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            f.SendAsync(0, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "bid", "0.0100", "1.00"))));
        var limited = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        Assert.NotEmpty(limited);
        Assert.InRange(responses.Count(r => r.StatusCode == HttpStatusCode.Created), 10, 39);
        Assert.Equal("{\"error\":\"too many requests\"}", await limited[0].Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        foreach (var r in responses) r.Dispose();
        var costs = await f.JsonAsync(1, HttpMethod.Get, "/account/endpoint_costs");
        Assert.Equal(10, costs.GetProperty("default_cost").GetDecimal());
    }

    [Fact]
    public async Task ErrorsUseKalshisShapeAndStatus()
    {
        await using var f = await ServerFixture.StartAsync();
        var bad = await f.JsonAsync(0, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "bid", "0.4250", "1.00"), 400);
        Assert.Equal("invalid_price", bad.GetProperty("error").GetProperty("code").GetString());
        await f.JsonAsync(0, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "bid", "0.40", "1.00", clientOrderId: "dup"), 201);
        var dup = await f.JsonAsync(0, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "bid", "0.40", "1.00", clientOrderId: "dup"), 409);
        Assert.Equal("duplicate_client_order_id", dup.GetProperty("error").GetProperty("code").GetString());
        await f.JsonAsync(0, HttpMethod.Get, "/portfolio/orders/nope", expectStatus: 404);
        var parse = await f.JsonAsync(0, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "bid", "0.40123", "1.00"), 400);
        Assert.Contains("price", parse.GetProperty("error").GetProperty("message").GetString());
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
