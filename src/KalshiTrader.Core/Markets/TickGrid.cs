using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Markets;

/// <summary>One band of a market's price grid: prices start + k·step within [start, end].</summary>
public readonly record struct PriceRange(Price Start, Price End, Price Step);

/// <summary>
/// The prices a market accepts, from its <c>price_ranges</c> (or a named <c>price_level_structure</c>
/// when ranges are absent). Answers is-valid, rounding toward a side, and the next tick up or down.
/// </summary>
public sealed class TickGrid
{
    private readonly PriceRange[] _ranges;

    public TickGrid(IEnumerable<PriceRange> ranges)
    {
        _ranges = ranges.OrderBy(r => r.Start.Ticks).ToArray();
        if (_ranges.Length == 0) throw new ArgumentException("a tick grid needs at least one price range", nameof(ranges));
        foreach (var r in _ranges)
        {
            if (r.Step.Ticks <= 0 || r.End < r.Start)
            {
                throw new ArgumentException($"bad price range start={r.Start} end={r.End} step={r.Step}", nameof(ranges));
            }
        }
    }

    public IReadOnlyList<PriceRange> Ranges => _ranges;

    /// <summary>$0.01 everywhere.</summary>
    public static TickGrid LinearCent { get; } = new([new PriceRange(Price.Zero, Price.One, Price.FromTicks(100))]);

    /// <summary>$0.001 everywhere.</summary>
    public static TickGrid DeciCent { get; } = new([new PriceRange(Price.Zero, Price.One, Price.FromTicks(10))]);

    /// <summary>$0.001 below $0.10 and above $0.90, $0.01 between.</summary>
    public static TickGrid TaperedDeciCent { get; } = new(
    [
        new PriceRange(Price.Zero, Price.FromTicks(1000), Price.FromTicks(10)),
        new PriceRange(Price.FromTicks(1000), Price.FromTicks(9000), Price.FromTicks(100)),
        new PriceRange(Price.FromTicks(9000), Price.One, Price.FromTicks(10)),
    ]);

    /// <summary>$0.0001 everywhere: the finest grid the type can hold.</summary>
    public static TickGrid CentiCent { get; } = new([new PriceRange(Price.Zero, Price.One, Price.FromTicks(1))]);

    /// <summary>The grid for a named structure; unknown names fall back to cents, the coarsest safe choice.</summary>
    public static TickGrid FromStructure(string? priceLevelStructure) => priceLevelStructure switch
    {
        "deci_cent" => DeciCent,
        "tapered_deci_cent" => TaperedDeciCent,
        "banded_centi_cent" => CentiCent,
        _ => LinearCent,
    };

    /// <summary>Whether <paramref name="price"/> is a tradeable price: strictly inside (0, 1) and on the grid.</summary>
    public bool IsValid(Price price)
    {
        if (price.Ticks <= 0 || price.Ticks >= Price.TicksPerDollar) return false;
        foreach (var r in _ranges)
        {
            if (price >= r.Start && price <= r.End && (price.Ticks - r.Start.Ticks) % r.Step.Ticks == 0) return true;
        }

        return false;
    }

    /// <summary>The highest tradeable grid price ≤ <paramref name="price"/>, or null when there is none.</summary>
    public Price? RoundDown(Price price)
    {
        var capped = price.Ticks >= Price.TicksPerDollar ? Price.FromTicks(Price.TicksPerDollar - 1) : price;
        return FloorInRanges(capped) is { Ticks: > 0 } c ? c : null;
    }

    /// <summary>The lowest tradeable grid price ≥ <paramref name="price"/>, or null when there is none.</summary>
    public Price? RoundUp(Price price)
    {
        var floored = price.Ticks <= 0 ? Price.FromTicks(1) : price;
        return CeilingInRanges(floored) is { Ticks: < Price.TicksPerDollar } c ? c : null;
    }

    /// <summary>Round toward the side that is never worse for the trader: bids down, asks up.</summary>
    public Price? RoundToward(Price price, OrderSide side) => side == OrderSide.Bid ? RoundDown(price) : RoundUp(price);

    /// <summary>The next grid price strictly above <paramref name="price"/>.</summary>
    public Price? NextUp(Price price) => price.Ticks >= Price.TicksPerDollar - 1 ? null : RoundUp(Price.FromTicks(price.Ticks + 1));

    /// <summary>The next grid price strictly below <paramref name="price"/>.</summary>
    public Price? NextDown(Price price) => price.Ticks <= 1 ? null : RoundDown(Price.FromTicks(price.Ticks - 1));

    private Price? FloorInRanges(Price p)
    {
        Price? best = null;
        foreach (var r in _ranges)
        {
            if (p < r.Start) continue;
            var capped = p > r.End ? r.End : p;
            var k = (capped.Ticks - r.Start.Ticks) / r.Step.Ticks;
            var candidate = Price.FromTicks(r.Start.Ticks + (k * r.Step.Ticks));
            if (best is null || candidate > best.Value) best = candidate;
        }

        return best;
    }

    private Price? CeilingInRanges(Price p)
    {
        Price? best = null;
        foreach (var r in _ranges)
        {
            if (p > r.End) continue;
            var from = p < r.Start ? r.Start : p;
            var k = (from.Ticks - r.Start.Ticks + r.Step.Ticks - 1) / r.Step.Ticks;
            var t = r.Start.Ticks + (k * r.Step.Ticks);
            if (t > r.End.Ticks) continue;
            var candidate = Price.FromTicks(t);
            if (best is null || candidate < best.Value) best = candidate;
        }

        return best;
    }
}
