using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Kalshi.Http;
using KalshiTrader.Kalshi.Tests.Support;

namespace KalshiTrader.Kalshi.Tests.Http;

/// <summary>KalshiExchange turns API failures into ExchangeError values, flagging writes of unknown outcome.</summary>
public sealed class KalshiExchangeTests
{
    private static readonly KalshiRestClientOptions Options = new()
    {
        LoadAccountLimits = false, MaxAttempts = 1, RequestTimeout = TimeSpan.FromSeconds(10),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static OrderRequest Buy(string? clientId = null) =>
        OrderRequest.Buy("KX-1", Outcome.Yes, Price.FromTicks(4200), Quantity.FromContracts(1), clientOrderId: clientId is null ? null : new ClientOrderId(clientId));

    [Fact]
    public async Task ARejectedOrderIsABadRequestWithKalshisCodeAndAKnownOutcome()
    {
        await using var server = await RestTestServer.StartAsync(_ => new ScriptedResponse(400, """{"error":{"code":"insufficient_balance","message":"not enough"}}"""));
        using var http = new HttpClient();
        var exchange = new KalshiExchange(new KalshiRestClient(http, server.BaseUrl, RestTestKeys.Signer(), Options));
        var result = await exchange.CreateOrderAsync(Buy(), Ct);
        Assert.False(result.IsOk);
        Assert.Equal(new ExchangeError(ExchangeErrorKind.BadRequest, "not enough", 400, "insufficient_balance"), result.Error);
    }

    [Fact]
    public async Task ATimedOutCreateHasAnUnknownOutcome()
    {
        await using var server = await RestTestServer.StartAsync(_ => new ScriptedResponse(201, "{}") { Delay = TimeSpan.FromSeconds(5) });
        using var http = new HttpClient();
        var exchange = new KalshiExchange(new KalshiRestClient(http, server.BaseUrl, RestTestKeys.Signer(),
            Options with { RequestTimeout = TimeSpan.FromMilliseconds(300) }));
        var result = await exchange.CreateOrderAsync(Buy("c-1"), Ct);
        Assert.Equal(ExchangeErrorKind.Timeout, result.Error!.Kind);
        Assert.True(result.Error.OutcomeUnknown);
        Assert.False(result.Error.RetrySafe);
    }

    [Fact]
    public async Task AServerErrorOnAReadIsRetrySafeAndNotUnknown()
    {
        await using var server = await RestTestServer.StartAsync(_ => new ScriptedResponse(500, """{"error":{"code":"internal","message":"boom"}}"""));
        using var http = new HttpClient();
        var exchange = new KalshiExchange(new KalshiRestClient(http, server.BaseUrl, RestTestKeys.Signer(), Options));
        var result = await exchange.GetBalanceAsync(Ct);
        Assert.Equal(ExchangeErrorKind.Exchange, result.Error!.Kind);
        Assert.True(result.Error.RetrySafe);
        Assert.False(result.Error.OutcomeUnknown);
    }

    [Fact]
    public async Task AnInvalidOrderIsRefusedWithoutAnyRequest()
    {
        await using var server = await RestTestServer.StartAsync(_ => ScriptedResponse.Json("{}"));
        using var http = new HttpClient();
        var exchange = new KalshiExchange(new KalshiRestClient(http, server.BaseUrl, RestTestKeys.Signer(), Options));
        var result = await exchange.CreateOrderAsync(Buy() with { Count = Quantity.Zero }, Ct);
        Assert.Equal(ExchangeErrorKind.Refused, result.Error!.Kind);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ReadsReturnDomainValues()
    {
        await using var server = await RestTestServer.StartAsync(r => r.Path switch
        {
            "/trade-api/v2/portfolio/positions" => ScriptedResponse.Json(RestFixtures.Text("positions.json")),
            "/trade-api/v2/portfolio/orders" => ScriptedResponse.Json(RestFixtures.Text("orders_page.json")),
            "/trade-api/v2/portfolio/fills" => ScriptedResponse.Json(RestFixtures.Text("fills_page.json")),
            _ => ScriptedResponse.Json(RestFixtures.Text("balance.json")),
        });
        using var http = new HttpClient();
        var exchange = new KalshiExchange(new KalshiRestClient(http, server.BaseUrl, RestTestKeys.Signer(), Options));
        Assert.Equal(-2550, (await exchange.GetPositionsAsync(Ct)).Unwrap()[0].Position.Hundredths);
        Assert.Equal(2, (await exchange.GetOrdersAsync(OrderQuery.Resting, Ct)).Unwrap().Count);
        Assert.Equal(2, (await exchange.GetFillsAsync(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), Ct)).Unwrap().Count);
        Assert.Equal(Money.Parse("1023.4567"), (await exchange.GetBalanceAsync(Ct)).Unwrap().Available);
        var requests = server.Requests.ToArray();
        Assert.Contains("count_filter=position", requests[0].Query);
        Assert.Contains("status=resting", requests[1].Query);
        Assert.Contains("min_ts=1700000000", requests[2].Query);
    }
}
