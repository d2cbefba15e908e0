using System.Globalization;
using System.Security.Cryptography;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Kalshi.Auth;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Kalshi.Tests.Support;

namespace KalshiTrader.Kalshi.Tests.Http;

/// <summary>The REST client against a real Kestrel server on 127.0.0.1.</summary>
public sealed class KalshiRestClientTests
{
    private static readonly KalshiRestClientOptions Fast = new()
    {
        LoadAccountLimits = false,
        BackoffBase = TimeSpan.FromMilliseconds(5),
        BackoffCap = TimeSpan.FromMilliseconds(40),
        JitterSeed = 7,
        RequestTimeout = TimeSpan.FromSeconds(5),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Market(string ticker, string yesBid = "0.4200") =>
        $$"""{"ticker":"{{ticker}}","event_ticker":"E","status":"active","yes_bid_dollars":"{{yesBid}}","volume_fp":"1.00"}""";

    [Fact]
    public async Task PaginationFollowsTheCursorAtTheMaximumPageSize()
    {
        await using var server = await RestTestServer.StartAsync(r => ScriptedResponse.Json(
            r.Query.Contains("cursor=p2", StringComparison.Ordinal)
                ? $$"""{"markets":[{{Market("M-3")}}],"cursor":""}"""
                : $$"""{"markets":[{{Market("M-1")}},{{Market("M-2")}}],"cursor":"p2"}"""));
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, server.BaseUrl, null, Fast);

        var tickers = new List<string>();
        await foreach (var m in client.GetMarketsAsync(new MarketQuery { Status = "open", SeriesTicker = "KXFED" }, Ct)) tickers.Add(m.Ticker.Value);

        Assert.Equal(["M-1", "M-2", "M-3"], tickers);
        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        Assert.All(requests, r => Assert.Equal("/trade-api/v2/markets", r.Path));
        Assert.Contains("limit=1000", requests[0].Query);
        Assert.Contains("status=open", requests[0].Query);
        Assert.Contains("series_ticker=KXFED", requests[0].Query);
        Assert.Contains("mve_filter=exclude", requests[0].Query);
        Assert.DoesNotContain("cursor=", requests[0].Query);
        Assert.Contains("cursor=p2", requests[1].Query);
    }

    [Fact]
    public async Task ALimitShrinksThePageAndStopsEarly()
    {
        await using var server = await RestTestServer.StartAsync(_ => ScriptedResponse.Json(
            $$"""{"markets":[{{Market("M-1")}},{{Market("M-2")}}],"cursor":"more"}"""));
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, server.BaseUrl, null, Fast);
        var count = 0;
        await foreach (var _ in client.GetMarketsAsync(new MarketQuery { Limit = 2 }, Ct)) count++;
        Assert.Equal(2, count);
        Assert.Contains("limit=2", Assert.Single(server.Requests).Query);
    }

    [Fact]
    public async Task RateLimitedTwiceThenSuccessBacksOffAndReturnsTheAnswer()
    {
        var calls = 0;
        await using var server = await RestTestServer.StartAsync(_ => Interlocked.Increment(ref calls) <= 2
            ? new ScriptedResponse(429, """{"error":"too many requests"}""")
            : ScriptedResponse.Json($$"""{"market":{{Market("KX-1")}}}"""));
        using var http = new HttpClient();
        var log = new List<string>();
        using var client = new KalshiRestClient(http, server.BaseUrl, null, Fast with { Log = m => { lock (log) log.Add(m); } });

        var market = await client.GetMarketAsync("KX-1", Ct);

        Assert.Equal(4200, market.YesBid!.Value.Ticks);
        Assert.Equal(3, server.Requests.Count);
        Assert.Equal(2, log.Count(l => l.Contains("RateLimited", StringComparison.Ordinal) && l.Contains("retrying", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RateLimitedOnEveryAttemptFailsAsRateLimited()
    {
        await using var server = await RestTestServer.StartAsync(_ => new ScriptedResponse(429, """{"error":"too many requests"}"""));
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, server.BaseUrl, null, Fast with { MaxAttempts = 3 });
        var ex = await Assert.ThrowsAsync<KalshiApiException>(() => client.GetMarketAsync("KX-1", Ct));
        Assert.Equal(KalshiApiErrorKind.RateLimited, ex.Kind);
        Assert.Equal(429, ex.HttpStatus);
        Assert.Equal("too many requests", ex.KalshiMessage);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task ACreateWithClientOrderIdThatMeets500ThenConflictResolvesToTheOneExistingOrder()
    {
        var posts = 0;
        await using var server = await RestTestServer.StartAsync(r =>
        {
            if (r.Method == "POST")
            {
                // The first attempt "creates" the order but the answer is lost as a 500; the retry meets 409.
                return Interlocked.Increment(ref posts) == 1
                    ? new ScriptedResponse(500, """{"error":{"code":"internal_error","message":"oops"}}""")
                    : new ScriptedResponse(409, """{"error":{"code":"order_already_exists","message":"client_order_id already exists"}}""");
            }

            return ScriptedResponse.Json("""
                {"orders":[{"order_id":"other","client_order_id":"nope","ticker":"KX-1","book_side":"bid","status":"resting","yes_price_dollars":"0.4000","initial_count_fp":"1.00","fill_count_fp":"0.00","remaining_count_fp":"1.00"},
                           {"order_id":"ord-77","client_order_id":"cli-77","ticker":"KX-1","book_side":"bid","status":"resting","yes_price_dollars":"0.4200","initial_count_fp":"10.00","fill_count_fp":"4.00","remaining_count_fp":"6.00","created_time":"2026-06-04T22:00:00Z"}],"cursor":""}
                """);
        });
        using var rsa = RestTestKeys.Private();
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, server.BaseUrl, RestTestKeys.Signer("key-1"), Fast);

        var ack = await client.CreateOrderAsync(
            OrderRequest.Buy("KX-1", Outcome.Yes, Price.FromTicks(4200), Quantity.FromContracts(10), clientOrderId: new ClientOrderId("cli-77")), Ct);

        Assert.Equal("ord-77", ack.OrderId.Value);
        Assert.Equal(400, ack.FillCount.Hundredths);
        Assert.Equal(600, ack.RemainingCount.Hundredths);
        Assert.Equal(2, posts);
        var list = server.Requests.Single(r => r.Method == "GET");
        Assert.Equal("/trade-api/v2/portfolio/orders", list.Path);
        Assert.Contains("ticker=KX-1", list.Query);
    }

    [Fact]
    public async Task ACreateWithoutClientOrderIdIsNeverRetriedAfterA500()
    {
        await using var server = await RestTestServer.StartAsync(_ => new ScriptedResponse(503, """{"error":{"code":"service_unavailable","message":"try later"}}"""));
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, server.BaseUrl, RestTestKeys.Signer("key-1"), Fast);
        var ex = await Assert.ThrowsAsync<KalshiApiException>(() => client.CreateOrderAsync(
            OrderRequest.Buy("KX-1", Outcome.No, Price.FromTicks(5800), Quantity.FromContracts(1)), Ct));
        Assert.Equal(KalshiApiErrorKind.Exchange, ex.Kind);
        Assert.Equal(503, ex.HttpStatus);
        Assert.Equal("service_unavailable", ex.Code);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task AConflictOnTheFirstAttemptIsAGenuineConflict()
    {
        await using var server = await RestTestServer.StartAsync(_ => new ScriptedResponse(409, """{"error":{"code":"order_already_exists","message":"dup"}}"""));
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, server.BaseUrl, RestTestKeys.Signer("key-1"), Fast);
        var ex = await Assert.ThrowsAsync<KalshiApiException>(() => client.CreateOrderAsync(
            OrderRequest.Buy("KX-1", Outcome.Yes, Price.FromTicks(4200), Quantity.FromContracts(1), clientOrderId: new ClientOrderId("c")), Ct));
        Assert.Equal(KalshiApiErrorKind.Conflict, ex.Kind);
        Assert.Equal("order_already_exists", ex.Code);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData(400, KalshiApiErrorKind.BadRequest)]
    [InlineData(401, KalshiApiErrorKind.Auth)]
    [InlineData(403, KalshiApiErrorKind.Auth)]
    [InlineData(404, KalshiApiErrorKind.NotFound)]
    [InlineData(409, KalshiApiErrorKind.Conflict)]
    public async Task ErrorBodiesBecomeKindCodeAndMessage(int status, KalshiApiErrorKind kind)
    {
        await using var server = await RestTestServer.StartAsync(_ => new ScriptedResponse(status,
            """{"error":{"code":"some_code","message":"what went wrong","details":"more"}}"""));
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, server.BaseUrl, null, Fast);
        var ex = await Assert.ThrowsAsync<KalshiApiException>(() => client.GetMarketAsync("KX-1", Ct));
        Assert.Equal(kind, ex.Kind);
        Assert.Equal(status, ex.HttpStatus);
        Assert.Equal("some_code", ex.Code);
        Assert.Equal("what went wrong", ex.KalshiMessage);
        Assert.Equal($"GET /markets/KX-1: {kind} (HTTP {status}) [some_code]: what went wrong (more)", ex.Message);
        Assert.Single(server.Requests);   // client errors are not retried
    }

    [Fact]
    public async Task PrivateCallsCarryVerifiableSignaturesOverThePathWithoutQueryAndPublicCallsCarryNone()
    {
        await using var server = await RestTestServer.StartAsync(r => ScriptedResponse.Json(r.Path.EndsWith("/balance", StringComparison.Ordinal)
            ? """{"balance":1000,"portfolio_value":0}"""
            : $$"""{"market":{{Market("KX-1")}}}"""));
        using var rsa = RestTestKeys.Private();
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, server.BaseUrl, RestTestKeys.Signer("key-abc"), Fast);

        await client.GetMarketAsync("KX-1", Ct);
        var balance = await client.GetBalanceAsync(Ct, subaccount: 0);

        Assert.Equal(Money.FromCents(1000), balance.Available);
        var pub = server.Requests.Single(r => r.Path.EndsWith("/KX-1", StringComparison.Ordinal));
        Assert.Null(pub.Header(KalshiSigner.KeyHeader));
        Assert.Null(pub.Header(KalshiSigner.SignatureHeader));
        Assert.Null(pub.Header(KalshiSigner.TimestampHeader));
        var priv = server.Requests.Single(r => r.Path.EndsWith("/balance", StringComparison.Ordinal));
        Assert.Equal("?subaccount=0", priv.Query);
        Assert.Equal("key-abc", priv.Header(KalshiSigner.KeyHeader));
        var ts = long.Parse(priv.Header(KalshiSigner.TimestampHeader)!, CultureInfo.InvariantCulture);
        Assert.True(KalshiSigner.Verify(rsa, ts, "GET", "/trade-api/v2/portfolio/balance", priv.Header(KalshiSigner.SignatureHeader)!));
    }

    [Fact]
    public async Task APrivateCallWithoutCredentialsFailsAsAuthWithoutSendingAnything()
    {
        await using var server = await RestTestServer.StartAsync(_ => ScriptedResponse.Json("{}"));
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, server.BaseUrl, null, Fast);
        var ex = await Assert.ThrowsAsync<KalshiApiException>(() => client.GetBalanceAsync(Ct));
        Assert.Equal(KalshiApiErrorKind.Auth, ex.Kind);
        Assert.Contains("KALSHI_API_KEY_ID", ex.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task AnErrorMessageNeverContainsHeadersOrKeys()
    {
        await using var server = await RestTestServer.StartAsync(_ => new ScriptedResponse(401, """{"error":{"code":"unauthorized","message":"bad signature"}}"""));
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, server.BaseUrl, RestTestKeys.Signer("key-secret-id-123"), Fast);
        var ex = await Assert.ThrowsAsync<KalshiApiException>(() => client.GetBalanceAsync(Ct));
        var sent = Assert.Single(server.Requests);
        Assert.DoesNotContain("key-secret-id-123", ex.ToString());
        Assert.DoesNotContain(sent.Header(KalshiSigner.SignatureHeader)!, ex.ToString());
    }

    [Fact]
    public async Task ASlowAnswerIsATimeoutAndReadsRetryIt()
    {
        var calls = 0;
        await using var server = await RestTestServer.StartAsync(_ => Interlocked.Increment(ref calls) == 1
            ? new ScriptedResponse(200, "{}") { Delay = TimeSpan.FromSeconds(5) }
            : ScriptedResponse.Json($$"""{"market":{{Market("KX-1")}}}"""));
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, server.BaseUrl, null, Fast with { RequestTimeout = TimeSpan.FromMilliseconds(300) });
        var market = await client.GetMarketAsync("KX-1", Ct);
        Assert.Equal("KX-1", market.Ticker.Value);
        Assert.Equal(2, calls);

        using var once = new KalshiRestClient(http, server.BaseUrl, null, Fast with { RequestTimeout = TimeSpan.FromMilliseconds(300), MaxAttempts = 1 });
        calls = 0;
        var ex = await Assert.ThrowsAsync<KalshiApiException>(() => once.GetMarketAsync("KX-1", Ct));
        Assert.Equal(KalshiApiErrorKind.Timeout, ex.Kind);
    }

    [Fact]
    public async Task NoServerIsATransportError()
    {
        var port = FreePort();
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, new Uri($"http://127.0.0.1:{port}/trade-api/v2"), null, Fast with { MaxAttempts = 2 });
        var ex = await Assert.ThrowsAsync<KalshiApiException>(() => client.GetExchangeStatusAsync(Ct));
        Assert.Equal(KalshiApiErrorKind.Transport, ex.Kind);
        Assert.Null(ex.HttpStatus);
    }

    [Fact]
    public async Task CorruptPricesFailAsDecodeNamingMarketAndField()
    {
        await using var server = await RestTestServer.StartAsync(_ => ScriptedResponse.Json($$"""{"market":{{Market("KX-1", "0.12345")}}}"""));
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, server.BaseUrl, null, Fast);
        var ex = await Assert.ThrowsAsync<KalshiApiException>(() => client.GetMarketAsync("KX-1", Ct));
        Assert.Equal(KalshiApiErrorKind.Decode, ex.Kind);
        Assert.Contains("market KX-1 yes_bid_dollars: '0.12345'", ex.Message);
        Assert.IsType<FormatException>(ex.InnerException);
    }

    [Fact]
    public async Task NonJsonSuccessIsADecodeError()
    {
        await using var server = await RestTestServer.StartAsync(_ => ScriptedResponse.Json("<html>gateway</html>"));
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, server.BaseUrl, null, Fast);
        var ex = await Assert.ThrowsAsync<KalshiApiException>(() => client.GetExchangeStatusAsync(Ct));
        Assert.Equal(KalshiApiErrorKind.Decode, ex.Kind);
    }

    [Fact]
    public async Task AccountLimitsAndEndpointCostsAreLoadedBeforeTheFirstPrivateCall()
    {
        await using var server = await RestTestServer.StartAsync(r => r.Path switch
        {
            "/trade-api/v2/account/limits" => ScriptedResponse.Json(RestFixtures.Text("account_limits.json")),
            "/trade-api/v2/account/endpoint_costs" => ScriptedResponse.Json(RestFixtures.Text("endpoint_costs.json")),
            _ => ScriptedResponse.Json("""{"balance":5,"portfolio_value":0}"""),
        });
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, server.BaseUrl, RestTestKeys.Signer("k"), Fast with { LoadAccountLimits = true });
        Assert.Equal(KalshiRateLimiter.BasicReadPerSecond, client.RateLimiter.ReadRate);

        await client.GetBalanceAsync(Ct);
        await client.GetBalanceAsync(Ct);

        Assert.Equal(360, client.RateLimiter.ReadRate);
        Assert.Equal(720, client.RateLimiter.WriteCapacity);
        Assert.Equal(2, client.RateLimiter.CostOf("DELETE", "/portfolio/events/orders/{order_id}"));
        Assert.Equal(5, client.RateLimiter.CostOf("GET", "/portfolio/orders/{order_id}"));
        Assert.Equal(10, client.RateLimiter.CostOf("GET", "/markets"));
        Assert.Equal(["/trade-api/v2/account/limits", "/trade-api/v2/account/endpoint_costs", "/trade-api/v2/portfolio/balance", "/trade-api/v2/portfolio/balance"],
            server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task OrderWritesUseTheV2RoutesAndBodies()
    {
        await using var server = await RestTestServer.StartAsync(r => (r.Method, r.Path) switch
        {
            ("POST", "/trade-api/v2/portfolio/events/orders") => new ScriptedResponse(201, RestFixtures.Text("create_order_response.json")),
            ("DELETE", "/trade-api/v2/portfolio/events/orders/ord-9") => ScriptedResponse.Json(RestFixtures.Text("cancel_order_response.json")),
            ("POST", "/trade-api/v2/portfolio/events/orders/ord-9/amend") => ScriptedResponse.Json(RestFixtures.Text("amend_order_response.json")),
            ("POST", "/trade-api/v2/portfolio/events/orders/ord-9/decrease") => ScriptedResponse.Json(RestFixtures.Text("decrease_order_response.json")),
            ("POST", "/trade-api/v2/portfolio/events/orders/batched") => new ScriptedResponse(201, RestFixtures.Text("batch_create_response.json")),
            ("DELETE", "/trade-api/v2/portfolio/events/orders/batched") => ScriptedResponse.Json(RestFixtures.Text("batch_cancel_response.json")),
            ("DELETE", "/trade-api/v2/portfolio/events/orders") => new ScriptedResponse(204),
            _ => new ScriptedResponse(404, """{"error":{"code":"not_found","message":"no route"}}"""),
        });
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, server.BaseUrl, RestTestKeys.Signer("k"), Fast);
        var request = OrderRequest.Buy("KX-1", Outcome.No, Price.FromTicks(5850), Quantity.FromHundredths(1050), TimeInForce.ImmediateOrCancel, new ClientOrderId("cli-9"));

        var ack = await client.CreateOrderAsync(request, Ct);
        var cancel = await client.CancelOrderAsync(ack.OrderId, "KX-1", Ct);
        var amend = await client.AmendOrderAsync(ack.OrderId, "KX-1", OrderSide.Ask, Price.FromTicks(4100), Quantity.FromContracts(14), Ct);
        var decrease = await client.DecreaseOrderAsync(ack.OrderId, null, Quantity.FromContracts(4), Ct);
        var batch = await client.CreateOrdersAsync([request, request with { ClientOrderId = new ClientOrderId("b") }], Ct);
        var cancels = await client.CancelOrdersAsync([(new OrderId("ord-10"), (MarketTicker?)"KX-1"), (new OrderId("ord-404"), null)], Ct);
        await client.CancelAllOrdersAsync(Ct);

        Assert.Equal("ord-9", ack.OrderId.Value);
        Assert.Equal(750, cancel.ReducedBy.Hundredths);
        Assert.Equal(1200, amend.RemainingCount.Hundredths);
        Assert.Equal(400, decrease.RemainingCount.Hundredths);
        Assert.True(batch[0].IsOk);
        Assert.Equal("insufficient_balance", batch[1].Error!.Code);
        Assert.True(cancels[0].IsOk);
        Assert.Equal("not_found", cancels[1].Error!.Code);

        var seen = server.Requests.ToArray();
        Assert.Equal("""{"ticker":"KX-1","side":"ask","price":"0.4150","count":"10.50","time_in_force":"immediate_or_cancel","self_trade_prevention_type":"taker_at_cross","client_order_id":"cli-9"}""", seen[0].Body);
        Assert.Equal("?market_ticker=KX-1", seen[1].Query);
        Assert.Equal("""{"ticker":"KX-1","side":"ask","price":"0.4100","count":"14.00"}""", seen[2].Body);
        Assert.Equal("""{"reduce_to":"4.00"}""", seen[3].Body);
        Assert.Contains("\"client_order_id\":\"b\"", seen[4].Body);
        Assert.Equal("""{"orders":[{"order_id":"ord-10","market_ticker":"KX-1"},{"order_id":"ord-404"}]}""", seen[5].Body);
        Assert.All(seen, r => Assert.NotNull(r.Header(KalshiSigner.SignatureHeader)));
    }

    [Fact]
    public async Task OrderGroupCallsUseTheirRoutes()
    {
        await using var server = await RestTestServer.StartAsync(r => (r.Method, r.Path) switch
        {
            ("POST", "/trade-api/v2/portfolio/order_groups/create") => new ScriptedResponse(201, RestFixtures.Text("create_order_group_response.json")),
            ("GET", "/trade-api/v2/portfolio/order_groups/og-3") => ScriptedResponse.Json(RestFixtures.Text("order_group.json")),
            ("GET", "/trade-api/v2/portfolio/order_groups") => ScriptedResponse.Json(RestFixtures.Text("order_groups.json")),
            ("PUT", _) or ("DELETE", _) => ScriptedResponse.Json("{}"),
            _ => new ScriptedResponse(404),
        });
        using var http = new HttpClient();
        using var client = new KalshiRestClient(http, server.BaseUrl, RestTestKeys.Signer("k"), Fast);

        var id = await client.CreateOrderGroupAsync(Quantity.FromContracts(250), Ct);
        var group = await client.GetOrderGroupAsync(id, Ct);
        var groups = await client.GetOrderGroupsAsync(Ct);
        await client.ResetOrderGroupAsync(id, Ct);
        await client.TriggerOrderGroupAsync(id, Ct);
        await client.SetOrderGroupLimitAsync(id, Quantity.FromContracts(10), Ct);
        await client.DeleteOrderGroupAsync(id, Ct);

        Assert.Equal("og-3", id);
        Assert.True(group.IsAutoCancelEnabled);
        Assert.Equal(2, groups.Count);
        Assert.Equal(
            ["POST /create", "GET /og-3", "GET ", "PUT /og-3/reset", "PUT /og-3/trigger", "PUT /og-3/limit", "DELETE /og-3"],
            server.Requests.Select(r => r.Method + " " + r.Path["/trade-api/v2/portfolio/order_groups".Length..]));
        Assert.Equal("""{"contracts_limit_fp":"250.00"}""", server.Requests.First().Body);
    }

    private static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}
