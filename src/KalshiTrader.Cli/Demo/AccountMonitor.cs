using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Kalshi.Http;

namespace KalshiTrader.Cli.Demo;

/// <summary>
/// Reads the demo account's balance and positions over REST about once a second, for the live view: cash change,
/// realized P&amp;L as the exchange reports it, and equity with positions marked at their best bids.
/// </summary>
internal sealed class AccountMonitor(KalshiRestClient client, Money startingBalance, TimeProvider time)
{
    private readonly Lock _gate = new();
    private Money _cash;
    private Money _realized;
    private Money _marked;

    public (Money CashChange, Money Realized, Money Marked) Latest
    {
        get { lock (_gate) return (_cash, _realized, _marked); }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromSeconds(1), time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (KalshiApiException)
            {
                // The view shows the last good numbers; the report reads the account again at the end.
            }
        }
    }

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var balance = await client.GetBalanceAsync(cancellationToken).ConfigureAwait(false);
        var positions = await client.GetPositionsAsync(new PositionQuery(), cancellationToken).ConfigureAwait(false);
        var realized = positions.Markets.Aggregate(Money.Zero, (sum, p) => sum + p.RealizedPnl);
        var reserved = await ReservedAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _cash = balance.Available + reserved - startingBalance;
            _realized = realized;
            _marked = balance.Available + reserved + balance.PortfolioValue - startingBalance;
        }
    }

    // Available cash excludes what resting buys hold; add it back so placing an order does not look like a loss.
    private async Task<Money> ReservedAsync(CancellationToken cancellationToken)
    {
        var reserved = Money.Zero;
        await foreach (var o in client.GetOrdersAsync(new OrderListQuery { Status = OrderStatus.Resting }, cancellationToken).ConfigureAwait(false))
        {
            var price = o.Side == OrderSide.Bid ? o.YesPrice : o.YesPrice.Complement;
            reserved += price.Times(o.RemainingCount);
        }

        return reserved;
    }
}
