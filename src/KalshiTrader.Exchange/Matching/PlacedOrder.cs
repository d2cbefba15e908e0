using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// The engine's answer to a create, as a value: what <see cref="MatchingEngine.Place"/> returns so the engine call
/// allocates nothing for it. The order id string and Core's <see cref="OrderAck"/> are built only by whoever answers a
/// client (<see cref="ToAck"/>: the REST edge, <see cref="InProcessExchange"/>), outside the engine lock.
/// </summary>
public readonly struct PlacedOrder
{
    private readonly IdFormatter _orderIds;
    private readonly string? _clientOrderId;
    private readonly long _filled;
    private readonly long _remaining;
    private readonly long _cost;
    private readonly long _fees;
    private readonly long _updatedTicks;

    internal PlacedOrder(IdFormatter orderIds, in OrderData o)
    {
        _orderIds = orderIds;
        Seq = o.Seq;
        _clientOrderId = o.ClientOrderId;
        _filled = o.Filled;
        _remaining = o.Remaining;
        _cost = o.TakerCost + o.MakerCost;
        _fees = o.TakerFees + o.MakerFees;
        _updatedTicks = o.UpdatedTicks;
    }

    /// <summary>The engine's dense order number (1, 2, 3...); <see cref="OrderId"/> is its public form.</summary>
    public long Seq { get; }

    public OrderId OrderId => new(_orderIds.Format(Seq));

    public Quantity FillCount => Quantity.FromHundredths(_filled);

    public Quantity RemainingCount => Quantity.FromHundredths(_remaining);

    public OrderAck ToAck()
    {
        decimal? avgPrice = null;
        decimal? avgFee = null;
        if (_filled > 0)
        {
            var contracts = _filled / 100m;
            avgPrice = _cost / 1_000_000m / contracts;
            avgFee = _fees / 1_000_000m / contracts;
        }

        return new OrderAck(
            OrderId,
            _clientOrderId is null ? null : new ClientOrderId(_clientOrderId),
            FillCount,
            RemainingCount,
            avgPrice,
            avgFee,
            new DateTimeOffset(_updatedTicks, TimeSpan.Zero));
    }
}
