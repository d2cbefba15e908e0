using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Strategies.Mispricing.Detection;

/// <summary>
/// An exclusive set's executable sums, reported whether or not anything trades. A market without a YES bid
/// adds $0 to <see cref="SumYesBid"/>; one without a YES ask adds $1 to <see cref="SumYesAsk"/> (nothing to buy below certainty).
/// </summary>
public sealed record ExclusiveSetSums(
    string RelationshipId,
    IReadOnlyList<EventTicker> Events,
    bool Exclusive,
    bool Exhaustive,
    Money SumYesBid,
    Money SumYesAsk,
    int Markets,
    int MissingBids,
    int MissingAsks,
    bool BooksValid);
