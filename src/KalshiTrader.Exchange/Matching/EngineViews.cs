using KalshiTrader.Core.Books;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Exchange.Matching;

/// <summary>A market's book as Kalshi publishes it: YES bids in YES price and NO bids in NO price, each ascending (best last).</summary>
public sealed record BookSnapshot(MarketTicker Ticker, IReadOnlyList<PriceLevel> YesBids, IReadOnlyList<PriceLevel> NoBids, DateTimeOffset Time);

/// <summary>An account's cash and activity in one view (the admin API and tests read this).</summary>
public sealed record AccountSummary(
    AccountId Id, string Name, AccountKind Kind, Money Available, Money Reserved, Money Deposits, Money FeesPaid, int RestingOrders);

/// <summary>
/// The exchange's books balanced: every dollar deposited is available cash, held for resting orders, collected as a
/// fee or rounding fee, or locked as collateral ($1 per outstanding YES/NO pair). <see cref="Unaccounted"/> is zero.
/// </summary>
public sealed record EngineLedger(
    Money Deposits, Money Available, Money Reserved, Money FeesCollected, Money RoundingFees, Money Collateral, Money SettlementPaid)
{
    public Money Unaccounted => Deposits - (Available + Reserved + FeesCollected + RoundingFees + Collateral);
}
