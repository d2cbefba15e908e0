using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Core.Books;

/// <summary>A price and the size resting there.</summary>
public readonly record struct PriceLevel(Price Price, Quantity Size);
