using System.Net;
using System.Text.Json;
using KalshiTrader.Exchange.Server;
using KalshiTrader.Exchange.Tests.Support;

namespace KalshiTrader.Exchange.Tests.Server;

/// <summary>The legacy v1 order writes over real signed HTTP: the same engine as V2, v1 shapes, 10× token cost.</summary>
public sealed class LegacyOrderEndpointTests
{
    private static readonly LocalExchangeOptions Roomy = new() { Accounts = 2, Tier = RateLimitTiers.Prime };

    private static string V1(string side, string action, string priceField, int cents, int count, string extra = "") =>
        $$"""{"ticker":"{{ServerFixture.MarketA}}","side":"{{side}}","action":"{{action}}","{{priceField}}":{{cents}},"count":{{count}}{{extra}}}""";

    private static string Field(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Fact]
    public async Task V1BuyYesCrossesARestingV2AskAtTheMakersPrice()
    {
        await using var f = await ServerFixture.StartAsync(Roomy);
        await f.JsonAsync(1, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "ask", "0.4000", "5.00"), 201);

        var created = await f.JsonAsync(0, HttpMethod.Post, "/portfolio/orders", V1("yes", "buy", "yes_price", 45, 3), 201);
        var order = created.GetProperty("order");
        Assert.Equal("executed", Field(order, "status"));
        Assert.Equal("bid", Field(order, "book_side"));
        Assert.Equal("3.00", Field(order, "fill_count_fp"));
        Assert.Equal("0.4500", Field(order, "yes_price_dollars"));

        var fills = await f.JsonAsync(0, HttpMethod.Get, $"/portfolio/fills?order_id={Field(order, "order_id")}");
        var fill = Assert.Single(fills.GetProperty("fills").EnumerateArray());
        Assert.Equal("0.4000", Field(fill, "yes_price_dollars"));
        var book = await f.PublicAsync($"/markets/{ServerFixture.MarketA}/orderbook");
        var no = Assert.Single(book.GetProperty("orderbook_fp").GetProperty("no_dollars").EnumerateArray());
        Assert.Equal("2.00", no[1].GetString());
    }

    [Fact]
    public async Task V1SideAndActionMapOntoTheV2BookSideInYesPrice()
    {
        await using var f = await ServerFixture.StartAsync(Roomy);
        (string Side, string Action, string PriceField, int Cents, string BookSide, string YesPrice)[] cases =
        [
            ("no", "buy", "no_price", 30, "ask", "0.7000"),
            ("yes", "sell", "yes_price", 70, "ask", "0.7000"),
            ("no", "sell", "no_price", 70, "bid", "0.3000"),
            ("yes", "buy", "yes_price", 30, "bid", "0.3000"),
        ];
        foreach (var c in cases)
        {
            var order = (await f.JsonAsync(0, HttpMethod.Post, "/portfolio/orders", V1(c.Side, c.Action, c.PriceField, c.Cents, 2), 201)).GetProperty("order");
            Assert.True(Field(order, "status") == "resting" && Field(order, "book_side") == c.BookSide && Field(order, "yes_price_dollars") == c.YesPrice,
                $"{c.Action} {c.Side} at {c.PriceField} {c.Cents}: {order}");
        }
    }

    [Fact]
    public async Task V1AmendDecreaseAndCancelWorkOnTheSameOrder()
    {
        await using var f = await ServerFixture.StartAsync(Roomy);
        var id = Field((await f.JsonAsync(0, HttpMethod.Post, "/portfolio/orders", V1("yes", "buy", "yes_price", 20, 10), 201)).GetProperty("order"), "order_id");

        var amended = await f.JsonAsync(0, HttpMethod.Post, $"/portfolio/orders/{id}/amend",
            $$"""{"ticker":"{{ServerFixture.MarketA}}","side":"yes","action":"buy","yes_price_dollars":"0.2100","count":12}""");
        Assert.Equal("0.2000", Field(amended.GetProperty("old_order"), "yes_price_dollars"));
        Assert.Equal("0.2100", Field(amended.GetProperty("order"), "yes_price_dollars"));
        Assert.Equal("12.00", Field(amended.GetProperty("order"), "remaining_count_fp"));

        var by = await f.JsonAsync(0, HttpMethod.Post, $"/portfolio/orders/{id}/decrease", """{"reduce_by":2}""");
        Assert.Equal("10.00", Field(by.GetProperty("order"), "remaining_count_fp"));
        var to = await f.JsonAsync(0, HttpMethod.Post, $"/portfolio/orders/{id}/decrease", """{"reduce_to_fp":"4.00"}""");
        Assert.Equal("4.00", Field(to.GetProperty("order"), "remaining_count_fp"));

        var cancelled = await f.JsonAsync(0, HttpMethod.Delete, $"/portfolio/orders/{id}");
        Assert.Equal("canceled", Field(cancelled.GetProperty("order"), "status"));
        Assert.Equal("4.00", Field(cancelled, "reduced_by_fp"));
        var again = await f.JsonAsync(0, HttpMethod.Delete, $"/portfolio/orders/{id}", expectStatus: 400);
        Assert.Equal("order_not_resting", again.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task V1AmendRefusesAnotherMarketsTickerAndAFlippedSide()
    {
        await using var f = await ServerFixture.StartAsync(Roomy);
        var id = Field((await f.JsonAsync(0, HttpMethod.Post, "/portfolio/orders", V1("yes", "buy", "yes_price", 20, 10), 201)).GetProperty("order"), "order_id");
        var wrongMarket = await f.JsonAsync(0, HttpMethod.Post, $"/portfolio/orders/{id}/amend",
            $$"""{"ticker":"{{ServerFixture.MarketB}}","side":"yes","action":"buy","yes_price":21,"count":10}""", 400);
        Assert.Contains("does not match", wrongMarket.GetProperty("error").GetProperty("message").GetString());
        var flipped = await f.JsonAsync(0, HttpMethod.Post, $"/portfolio/orders/{id}/amend",
            $$"""{"ticker":"{{ServerFixture.MarketA}}","side":"no","action":"buy","no_price":79,"count":10}""", 400);
        Assert.Contains("side", flipped.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task V1BatchCreateAndCancelAnswerPerItem()
    {
        await using var f = await ServerFixture.StartAsync(Roomy);
        var body = $$"""
            {"orders":[
              {{V1("yes", "buy", "yes_price", 10, 1)}},
              {{V1("yes", "buy", "yes_price", 150, 1)}},
              {{V1("no", "buy", "no_price", 10, 1)}}
            ]}
            """;
        var created = (await f.JsonAsync(0, HttpMethod.Post, "/portfolio/orders/batched", body, 201)).GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal(3, created.Count);
        Assert.Equal("resting", Field(created[0].GetProperty("order"), "status"));
        Assert.Contains("yes_price", created[1].GetProperty("error").GetProperty("message").GetString());
        Assert.False(created[1].TryGetProperty("order", out _));
        Assert.Equal("resting", Field(created[2].GetProperty("order"), "status"));

        var ids = new[] { Field(created[0].GetProperty("order"), "order_id"), Field(created[2].GetProperty("order"), "order_id"), "not-an-order" };
        var cancelled = (await f.JsonAsync(0, HttpMethod.Delete, "/portfolio/orders/batched", new { ids })).GetProperty("orders").EnumerateArray().ToList();
        Assert.Equal("1.00", Field(cancelled[0], "reduced_by_fp"));
        Assert.Equal("canceled", Field(cancelled[1].GetProperty("order"), "status"));
        Assert.Equal("order_not_found", cancelled[2].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(0, (await f.JsonAsync(0, HttpMethod.Get, "/portfolio/orders?status=resting")).GetProperty("orders").GetArrayLength());
    }

    [Fact]
    public async Task BuyMaxCostMakesAFillOrKillThatTheCapCanPayFor()
    {
        await using var f = await ServerFixture.StartAsync(Roomy);
        await f.JsonAsync(1, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "ask", "0.4000", "10.00"), 201);

        // 200¢ at a 50¢ limit pays for 4 contracts, whatever count asks for.
        var order = (await f.JsonAsync(0, HttpMethod.Post, "/portfolio/orders", V1("yes", "buy", "yes_price", 50, 10, ",\"buy_max_cost\":200"), 201)).GetProperty("order");
        Assert.Equal("fill_or_kill", Field(order, "time_in_force"));
        Assert.Equal("4.00", Field(order, "fill_count_fp"));
        Assert.Equal("executed", Field(order, "status"));
    }

    [Fact]
    public async Task SellPositionFloorZeroMakesASellReduceOnly()
    {
        await using var f = await ServerFixture.StartAsync(Roomy);
        await f.JsonAsync(1, HttpMethod.Post, "/portfolio/events/orders", ServerFixture.Order(ServerFixture.MarketA, "bid", "0.6000", "5.00"), 201);

        // Nothing held, so a floored sell of YES may not open a NO position: cancelled, nothing filled.
        var order = (await f.JsonAsync(0, HttpMethod.Post, "/portfolio/orders", V1("yes", "sell", "yes_price", 55, 3, ",\"sell_position_floor\":0"), 201)).GetProperty("order");
        Assert.Equal("canceled", Field(order, "status"));
        Assert.Equal("0.00", Field(order, "fill_count_fp"));
    }

    [Fact]
    public async Task BadV1OrdersAre400sNamingTheField()
    {
        await using var f = await ServerFixture.StartAsync(Roomy);
        (string Body, string Named)[] cases =
        [
            ("""{"ticker":"KXSRV-26MAR02-A","side":"bid","action":"buy","yes_price":40,"count":1}""", "side"),
            ("""{"ticker":"KXSRV-26MAR02-A","side":"yes","action":"hold","yes_price":40,"count":1}""", "action"),
            ("""{"ticker":"KXSRV-26MAR02-A","side":"yes","action":"buy","yes_price":40,"no_price":60,"count":1}""", "exactly one of yes_price"),
            ("""{"ticker":"KXSRV-26MAR02-A","side":"yes","action":"buy","yes_price":0,"count":1}""", "yes_price"),
            ("""{"ticker":"KXSRV-26MAR02-A","side":"yes","action":"buy","yes_price":40}""", "count"),
            ("""{"ticker":"KXSRV-26MAR02-A","side":"yes","action":"buy","yes_price":40,"count":2,"count_fp":"3.00"}""", "disagree"),
            ("""{"ticker":"KXSRV-26MAR02-A","side":"yes","action":"sell","yes_price":40,"count":1,"sell_position_floor":2}""", "sell_position_floor"),
            ("""{"ticker":"KXSRV-26MAR02-A","side":"yes","action":"buy","yes_price":40,"count":1,"buy_max_cost":100,"time_in_force":"immediate_or_cancel"}""", "buy_max_cost"),
            ("""{"ticker":"KXSRV-26MAR02-A","side":"yes","action":"buy","yes_price":40,"count":1,"type":"market"}""", "type"),
            ("""{"ticker":"KXSRV-26MAR02-A","side":"yes","action":"buy","yes_price":40,"count":1,"time_in_force":"immediate_or_cancel","expiration_ts":4102444800}""", "expiration_ts"),
            ("""{"side":"yes","action":"buy","yes_price":40,"count":1}""", "ticker"),
        ];
        foreach (var c in cases)
        {
            var error = (await f.JsonAsync(0, HttpMethod.Post, "/portfolio/orders", c.Body, 400)).GetProperty("error");
            Assert.Equal("invalid_parameters", error.GetProperty("code").GetString());
            Assert.True(error.GetProperty("message").GetString()!.Contains(c.Named, StringComparison.Ordinal), $"{c.Body}: {error}");
        }

        Assert.Equal(0, (await f.JsonAsync(0, HttpMethod.Get, "/portfolio/orders")).GetProperty("orders").GetArrayLength());
    }

    [Fact]
    public async Task V1WritesCostTenTimesTheirV2TwinsAndSayWhereTheCostsAreListed()
    {
        await using var f = await ServerFixture.StartAsync();
        var costs = (await f.JsonAsync(0, HttpMethod.Get, "/account/endpoint_costs")).GetProperty("endpoint_costs").EnumerateArray()
            .ToDictionary(c => $"{c.GetProperty("method").GetString()} {c.GetProperty("path").GetString()}", c => c.GetProperty("cost").GetInt32());
        Assert.Equal(10 * costs["POST /trade-api/v2/portfolio/events/orders"], costs["POST /trade-api/v2/portfolio/orders"]);
        Assert.Equal(10 * costs["DELETE /trade-api/v2/portfolio/events/orders/{order_id}"], costs["DELETE /trade-api/v2/portfolio/orders/{order_id}"]);

        // Basic tier: 100 write tokens a second. One v1 create (100) empties the bucket; concurrent ones are refused.
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => f.SendAsync(0, HttpMethod.Post, "/portfolio/orders", V1("yes", "buy", "yes_price", 1, 1))));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.TooManyRequests);
        foreach (var r in responses) r.Dispose();
    }
}
