using KalshiTrader.Core.Books;
using KalshiTrader.Core.Fees;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Scenarios.Constraints;

namespace KalshiTrader.Exchange.Scenarios.Injections;

/// <summary>
/// Puts up mispriced liquidity from a dedicated account. An injection is planned on a hypothetical book (what the
/// top of book will be once the order has swept what it crosses and participants have re-quoted without crossing)
/// so that it breaks exactly the intended constraint by a clear margin after conservative fees and nothing else; it
/// is then placed as aggressive good-till-time orders and checked on the real book.
/// </summary>
internal sealed class Injector
{
    /// <summary>Edge after fees an arbitrage injection must show, per contract.</summary>
    public static readonly Money Margin = Money.FromCents(2);

    /// <summary>
    /// Whether a basket is a clear mispricing: at least <see cref="Margin"/> after fees, and a gross edge of at least
    /// 2.5× the fees (strategies commonly demand 2×, so a fee misestimate cannot flip the sign).
    /// </summary>
    public static bool Clears(Violation v) => v.EdgePerContract >= Margin && v.GrossPerContract.Micros * 2 >= v.FeesPerContract.Micros * 5;

    /// <summary>Baskets are priced at this size (conservative fees are rounded up per order, so size matters).</summary>
    public static readonly Quantity PricingSize = Quantity.FromContracts(10);

    /// <summary>What each injected order leaves resting once it has swept the better-priced liquidity.</summary>
    public static readonly Quantity RestSize = Quantity.FromContracts(25);

    private readonly MatchingEngine _engine;
    private readonly IReadOnlyList<ScenarioConstraint> _constraints;
    private int _nextId = 1;

    public Injector(MatchingEngine engine, AccountId account, IReadOnlyList<ScenarioConstraint> constraints)
    {
        _engine = engine;
        Account = account;
        _constraints = constraints;
    }

    public AccountId Account { get; }

    public Quote? LiveQuote(MarketTicker t)
    {
        if (_engine.GetBook(t, 1) is not { } snap) return null;
        var book = new OrderBook(t);
        book.ApplySnapshot(snap.YesBids.ToArray(), snap.NoBids.ToArray());
        return Quote.Of(book);
    }

    public FeeSchedule Fees(MarketTicker t) => _engine.GetFeeSchedule(t) ?? FeeSchedule.Standard;

    public TickGrid Grid(MarketTicker t) => _engine.GetMarket(t)?.TickGrid ?? TickGrid.LinearCent;

    /// <summary>A trial book: live quotes with some markets overridden by planned pushes.</summary>
    public sealed class Trial(Injector owner)
    {
        // Live quotes read once: a trial is planned under the engine lock, so the books cannot move meanwhile.
        private readonly Dictionary<MarketTicker, Quote?> _live = [];

        public Dictionary<MarketTicker, (OrderSide Side, Price Price)> Pushes { get; } = [];

        private Quote? Live(MarketTicker t)
        {
            if (!_live.TryGetValue(t, out var q)) _live[t] = q = owner.LiveQuote(t);
            return q;
        }

        public Quote? Quote(MarketTicker t)
        {
            var live = Live(t);
            if (!Pushes.TryGetValue(t, out var push)) return live;
            var grid = owner.Grid(t);
            var q = live ?? default;
            if (push.Side == OrderSide.Bid)
            {
                // The bid sweeps asks at or below it; participants then quote asks above it.
                var ask = q.Ask is { } a && a > push.Price ? q.Ask : grid.NextUp(push.Price);
                return new Quote(push.Price, RestSize, ask, q.Ask is { } a2 && a2 > push.Price ? q.AskSize : Quantity.Zero);
            }

            var bid = q.Bid is { } b && b < push.Price ? q.Bid : grid.NextDown(push.Price);
            return new Quote(bid, q.Bid is { } b2 && b2 < push.Price ? q.BidSize : Quantity.Zero, push.Price, RestSize);
        }

        public Price? Current(MarketTicker t, OrderSide side) =>
            Pushes.TryGetValue(t, out var p) && p.Side == side ? p.Price : side == OrderSide.Bid ? Live(t)?.Bid : Live(t)?.Ask;

        /// <summary>The best edge of <paramref name="constraint"/>'s baskets on this trial book (null when none can be priced).</summary>
        public Violation? Best(ScenarioConstraint constraint, string? trade = null) =>
            ConstraintMath.Baskets(constraint, Quote, owner.Fees, PricingSize)
                .Where(v => trade is null || v.Trade == trade)
                .OrderByDescending(v => v.EdgePerContract)
                .FirstOrDefault();

        /// <summary>Real constraints this trial book breaks, other than <paramref name="intended"/>.</summary>
        public List<Violation> SideEffects(ScenarioConstraint? intended) =>
            ConstraintMath.Violations(owner._constraints.Where(c => !ReferenceEquals(c, intended)), Quote, owner.Fees, PricingSize).ToList();
    }

    public Trial NewTrial() => new(this);

    /// <summary>Places a planned trial and records it, checking the real book afterwards.</summary>
    public InjectionRecord Place(InjectionKind kind, Trial trial, ScenarioConstraint measured, string? trade, bool isReal, TimeSpan lifetime, string description)
    {
        var now = _engine.Now;
        var expires = now + lifetime;
        var id = _nextId++;
        var orders = new List<OrderId>();
        var problems = new List<string>();
        var n = 0;
        foreach (var (ticker, (side, price)) in trial.Pushes.OrderBy(p => p.Key.Value, StringComparer.Ordinal))
        {
            var request = new OrderRequest
            {
                Ticker = ticker,
                Side = side,
                YesPrice = price,
                Count = SweepSize(ticker, side, price) + RestSize,
                TimeInForce = TimeInForce.GoodTillCanceled,
                Expiration = expires,
                SelfTradePrevention = SelfTradePrevention.Maker, // an older injection left resting is replaced, not a reason to stop
                ClientOrderId = new ClientOrderId($"inject-{id}-{++n}"),
            };
            var ack = _engine.Submit(Account, request);
            if (ack.IsOk) orders.Add(ack.Value!.OrderId);
            else problems.Add($"{ticker}: {ack.Error}");
        }

        var live = NewTrial();
        var seen = live.Best(measured, trade);
        var effects = isReal ? live.SideEffects(measured) : live.SideEffects(null);
        problems.AddRange(effects.Select(v => $"{v.Constraint.Kind} {string.Join(",", v.Constraint.Markets)}: {v.Trade} edge {v.EdgePerContract.ToDollarString()}"));
        var verified = seen is { } s && s.EdgePerContract.IsPositive && effects.Count == 0 && orders.Count == trial.Pushes.Count;
        return new InjectionRecord(id, kind, measured.Markets, now, expires, seen?.Size ?? Quantity.Zero, seen?.EdgePerContract ?? Money.Zero,
            description, verified, problems, orders);
    }

    /// <summary>A record for an injection that found no clean way to break its constraint on the current books.</summary>
    public InjectionRecord Failed(InjectionKind kind, IReadOnlyList<MarketTicker> markets, string why) =>
        new(_nextId++, kind, markets, _engine.Now, _engine.Now, Quantity.Zero, Money.Zero, why, false, [why], []);

    // Everything the order will trade through before it rests: asks at or below a bid, bids at or above an ask.
    private Quantity SweepSize(MarketTicker t, OrderSide side, Price price)
    {
        if (_engine.GetBook(t) is not { } book) return Quantity.Zero;
        long total = 0;
        if (side == OrderSide.Bid)
        {
            foreach (var l in book.NoBids) if (l.Price.Complement <= price) total += l.Size.Hundredths;
        }
        else
        {
            foreach (var l in book.YesBids) if (l.Price >= price) total += l.Size.Hundredths;
        }

        return Quantity.FromHundredths(total);
    }
}
