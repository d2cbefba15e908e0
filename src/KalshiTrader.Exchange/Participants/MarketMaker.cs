using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Exchange.Matching;
using KalshiTrader.Exchange.Scenarios;

namespace KalshiTrader.Exchange.Participants;

/// <summary>
/// Keeps a two-sided book on every active market: a post-only bid below and ask above the scenario's fair value, on
/// the market's tick grid. Inventory widens the side that would add to it (long YES → lower bid), so the quote never
/// crosses fair and never makes linked markets look mispriced after fees. Quotes never cross the book: a price that
/// would is pulled back to one tick behind the other side.
/// </summary>
public sealed class MarketMaker
{
    private readonly MatchingEngine _engine;
    private readonly IScenario _scenario;
    private readonly ParticipantOptions _options;
    private readonly double _spreadFactor;
    private readonly Dictionary<MarketTicker, Quoted> _quotes = [];
    private readonly Dictionary<MarketTicker, TickGrid> _grids = [];
    private int _nextClientId;

    public MarketMaker(MatchingEngine engine, IScenario scenario, ParticipantOptions options, int index)
    {
        _engine = engine;
        _scenario = scenario;
        _options = options;
        _spreadFactor = 1 + (0.4 * index); // makers differ, so the book has depth beyond the top level
        Name = $"maker-{index + 1}";
        lock (engine.SyncRoot) Account = engine.CreateAccount(Name, options.MakerDeposit, AccountKind.DirectMember);
    }

    public string Name { get; }

    public AccountId Account { get; }

    /// <summary>Re-quotes every market whose target prices moved or whose orders traded away. Call under the engine lock.</summary>
    public void Step()
    {
        var positions = _engine.GetPositions(Account).ToDictionary(p => p.Ticker, p => p.Position.Hundredths);
        foreach (var ticker in _scenario.Markets)
        {
            if (_scenario.FairValue(ticker) is not { } fair) continue;
            var market = _engine.GetMarket(ticker);
            if (market is null || market.Status != MarketStatus.Active)
            {
                _quotes.Remove(ticker);
                continue;
            }

            if (!_grids.TryGetValue(ticker, out var grid)) _grids[ticker] = grid = market.TickGrid;
            var (bid, ask, half) = Targets(fair, positions.GetValueOrDefault(ticker) / (double)Quantity.HundredthsPerContract, grid);
            if (_quotes.TryGetValue(ticker, out var q) && CloseEnough(q, bid, ask, fair, half) && StillResting(q.BidId) && StillResting(q.AskId)) continue;
            Requote(ticker, grid, bid, ask, q);
        }
    }

    // Hysteresis: a quote stays while it still brackets fair and sits within half a half-spread of its target, so
    // small model moves do not churn the book (and the engine lock) every step.
    private static bool CloseEnough(Quoted q, Price? bid, Price? ask, double fair, double half)
    {
        static bool Near(Price? a, Price? b, double tolerance) =>
            a is null && b is null || a is { } x && b is { } y && Math.Abs(x.Ticks - y.Ticks) <= tolerance * Price.TicksPerDollar;
        return Near(q.Bid, bid, half / 2) && Near(q.Ask, ask, half / 2)
               && (q.PlacedBid is not { } pb || (double)pb.Dollars <= fair || q.PlacedBid == q.MinBid)
               && (q.PlacedAsk is not { } pa || (double)pa.Dollars >= fair || q.PlacedAsk == q.MaxAsk);
    }

    private (Price? Bid, Price? Ask, double Half) Targets(double fair, double inventory, TickGrid grid)
    {
        var half = Math.Max(0.001, _options.HalfSpread * _spreadFactor * 2 * Math.Sqrt(fair * (1 - fair)));
        var skew = Math.Min(_options.MaxSkew, Math.Abs(inventory) * _options.SkewPerContract);
        var bidTarget = fair - half - (inventory > 0 ? skew : 0);
        var askTarget = fair + half + (inventory < 0 ? skew : 0);
        var bid = grid.RoundDown(Price.FromTicks(Math.Clamp((int)Math.Floor(bidTarget * Price.TicksPerDollar), 0, Price.TicksPerDollar)))
                  ?? grid.RoundUp(Price.FromTicks(1));
        var ask = grid.RoundUp(Price.FromTicks(Math.Clamp((int)Math.Ceiling(askTarget * Price.TicksPerDollar), 0, Price.TicksPerDollar)))
                  ?? grid.RoundDown(Price.FromTicks(Price.TicksPerDollar - 1));
        return (bid, ask, half);
    }

    private void Requote(MarketTicker ticker, TickGrid grid, Price? bid, Price? ask, Quoted? old)
    {
        if (old is not null)
        {
            if (old.BidId is { } b) _engine.Cancel(Account, b);
            if (old.AskId is { } a) _engine.Cancel(Account, a);
        }

        // Others' best prices, now that ours are gone: never cross them.
        var book = _engine.GetBook(ticker, 1);
        var othersAsk = book is { NoBids.Count: > 0 } ? book.NoBids[^1].Price.Complement : (Price?)null;
        var othersBid = book is { YesBids.Count: > 0 } ? book.YesBids[^1].Price : (Price?)null;
        var placedBid = bid;
        var placedAsk = ask;
        if (placedBid is { } pb && othersAsk is { } oa && pb >= oa) placedBid = grid.NextDown(oa);
        if (placedAsk is { } pa && othersBid is { } ob && pa <= ob) placedAsk = grid.NextUp(ob);
        if (placedBid is { } x && placedAsk is { } y && x >= y) placedAsk = grid.NextUp(x);

        var bidId = placedBid is { } bp ? Place(ticker, OrderSide.Bid, bp) : null;
        var askId = placedAsk is { } ap ? Place(ticker, OrderSide.Ask, ap) : null;
        // Remember the targets (not the clamped prices), so a clamp is retried only when the target or the book moves.
        _quotes[ticker] = new Quoted(bid, ask, bidId, askId, bidId is null ? null : placedBid, askId is null ? null : placedAsk,
            grid.RoundUp(Price.FromTicks(1)), grid.RoundDown(Price.FromTicks(Price.TicksPerDollar - 1)));
    }

    private OrderId? Place(MarketTicker ticker, OrderSide side, Price yesPrice)
    {
        var placed = _engine.Place(Account, new OrderRequest
        {
            Ticker = ticker,
            Side = side,
            YesPrice = yesPrice,
            Count = _options.QuoteSize,
            PostOnly = true,
            ClientOrderId = new ClientOrderId($"{Name}-{++_nextClientId}"),
        });
        return placed.IsOk && placed.Value.RemainingCount.IsPositive ? placed.Value.OrderId : null;
    }

    private bool StillResting(OrderId? id) => id is { } x && _engine.GetOrder(Account, x) is { Status: OrderStatus.Resting };

    private sealed record Quoted(Price? Bid, Price? Ask, OrderId? BidId, OrderId? AskId, Price? PlacedBid, Price? PlacedAsk, Price? MinBid, Price? MaxAsk);
}
