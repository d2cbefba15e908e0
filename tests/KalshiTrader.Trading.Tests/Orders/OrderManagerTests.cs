using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Trading.Logging;
using KalshiTrader.Trading.Orders;
using KalshiTrader.Trading.Strategy;
using KalshiTrader.Trading.Tests.Support;

namespace KalshiTrader.Trading.Tests.Orders;

/// <summary>The order manager alone, against an exchange whose answers each test scripts.</summary>
public sealed class OrderManagerTests
{
    private static readonly MarketTicker A = "KXT-E-A";
    private static readonly MarketTicker B = "KXT-E-B";
    private static readonly Quantity Ten = Quantity.FromContracts(10);
    private static readonly Quantity Three = Quantity.FromContracts(3);
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 14, 30, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly ScriptedExchange _exchange = new();
    private readonly InMemoryOrderJournal _journal = new();
    private readonly ManualClock _clock = new(T0);

    private OrderManager NewManager(string runId = "run1") =>
        new(_exchange, _journal, new ClientOrderIdFactory(runId), EngineMode.Paper, _clock, NullEngineLog.Instance);

    [Fact]
    public async Task ClientOrderIdsAreDeterministicPerRunAndCarryTheStrategy()
    {
        var first = NewManager();
        var a = await first.SubmitAsync("Mispricing!", OrderIntent.BuyYes(A, Price.FromCents(40), Ten), Quantity.Zero, Ct);
        var b = await first.SubmitAsync("probe", OrderIntent.BuyYes(A, Price.FromCents(40), Ten), Quantity.Zero, Ct);
        var again = new ClientOrderIdFactory("run1");

        Assert.Equal("mispricing-run1-000001", a.ClientOrderId!.Value.Value);
        Assert.Equal("probe-run1-000002", b.ClientOrderId!.Value.Value);
        Assert.Equal(a.ClientOrderId, again.Next("mispricing"));
        Assert.Equal("mispricing", ClientOrderIdFactory.StrategyPrefixOf(a.ClientOrderId!.Value));
        Assert.Equal([a.ClientOrderId, b.ClientOrderId], _exchange.Creates.Select(c => c.ClientOrderId));
    }

    [Fact]
    public async Task AnOrderIsJournaledAsPendingBeforeTheCreateIsSent()
    {
        var manager = NewManager();
        var journaledAtCreate = new List<(JournaledOrder Order, string EventType)>();
        _exchange.OnCreate = _ => journaledAtCreate.AddRange(_journal.OrderEvents);

        await manager.SubmitAsync("probe", OrderIntent.BuyYes(A, Price.FromCents(40), Ten), Quantity.Zero, Ct);

        var (order, eventType) = Assert.Single(journaledAtCreate);
        Assert.Equal("intent", eventType);
        Assert.Equal("Pending", order.State);
        Assert.Null(order.OrderId);
        Assert.Equal(["intent", "ack"], _journal.OrderEvents.Select(e => e.EventType));
    }

    [Fact]
    public async Task PartialFillsAccumulateUntilTheOrderIsFilled()
    {
        var manager = NewManager();
        var sent = await manager.SubmitAsync("probe", OrderIntent.BuyYes(A, Price.FromCents(40), Ten), Quantity.Zero, Ct);
        var order = manager.Find(sent.ClientOrderId!.Value)!;

        await manager.ApplyFillAsync(FillOf(sent, "t-1", Three), Ct);
        Assert.Equal((OrderState.Resting, Three, Quantity.FromContracts(7)), (order.State, order.Filled, order.Remaining));

        await manager.ApplyFillAsync(FillOf(sent, "t-2", Quantity.FromContracts(7)), Ct);
        Assert.Equal((OrderState.Filled, Ten, Quantity.Zero), (order.State, order.Filled, order.Remaining));
        Assert.Equal(Money.FromCents(400), order.FillCost);
        Assert.Equal(Money.FromCents(2), order.Fees);
        Assert.Equal(["t-1", "t-2"], _journal.Fills.Select(f => f.TradeId));
        Assert.False(manager.Open.Any());
    }

    [Fact]
    public async Task AFillSeenOnTheSocketAndAgainFromRestCountsOnce()
    {
        var manager = NewManager();
        var sent = await manager.SubmitAsync("probe", OrderIntent.BuyYes(A, Price.FromCents(40), Ten), Quantity.Zero, Ct);
        var fill = FillOf(sent, "t-1", Three);

        var first = await manager.ApplyFillAsync(fill, Ct);
        var again = await manager.ApplyFillAsync(fill with { ClientOrderId = null }, Ct); // REST fills may lack the client id

        Assert.True(first.IsNew);
        Assert.False(again.IsNew);
        Assert.Equal(Three, manager.Find(sent.ClientOrderId!.Value)!.Filled);
        Assert.Single(_journal.Fills);
    }

    [Fact]
    public async Task AnUpdateSeenTwiceChangesTheOrderOnce()
    {
        var manager = NewManager();
        var sent = await manager.SubmitAsync("probe", OrderIntent.BuyYes(A, Price.FromCents(40), Ten), Quantity.Zero, Ct);
        var update = View(sent, OrderStatus.Resting, filled: Three, remaining: Quantity.FromContracts(7));

        Assert.NotNull(await manager.ApplyUpdateAsync(update, Ct));
        Assert.Null(await manager.ApplyUpdateAsync(update, Ct));
        Assert.Single(_journal.OrderEvents, e => e.EventType == "update");
    }

    [Fact]
    public async Task AStaleRestViewAfterASocketFillNeitherUndoesTheFillNorInflatesWhatRests()
    {
        var manager = NewManager();
        var sent = await manager.SubmitAsync("probe", OrderIntent.BuyYes(A, Price.FromCents(40), Ten), Quantity.Zero, Ct);
        await manager.ApplyFillAsync(FillOf(sent, "t-1", Three), Ct);

        await manager.ReconcileAsync([View(sent, OrderStatus.Resting, filled: Quantity.Zero, remaining: Ten)], Ct);

        var order = manager.Find(sent.ClientOrderId!.Value)!;
        Assert.Equal(Three, order.Filled);
        Assert.Equal(Quantity.FromContracts(7), order.Remaining);
    }

    [Fact]
    public async Task AnExecutedOrderIsNotReopenedByALateRestingUpdate()
    {
        var manager = NewManager();
        var sent = await manager.SubmitAsync("probe", OrderIntent.BuyYes(A, Price.FromCents(40), Ten), Quantity.Zero, Ct);
        await manager.ApplyUpdateAsync(View(sent, OrderStatus.Executed, filled: Ten, remaining: Quantity.Zero), Ct);

        var late = await manager.ApplyUpdateAsync(View(sent, OrderStatus.Resting, filled: Three, remaining: Quantity.FromContracts(7)), Ct);

        Assert.Null(late);
        Assert.Equal(OrderState.Filled, manager.Find(sent.ClientOrderId!.Value)!.State);
    }

    [Fact]
    public async Task ACancelKeepsTheFilledPartAndLeavesNothingResting()
    {
        var manager = NewManager();
        var sent = await manager.SubmitAsync("probe", OrderIntent.BuyYes(A, Price.FromCents(40), Ten), Quantity.Zero, Ct);
        await manager.ApplyFillAsync(FillOf(sent, "t-1", Three), Ct);
        var order = manager.Find(sent.ClientOrderId!.Value)!;

        var result = await manager.CancelAsync(order, Ct);

        Assert.Equal(OrderResultStatus.Accepted, result.Status);
        Assert.Equal([sent.OrderId!.Value], _exchange.Cancels);
        Assert.Equal((OrderState.Canceled, Three, Quantity.Zero), (order.State, order.Filled, order.Remaining));
        Assert.Equal("canceled", _journal.OrderEvents[^1].EventType);
        Assert.Equal(OrderResultStatus.Failed, (await manager.CancelAsync(order, Ct)).Status); // already final: nothing sent
        Assert.Single(_exchange.Cancels);
    }

    [Fact]
    public async Task AnExpiredOrderEndsCanceledWithTheExchangesReason()
    {
        var manager = NewManager();
        var intent = OrderIntent.BuyYes(A, Price.FromCents(40), Ten) with { Expiration = T0.AddMinutes(5) };
        var sent = await manager.SubmitAsync("probe", intent, Quantity.Zero, Ct);

        var expired = await manager.ApplyUpdateAsync(View(sent, OrderStatus.Canceled, filled: Quantity.Zero, remaining: Quantity.Zero, reason: "expired"), Ct);

        Assert.Equal(OrderState.Canceled, expired!.State);
        Assert.Equal("expired", expired.Reason);
        Assert.Equal(Quantity.Zero, expired.Remaining);
    }

    [Fact]
    public async Task ARejectionCarriesTheExchangesCodeAndMessage()
    {
        var manager = NewManager();
        _exchange.FailNextCreate(new ExchangeError(ExchangeErrorKind.BadRequest, "insufficient balance", 400, "insufficient_balance"));

        var result = await manager.SubmitAsync("probe", OrderIntent.BuyYes(A, Price.FromCents(40), Ten), Quantity.Zero, Ct);

        Assert.Equal(OrderResultStatus.Rejected, result.Status);
        Assert.Equal("insufficient_balance", result.Error!.Code);
        var order = manager.Find(result.ClientOrderId!.Value)!;
        Assert.Equal(OrderState.Rejected, order.State);
        Assert.Contains("insufficient_balance", order.Reason);
        Assert.Contains("insufficient balance", order.Reason);
        Assert.Equal("rejected", _journal.OrderEvents[^1].EventType);
        Assert.Equal(order.Reason, _journal.OrderEvents[^1].Order.Reason);
        Assert.False(manager.IsBlocked(A, out _));
    }

    [Fact]
    public async Task ARateLimitedCreateFailsWithoutBlockingOrRetrying()
    {
        var manager = NewManager();
        _exchange.FailNextCreate(new ExchangeError(ExchangeErrorKind.RateLimited, "too many requests", 429, RetrySafe: true));

        var result = await manager.SubmitAsync("probe", OrderIntent.BuyYes(A, Price.FromCents(40), Ten), Quantity.Zero, Ct);

        Assert.Equal(OrderResultStatus.Failed, result.Status);
        Assert.Single(_exchange.Creates);
        Assert.False(manager.IsBlocked(A, out _));
    }

    public static TheoryData<ExchangeErrorKind, int?> UnknownOutcomes => new()
    {
        { ExchangeErrorKind.Timeout, null },
        { ExchangeErrorKind.Exchange, 500 },
        { ExchangeErrorKind.Exchange, 503 },
    };

    [Theory]
    [MemberData(nameof(UnknownOutcomes))]
    public async Task AnUnknownCreateOutcomeBlocksOnlyThatMarketUntilReconciliationFindsTheOrderByClientId(ExchangeErrorKind kind, int? status)
    {
        var manager = NewManager();
        _exchange.FailNextCreate(new ExchangeError(kind, "no answer", status, OutcomeUnknown: true));

        var result = await manager.SubmitAsync("probe", OrderIntent.BuyYes(A, Price.FromCents(40), Ten), Quantity.Zero, Ct);

        Assert.Equal(OrderResultStatus.OutcomeUnknown, result.Status);
        Assert.True(manager.IsBlocked(A, out var why));
        Assert.Contains(result.ClientOrderId!.Value.Value, why);
        Assert.False(manager.IsBlocked(B, out _));
        Assert.Equal("unknown", _journal.OrderEvents[^1].EventType);

        var found = View(result, OrderStatus.Resting, Quantity.Zero, Ten) with { Id = new OrderId("found-1") };
        var report = await manager.ReconcileAsync([found], Ct);

        var order = manager.Find(result.ClientOrderId!.Value)!;
        Assert.Equal(OrderState.Resting, order.State);
        Assert.Equal(new OrderId("found-1"), order.OrderId);
        Assert.Contains(order, report.ResolvedUnknowns);
        Assert.False(manager.IsBlocked(A, out _));
        Assert.Single(_exchange.Creates); // never sent twice
    }

    [Fact]
    public async Task AConflictOnOurOwnClientIdIsAnUnknownOutcomeNotARejection()
    {
        var manager = NewManager();
        _exchange.FailNextCreate(new ExchangeError(ExchangeErrorKind.Conflict, "duplicate client_order_id", 409, "order_already_exists"));

        var result = await manager.SubmitAsync("probe", OrderIntent.BuyYes(A, Price.FromCents(40), Ten), Quantity.Zero, Ct);

        Assert.Equal(OrderResultStatus.OutcomeUnknown, result.Status);
        Assert.True(manager.IsBlocked(A, out _));
    }

    [Fact]
    public async Task AnUnknownCreateAbsentAtTheExchangeIsRejectedAtReconciliationAndAdoptedIfItAppearsLater()
    {
        var manager = NewManager();
        _exchange.FailNextCreate(new ExchangeError(ExchangeErrorKind.Exchange, "internal server error", 500, OutcomeUnknown: true));
        var result = await manager.SubmitAsync("probe", OrderIntent.BuyYes(A, Price.FromCents(40), Ten), Quantity.Zero, Ct);

        await manager.ReconcileAsync([], Ct);
        var order = manager.Find(result.ClientOrderId!.Value)!;
        Assert.Equal(OrderState.Rejected, order.State);
        Assert.Contains("never created", order.Reason);
        Assert.False(manager.IsBlocked(A, out _));

        // The delayed request reached the exchange after all: the socket reports it and the order is tracked again.
        var late = View(result, OrderStatus.Resting, Quantity.Zero, Ten) with { Id = new OrderId("late-1") };
        Assert.NotNull(await manager.ApplyUpdateAsync(late, Ct));
        Assert.Equal(OrderState.Resting, order.State);
        Assert.Equal(1, manager.OpenCount);
    }

    [Fact]
    public async Task OrdersLoadedFromTheJournalBlockTheirMarketsUntilReconciledAndCountOnlyNewFills()
    {
        var previous = NewManager("old1");
        _exchange.FailNextCreate(new ExchangeError(ExchangeErrorKind.Timeout, "timed out", OutcomeUnknown: true));
        var unknown = await previous.SubmitAsync("probe", OrderIntent.BuyYes(A, Price.FromCents(40), Ten), Quantity.Zero, Ct);
        var resting = await previous.SubmitAsync("probe", OrderIntent.BuyYes(B, Price.FromCents(30), Ten), Quantity.Zero, Ct);
        var seen = FillOf(resting, "t-1", Three) with { Ticker = B };
        await previous.ApplyFillAsync(seen, Ct);

        var restarted = NewManager("new1");
        await restarted.LoadAsync(Ct);

        Assert.True(restarted.IsBlocked(A, out _));
        Assert.False(restarted.IsBlocked(B, out _));
        Assert.Equal(OrderState.Unknown, restarted.Find(unknown.ClientOrderId!.Value)!.State);
        Assert.False((await restarted.ApplyFillAsync(seen, Ct)).IsNew);
        await restarted.ApplyFillAsync(FillOf(resting, "t-2", Quantity.FromContracts(2)) with { Ticker = B }, Ct);
        Assert.Equal(Quantity.FromContracts(5), restarted.Find(resting.ClientOrderId!.Value)!.Filled);

        // A new run's ids never collide with the old run's.
        var fresh = await restarted.SubmitAsync("probe", OrderIntent.BuyYes(B, Price.FromCents(30), Ten), Quantity.Zero, Ct);
        Assert.Equal("probe-new1-000001", fresh.ClientOrderId!.Value.Value);
    }

    private static Order View(OrderResult sent, OrderStatus status, Quantity filled, Quantity remaining, string? reason = null) => new()
    {
        Id = sent.OrderId ?? new OrderId("unknown"),
        ClientOrderId = sent.ClientOrderId,
        Ticker = A,
        Side = OrderSide.Bid,
        YesPrice = Price.FromCents(40),
        Status = status,
        InitialCount = Ten,
        FillCount = filled,
        RemainingCount = remaining,
        LastUpdateReason = reason,
    };

    private static Fill FillOf(OrderResult sent, string tradeId, Quantity count) => new()
    {
        TradeId = new TradeId(tradeId),
        OrderId = sent.OrderId!.Value,
        ClientOrderId = sent.ClientOrderId,
        Ticker = A,
        Side = OrderSide.Bid,
        YesPrice = Price.FromCents(40),
        Count = count,
        Fee = Money.FromCents(1),
        Time = T0,
    };
}
