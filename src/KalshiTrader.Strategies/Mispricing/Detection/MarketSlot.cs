using KalshiTrader.Core.Books;

namespace KalshiTrader.Strategies.Mispricing.Detection;

/// <summary>
/// A member market's dense index inside one <see cref="MispricingDetector"/>, with the book the detector reads for it:
/// look the ticker up once (<see cref="MispricingDetector.TryGetSlot"/>) and pass the slot on every book change, so the
/// hot path probes no dictionary and fetches no book reference of its own.
/// </summary>
public readonly record struct MarketSlot(int Index, OrderBook Book);
