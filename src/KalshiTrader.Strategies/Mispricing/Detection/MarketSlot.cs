namespace KalshiTrader.Strategies.Mispricing.Detection;

/// <summary>
/// A member market's dense index inside one <see cref="MispricingDetector"/>: look the ticker up once
/// (<see cref="MispricingDetector.TryGetSlot"/>) and pass the slot on every book change, so the hot path probes no
/// dictionary.
/// </summary>
public readonly record struct MarketSlot(int Index);
