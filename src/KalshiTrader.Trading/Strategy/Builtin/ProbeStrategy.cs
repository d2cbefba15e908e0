using System.Globalization;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Trading.Strategy.Builtin;

/// <summary>
/// A harmless smoke-test strategy: on each followed market it keeps one small resting YES bid a few cents below the
/// best bid (so it rarely fills), re-placing it when it is canceled or filled. It exercises the whole order path —
/// risk, journal, exchange, reconciliation, kill — in paper mode. Not a trading idea.
/// </summary>
public sealed class ProbeStrategy(int maxMarkets, Price offset, Quantity size) : IStrategy
{
    private readonly Dictionary<string, ClientOrderIdHolder> _resting = new(StringComparer.Ordinal);

    public string Name => "probe";

    public Task StartAsync(IStrategyContext context, CancellationToken cancellationToken)
    {
        var markets = context.Catalog.Markets.Where(m => m.Status == MarketStatus.Active).OrderBy(m => m.Ticker.Value, StringComparer.Ordinal).Take(maxMarkets)
            .Select(m => m.Ticker).ToList();
        context.Follow(markets);
        context.Log.Info($"probing {markets.Count} markets", ("markets", string.Join(",", markets)));
        return Task.CompletedTask;
    }

    public ValueTask OnBookChangedAsync(MarketTicker ticker, IStrategyContext context, CancellationToken cancellationToken) =>
        EnsureRestingAsync(ticker, context, cancellationToken);

    public async ValueTask OnTimerAsync(IStrategyContext context, CancellationToken cancellationToken)
    {
        foreach (var ticker in _resting.Keys.ToList()) await EnsureRestingAsync(ticker, context, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask EnsureRestingAsync(MarketTicker ticker, IStrategyContext context, CancellationToken cancellationToken)
    {
        if (_resting.TryGetValue(ticker.Value, out var holder) && holder.Id is { } id && context.FindOrder(id) is { IsFinal: false }) return;

        // After a restart the engine hands back our open orders from the journal: adopt one instead of adding another.
        if (context.OpenOrders.FirstOrDefault(o => o.Intent.Ticker == ticker) is { } open)
        {
            _resting[ticker.Value] = new ClientOrderIdHolder(open.ClientOrderId);
            return;
        }

        _resting[ticker.Value] = new ClientOrderIdHolder(null);
        if (!context.GetBook(ticker).TryGetFresh(out var book) || book.BestYesBid is not { } bid) return;
        if (!context.Catalog.TryGetMarket(ticker, out var market)) return;
        var target = bid.Price.Ticks - offset.Ticks;
        if (target <= 0) return;
        var price = market.TickGrid.IsValid(Price.FromTicks(target)) ? Price.FromTicks(target) : Price.FromTicks(target - (target % 100));
        if (price.Ticks <= 0) return;
        var result = await context.SubmitAsync(OrderIntent.BuyYes(ticker, price, size) with { Tag = "probe" }, cancellationToken).ConfigureAwait(false);
        if (result.IsAccepted) _resting[ticker.Value] = new ClientOrderIdHolder(result.ClientOrderId);
    }

    private sealed record ClientOrderIdHolder(ClientOrderId? Id);
}

/// <summary>Config: probe.max_markets (default 3), probe.offset_cents (default 5), probe.size (default 1).</summary>
public sealed class ProbeStrategyFactory : IStrategyFactory
{
    public string Name => "probe";

    public IStrategy Create(StrategyCreation creation)
    {
        var s = creation.Section;
        var max = s.TryGetValue("max_markets", out var m) ? int.Parse(m, CultureInfo.InvariantCulture) : 3;
        var offset = s.TryGetValue("offset_cents", out var o) ? Price.FromCents(int.Parse(o, CultureInfo.InvariantCulture)) : Price.FromCents(5);
        var size = s.TryGetValue("size", out var z) ? Quantity.Parse(z, "probe.size") : Quantity.FromContracts(1);
        return new ProbeStrategy(max, offset, size);
    }
}
