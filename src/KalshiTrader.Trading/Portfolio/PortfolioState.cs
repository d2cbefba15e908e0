using KalshiTrader.Core.Books;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Trading.Orders;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Portfolio;

/// <summary>
/// Positions, cash, reserved collateral, fees and P&amp;L. Fills move it between reconciliations; reconciliation
/// sets it to the exchange's numbers (the exchange is the truth) and reports every difference.
/// Loop-only, like everything the engine owns.
/// </summary>
internal sealed class PortfolioState : IPortfolioView
{
    private readonly Dictionary<string, PositionBook> _positions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _blocked = new(StringComparer.Ordinal);
    private readonly IMarketCatalog _catalog;
    private readonly OrderManager _orders;
    private readonly OrderBookSet _books;
    private readonly TimeProvider _clock;
    private readonly TimeZoneInfo _tradingDayZone;
    private DateOnly _tradingDay;
    private DateTimeOffset _lastReconciled = DateTimeOffset.MinValue;

    public PortfolioState(IMarketCatalog catalog, OrderManager orders, OrderBookSet books, TimeProvider clock, TimeZoneInfo tradingDayZone)
    {
        _catalog = catalog;
        _orders = orders;
        _books = books;
        _clock = clock;
        _tradingDayZone = tradingDayZone;
        _tradingDay = Today();
    }

    /// <summary>The exchange's balance (cash not committed to resting orders), adjusted by fills since the last reconciliation.</summary>
    public Money Cash { get; private set; }

    /// <summary>The exchange's portfolio value at the last reconciliation.</summary>
    public Money ExchangePortfolioValue { get; private set; }
    public Money FeesPaid { get; private set; }
    public Money RealizedToday { get; private set; }
    public bool HasBalance { get; private set; }

    public Money AvailableCash => Cash - PendingReservation();

    public Money PortfolioValue => Cash + _positions.Values.Aggregate(Money.Zero, (sum, p) => sum + (Mark(p) ?? p.Cost));

    public Money RealizedPnlToday
    {
        get
        {
            RollDay();
            return RealizedToday;
        }
    }

    public Money UnrealizedPnl => _positions.Values.Aggregate(Money.Zero, (sum, p) => sum + ((Mark(p) ?? p.Cost) - p.Cost));

    /// <summary>Realized today plus unrealized now: what the daily loss limit watches.</summary>
    public Money DailyPnl => RealizedPnlToday + UnrealizedPnl;

    public IReadOnlyCollection<MarketPosition> Positions => _positions.Values
        .Where(p => !p.Position.IsZero)
        .Select(p => new MarketPosition { Ticker = p.Ticker, Position = p.Position, MarketExposure = p.Cost, RealizedPnl = p.Realized, FeesPaid = p.Fees })
        .ToList();

    public Quantity PositionOf(MarketTicker ticker) => _positions.TryGetValue(ticker.Value, out var p) ? p.Position : Quantity.Zero;

    public Money CostOf(MarketTicker ticker) => _positions.TryGetValue(ticker.Value, out var p) ? p.Cost : Money.Zero;

    public Money ExposureOf(EventTicker eventTicker)
    {
        var total = Money.Zero;
        foreach (var p in _positions.Values)
        {
            if (EventOf(p.Ticker) == eventTicker) total += p.Cost;
        }

        foreach (var o in _orders.Open)
        {
            if (EventOf(o.Intent.Ticker) == eventTicker) total += o.Intent.LimitPrice.Times(o.Remaining);
        }

        return total;
    }

    /// <summary>Σ |position| plus open buy counts over the event's markets.</summary>
    public Quantity EventGross(EventTicker eventTicker)
    {
        var total = Quantity.Zero;
        foreach (var p in _positions.Values)
        {
            if (EventOf(p.Ticker) == eventTicker) total += p.Position.Abs;
        }

        foreach (var o in _orders.Open)
        {
            if (EventOf(o.Intent.Ticker) == eventTicker) total += o.Remaining;
        }

        return total;
    }

    public bool IsMarketBlocked(MarketTicker ticker, out string? reason)
    {
        if (_orders.IsBlocked(ticker, out reason)) return true;
        return _blocked.TryGetValue(ticker.Value, out reason);
    }

    public IReadOnlyDictionary<string, string> BlockedByReconciliation => _blocked;

    /// <summary>Applies one of our fills. Returns the realized P&amp;L it produced.</summary>
    public Money ApplyFill(Fill fill)
    {
        RollDay();
        var book = GetOrAdd(fill.Ticker);
        var (cash, realized) = book.Apply(fill);
        Cash += cash;
        FeesPaid += fill.Fee;
        RealizedToday += realized;
        return realized;
    }

    /// <summary>
    /// Sets positions and cash to the exchange's. Every market whose position differs is reported and blocked until
    /// a later reconciliation agrees; markets that agree now are unblocked.
    /// </summary>
    public IReadOnlyList<PositionMismatch> Reconcile(IReadOnlyList<MarketPosition> exchangePositions, Balance balance)
    {
        var mismatches = new List<PositionMismatch>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ex in exchangePositions)
        {
            seen.Add(ex.Ticker.Value);
            var book = GetOrAdd(ex.Ticker);
            if (book.Position != ex.Position)
            {
                mismatches.Add(new PositionMismatch(ex.Ticker, book.Position, ex.Position));
                book.Position = ex.Position;
                book.Cost = ex.MarketExposure;
            }
            else if (ex.MarketExposure.IsPositive || ex.Position.IsZero)
            {
                book.Cost = ex.Position.IsZero ? Money.Zero : ex.MarketExposure;
            }
        }

        foreach (var book in _positions.Values)
        {
            if (seen.Contains(book.Ticker.Value) || book.Position.IsZero) continue;
            mismatches.Add(new PositionMismatch(book.Ticker, book.Position, Quantity.Zero));
            book.Position = Quantity.Zero;
            book.Cost = Money.Zero;
        }

        var mismatched = mismatches.Select(m => m.Ticker.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var t in _blocked.Keys.ToList())
        {
            if (!mismatched.Contains(t)) _blocked.Remove(t);
        }

        foreach (var m in mismatches) _blocked[m.Ticker.Value] = $"position mismatch: engine had {m.Engine}, exchange has {m.Exchange}";

        Cash = balance.Available;
        _lastReconciled = _clock.GetUtcNow();
        ExchangePortfolioValue = balance.PortfolioValue;
        HasBalance = true;
        return mismatches;
    }

    /// <summary>
    /// Cash our open buys will take that the last reconciled balance does not show yet: orders placed since then
    /// (the exchange reserves for resting buys). Fills of older resting orders are charged again by
    /// <see cref="ApplyFill"/>, which only errs low (safe) until the next reconciliation.
    /// </summary>
    private Money PendingReservation()
    {
        var total = Money.Zero;
        foreach (var o in _orders.Open)
        {
            if (o.State is OrderState.Pending or OrderState.Unknown || o.Created >= _lastReconciled)
            {
                total += o.Intent.LimitPrice.Times(o.Remaining) + FeeModel.ConservativeOrderFee(o.Intent.LimitPrice, o.Remaining, _catalog.FeesFor(o.Intent.Ticker));
            }
        }

        return total;
    }

    private Money? Mark(PositionBook p)
    {
        if (p.Position.IsZero) return Money.Zero;
        if (!_books.TryGet(p.Ticker, out var book) || !book.IsValid) return null;
        var heldSide = p.Position.IsPositive ? Outcome.Yes : Outcome.No;
        return p.MarkValue(book.BestBid(heldSide)?.Price); // no bid: no price to mark at, so the position stays at cost
    }

    private EventTicker? EventOf(MarketTicker ticker) => _catalog.TryGetMarket(ticker, out var m) ? m.EventTicker : default(EventTicker?);

    private PositionBook GetOrAdd(MarketTicker ticker)
    {
        if (!_positions.TryGetValue(ticker.Value, out var book))
        {
            book = new PositionBook(ticker);
            _positions[ticker.Value] = book;
        }

        return book;
    }

    private DateOnly Today() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_clock.GetUtcNow(), _tradingDayZone).DateTime);

    private void RollDay()
    {
        var today = Today();
        if (today == _tradingDay) return;
        _tradingDay = today;
        RealizedToday = Money.Zero;
    }
}

/// <summary>A market where the engine's position differed from the exchange's.</summary>
internal sealed record PositionMismatch(MarketTicker Ticker, Quantity Engine, Quantity Exchange);
