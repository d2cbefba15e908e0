using KalshiTrader.Core.Books;
using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Strategies.Tests.Support;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Strategies.Tests.Mispricing.Execution.Support;

/// <summary>
/// A hand-written engine stand-in: a catalog, books with an explicit state, and an IOC-only matcher that takes
/// liquidity from the books (so a second attempt sees what the first one left). Tests script trouble with
/// <see cref="FillCaps"/> (a queue of "fill at most" caps per market, as if someone else got there first).
/// </summary>
internal sealed class FakeStrategyContext : IStrategyContext
{
    private readonly Dictionary<string, StrategyOrder> _orders = new(StringComparer.Ordinal);
    private int _seq;

    public FakeStrategyContext(IReadOnlyList<Event> events, DateTimeOffset now)
    {
        Time = new ManualTime(now);
        _catalog = new FakeCatalog(events);
    }

    private readonly FakeCatalog _catalog;

    /// <summary>A real store when a test wants relationships read and written; null like the default context.</summary>
    public KalshiTrader.Storage.IKalshiStore? Store { get; set; }

    /// <summary>Replaces a market's metadata in the catalog (rules text, strikes, close time, status), as a catalog refresh would.</summary>
    public void ChangeMarket(Market market) => _catalog.Replace(market);

    public ManualTime Time { get; }
    public OrderBookSet Books { get; } = new();
    public Dictionary<string, BookState> States { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Queue<Quantity>> FillCaps { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Quantity> Positions { get; } = new(StringComparer.Ordinal);
    public List<OrderIntent> Submitted { get; } = [];
    public List<StrategyEvaluation> Evaluations { get; } = [];
    public List<string> Followed { get; } = [];
    public List<string> LogLines { get; } = [];

    /// <summary>Order groups created (id, contracts limit) and deleted; set <see cref="RefuseGroups"/> to act as a venue without groups.</summary>
    public List<(string Id, Quantity Limit)> Groups { get; } = [];
    public List<string> DeletedGroups { get; } = [];
    public bool RefuseGroups { get; set; }

    public string StrategyName => "mispricing";
    public EngineMode Mode => EngineMode.Paper;
    public TimeProvider Clock => Time;
    public DateTimeOffset Now => Time.Now;
    public IMarketCatalog Catalog => _catalog;
    public IPortfolioView Portfolio => new FakePortfolio(this);
    public IReadOnlyList<StrategyOrder> OpenOrders => [];
    public IStrategyLog Log => new ListLog(LogLines);

    public Quantity PositionOf(MarketTicker t) => Positions.GetValueOrDefault(t.Value);

    public void Follow(IReadOnlyCollection<MarketTicker> tickers) => Followed.AddRange(tickers.Select(t => t.Value));

    public BookRead GetBook(MarketTicker ticker)
    {
        if (!Books.TryGet(ticker, out var book)) return new BookRead(null, BookState.Missing, null, "no book");
        var state = States.GetValueOrDefault(ticker.Value, BookState.Fresh);
        return new BookRead(book, state, TimeSpan.Zero, state == BookState.Fresh ? null : $"test set {state}");
    }

    public StrategyOrder? FindOrder(ClientOrderId clientOrderId) => _orders.GetValueOrDefault(clientOrderId.Value);

    public ValueTask<OrderResult> SubmitAsync(OrderIntent intent, CancellationToken cancellationToken)
    {
        Submitted.Add(intent);
        var id = new ClientOrderId($"mispricing-{++_seq}");
        if (intent.TimeInForce != TimeInForce.ImmediateOrCancel) throw new InvalidOperationException("the mispricing strategy only sends IOC orders");
        var book = Books.GetOrAdd(intent.Ticker);
        var walk = book.WalkBuy(intent.Buy, intent.Count, intent.LimitPrice);
        var fill = walk.Filled;
        if (FillCaps.TryGetValue(intent.Ticker.Value, out var caps) && caps.Count > 0) fill = Quantity.Min(fill, caps.Dequeue());
        var cost = Take(book, intent.Buy, fill);
        var signed = intent.Buy == Outcome.Yes ? fill : -fill;
        Positions[intent.Ticker.Value] = Positions.GetValueOrDefault(intent.Ticker.Value) + signed;
        _orders[id.Value] = new StrategyOrder
        {
            ClientOrderId = id,
            Strategy = StrategyName,
            Intent = intent,
            State = fill == intent.Count ? OrderState.Filled : OrderState.Canceled,
            FilledCount = fill,
            RemainingCount = Quantity.Zero,
            FillCost = cost,
            Fees = fill.IsPositive ? FeeModel.TakerFee(Price.FromTicks((int)(cost.Micros / fill.Hundredths)), fill, FeeSchedule.Standard) : Money.Zero,
        };
        return ValueTask.FromResult(new OrderResult { Status = OrderResultStatus.Accepted, ClientOrderId = id, FilledCount = fill, RemainingCount = Quantity.Zero });
    }

    // Buying an outcome lifts the other outcome's bids (best first): remove what was taken.
    private static Money Take(OrderBook book, Outcome buy, Quantity fill)
    {
        var left = fill.Hundredths;
        var cost = Money.Zero;
        var other = buy.Opposite();
        while (left > 0 && book.BestBid(other) is { } level)
        {
            var take = Math.Min(left, level.Size.Hundredths);
            book.ApplyDelta(other, level.Price, Quantity.FromHundredths(-take));
            cost += level.Price.Complement.Times(Quantity.FromHundredths(take));
            left -= take;
        }

        return cost;
    }

    public ValueTask<ExchangeResult<string>> CreateOrderGroupAsync(Quantity contractsLimit, CancellationToken cancellationToken)
    {
        if (RefuseGroups) return ValueTask.FromResult(ExchangeResult<string>.Fail(new ExchangeError(ExchangeErrorKind.Refused, "order groups are not supported by this venue")));
        var id = $"group-{Groups.Count + 1}";
        Groups.Add((id, contractsLimit));
        return ValueTask.FromResult(ExchangeResult<string>.Ok(id));
    }

    public ValueTask<ExchangeResult<bool>> DeleteOrderGroupAsync(string orderGroupId, CancellationToken cancellationToken)
    {
        DeletedGroups.Add(orderGroupId);
        return ValueTask.FromResult(ExchangeResult<bool>.Ok(true));
    }

    public ValueTask<OrderResult> CancelAsync(ClientOrderId clientOrderId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new OrderResult { Status = OrderResultStatus.Failed, Message = "IOC only" });

    public ValueTask<OrderResult> AmendAsync(ClientOrderId clientOrderId, Price newOutcomePrice, Quantity newTotalCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new OrderResult { Status = OrderResultStatus.Failed, Message = "IOC only" });

    public ValueTask RecordEvaluationAsync(StrategyEvaluation evaluation, CancellationToken cancellationToken)
    {
        Evaluations.Add(evaluation);
        return ValueTask.CompletedTask;
    }

    private sealed class ListLog(List<string> lines) : IStrategyLog
    {
        public void Info(string message, params (string Key, object? Value)[] fields) => lines.Add("info " + message);

        public void Warn(string message, params (string Key, object? Value)[] fields) => lines.Add("warn " + message);

        public void Error(string message, params (string Key, object? Value)[] fields) => lines.Add("error " + message);
    }

    private sealed class FakePortfolio(FakeStrategyContext ctx) : IPortfolioView
    {
        public Money AvailableCash => Money.FromCents(100_000);
        public Money PortfolioValue => AvailableCash;
        public Quantity PositionOf(MarketTicker ticker) => ctx.PositionOf(ticker);

        public IReadOnlyCollection<MarketPosition> Positions =>
            ctx.Positions.Where(p => !p.Value.IsZero).Select(p => new MarketPosition { Ticker = p.Key, Position = p.Value }).ToList();

        public Money ExposureOf(EventTicker eventTicker) => Money.Zero;
        public Money RealizedPnlToday => Money.Zero;
        public Money UnrealizedPnl => Money.Zero;

        public bool IsMarketBlocked(MarketTicker ticker, out string? reason)
        {
            reason = null;
            return false;
        }
    }

    private sealed class FakeCatalog(IReadOnlyList<Event> initial) : IMarketCatalog
    {
        private readonly List<Event> _events = [.. initial];
        private readonly Dictionary<string, Market> _markets = initial.SelectMany(e => e.Markets).ToDictionary(m => m.Ticker.Value, StringComparer.Ordinal);

        public void Replace(Market market)
        {
            _markets[market.Ticker.Value] = market;
            var i = _events.FindIndex(e => e.Ticker == market.EventTicker);
            _events[i] = _events[i] with { Markets = _events[i].Markets.Select(m => m.Ticker == market.Ticker ? market : m).ToList() };
        }

        public IReadOnlyCollection<Market> Markets => _markets.Values;
        public IReadOnlyCollection<Event> Events => _events;

        public bool TryGetMarket(MarketTicker ticker, out Market market) => _markets.TryGetValue(ticker.Value, out market!);

        public bool TryGetEvent(EventTicker ticker, out Event @event)
        {
            @event = _events.FirstOrDefault(e => e.Ticker == ticker)!;
            return @event is not null;
        }

        public bool TryGetSeries(SeriesTicker ticker, out Series series)
        {
            series = null!;
            return false;
        }

        public IReadOnlyList<Market> MarketsOf(EventTicker eventTicker) => _events.Where(e => e.Ticker == eventTicker).SelectMany(e => e.Markets).ToList();

        public FeeSchedule FeesFor(MarketTicker ticker) => FeeSchedule.Standard;
    }
}
