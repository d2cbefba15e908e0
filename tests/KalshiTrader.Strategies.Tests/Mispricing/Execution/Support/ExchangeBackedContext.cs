using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Strategies.Tests.Mispricing.Execution.Support;

/// <summary>
/// The strategy's orders and order groups go to the real matching engine through <see cref="InProcessExchange"/> (the
/// paper venue's engine); books are read back from the engine. Catalog, log and evaluations come from a
/// <see cref="FakeStrategyContext"/>. <see cref="SendTwice"/> scripts a double send (a create retried after it had in
/// fact gone through): each buy in an order group reaches the exchange twice, an over-fill the group must stop.
/// </summary>
internal sealed class ExchangeBackedContext(FakeStrategyContext inner, InProcessExchange exchange) : IStrategyContext
{
    private readonly Dictionary<string, StrategyOrder> _orders = new(StringComparer.Ordinal);
    private int _seq;

    public FakeStrategyContext Inner => inner;
    public bool SendTwice { get; set; }
    public List<OrderRequest> Sent { get; } = [];
    public List<ExchangeResult<OrderAck>> Answers { get; } = [];

    /// <summary>Each group as the exchange saw it just before the strategy deleted it.</summary>
    public List<OrderGroupInfo> GroupsAtDelete { get; } = [];

    public string StrategyName => inner.StrategyName;
    public EngineMode Mode => EngineMode.Paper;
    public TimeProvider Clock => inner.Clock;
    public DateTimeOffset Now => inner.Now;
    public IMarketCatalog Catalog => inner.Catalog;
    public IPortfolioView Portfolio => inner.Portfolio;
    public IReadOnlyList<StrategyOrder> OpenOrders => [];
    public IStrategyLog Log => inner.Log;

    public void Follow(IReadOnlyCollection<MarketTicker> tickers) => inner.Follow(tickers);

    public BookRead GetBook(MarketTicker ticker)
    {
        BookSnapshot? snap;
        lock (exchange.Engine.SyncRoot) snap = exchange.Engine.GetBook(ticker);
        if (snap is not null) inner.Books.GetOrAdd(ticker).ApplySnapshot(snap.YesBids.ToArray(), snap.NoBids.ToArray());
        return inner.GetBook(ticker);
    }

    public StrategyOrder? FindOrder(ClientOrderId clientOrderId) => _orders.GetValueOrDefault(clientOrderId.Value);

    public async ValueTask<OrderResult> SubmitAsync(OrderIntent intent, CancellationToken cancellationToken)
    {
        var id = new ClientOrderId($"mp-{++_seq}");
        var request = new OrderRequest
        {
            Ticker = intent.Ticker,
            Side = intent.Side,
            YesPrice = intent.YesPrice,
            Count = intent.Count,
            TimeInForce = intent.TimeInForce,
            ClientOrderId = id,
            ReduceOnly = intent.ReduceOnly,
            OrderGroupId = intent.OrderGroupId,
        };
        var ack = await SendAsync(request, cancellationToken);
        if (SendTwice && intent.OrderGroupId is not null) await SendAsync(request with { ClientOrderId = new ClientOrderId($"mp-{_seq}-again") }, cancellationToken);
        if (!ack.IsOk) return new OrderResult { Status = OrderResultStatus.Rejected, ClientOrderId = id, Error = ack.Error };

        var filled = ack.Value!.FillCount;
        _orders[id.Value] = new StrategyOrder
        {
            ClientOrderId = id,
            Strategy = StrategyName,
            Intent = intent,
            State = filled == intent.Count ? OrderState.Filled : OrderState.Canceled,
            FilledCount = filled,
        };
        return new OrderResult { Status = OrderResultStatus.Accepted, ClientOrderId = id, FilledCount = filled, RemainingCount = Quantity.Zero };
    }

    private async Task<ExchangeResult<OrderAck>> SendAsync(OrderRequest request, CancellationToken ct)
    {
        Sent.Add(request);
        var ack = await exchange.CreateOrderAsync(request, ct);
        Answers.Add(ack);
        if (ack.IsOk && ack.Value!.FillCount.IsPositive)
        {
            var signed = request.Buys == Outcome.Yes ? ack.Value.FillCount : -ack.Value.FillCount;
            inner.Positions[request.Ticker.Value] = inner.Positions.GetValueOrDefault(request.Ticker.Value) + signed;
        }

        return ack;
    }

    public async ValueTask<ExchangeResult<string>> CreateOrderGroupAsync(Quantity contractsLimit, CancellationToken cancellationToken) =>
        await exchange.CreateOrderGroupAsync(contractsLimit, cancellationToken);

    public async ValueTask<ExchangeResult<bool>> DeleteOrderGroupAsync(string orderGroupId, CancellationToken cancellationToken)
    {
        lock (exchange.Engine.SyncRoot)
        {
            if (exchange.Engine.GetOrderGroup(exchange.Account, orderGroupId) is { IsOk: true } info) GroupsAtDelete.Add(info.Value!);
        }

        return await exchange.DeleteOrderGroupAsync(orderGroupId, cancellationToken);
    }

    public ValueTask<OrderResult> CancelAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken) => inner.CancelAsync(clientOrderId, cancellationToken);

    public ValueTask<OrderResult> AmendAsync(ClientOrderId clientOrderId, Price newOutcomePrice, Quantity newTotalCount, CancellationToken cancellationToken) =>
        inner.AmendAsync(clientOrderId, newOutcomePrice, newTotalCount, cancellationToken);

    public ValueTask RecordEvaluationAsync(StrategyEvaluation evaluation, CancellationToken cancellationToken) => inner.RecordEvaluationAsync(evaluation, cancellationToken);
}
