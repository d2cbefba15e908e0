using System.Runtime.InteropServices;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;

namespace KalshiTrader.Exchange.Matching;

/// <summary>One account: cash, reservations, positions, orders, fills, settlements and order groups.</summary>
internal sealed class AccountState(AccountId id, string name, AccountKind kind)
{
    public AccountId Id { get; } = id;
    public string Name { get; } = name;
    public AccountKind Kind { get; } = kind;

    /// <summary>Balance step in micro-dollars: a cent for retail, $0.0001 for direct members.</summary>
    public long BalanceStep => Kind == AccountKind.Retail ? 10_000 : 100;

    public long Cash;       // available
    public long Reserved;   // held for resting buys
    public long Deposits;
    public long FeesPaid;

    public readonly Dictionary<MarketState, PositionState> Positions = new(ReferenceEqualityComparer.Instance);
    public readonly Dictionary<string, long> ByClientOrderId = new(StringComparer.Ordinal); // → order seq
    public readonly HistoryList<long> Orders = new(16_384); // order seqs, oldest first
    public readonly HistoryList<FillEntry> Fills = new(16_384);
    public readonly List<Settlement> Settlements = [];
    public readonly Dictionary<string, OrderGroupState> Groups = new(StringComparer.Ordinal);
    public readonly RestingOrderList RestingOrders = new();
    private PositionState?[] _positionByMarket = []; // Positions by MarketState.Index: the per-order lookup without hashing

    public PositionState Position(MarketState market)
    {
        var i = market.Index;
        if ((uint)i < (uint)_positionByMarket.Length && _positionByMarket[i] is { } known) return known;
        if (!Positions.TryGetValue(market, out var p))
        {
            p = new PositionState(market);
            Positions[market] = p;
        }

        if (i >= _positionByMarket.Length) Array.Resize(ref _positionByMarket, Math.Max(i + 1, _positionByMarket.Length * 2));
        _positionByMarket[i] = p;
        return p;
    }
}

/// <summary>A signed, netted position (+ YES, − NO) and what it cost.</summary>
internal sealed class PositionState(MarketState market)
{
    public MarketState Market { get; } = market;
    public long Position;      // hundredths, + YES / − NO
    public long Cost;          // micro-dollars paid for the contracts now held
    public long RealizedPnl;
    public long FeesPaid;
    public long TotalTraded;   // micro-dollars of contracts bought
    public long Volume;        // hundredths traded
    public long RestingBuyYes; // hundredths of resting orders buying YES
    public long RestingBuyNo;
    public long LastUpdatedTicks;

    /// <summary>Contracts of the other outcome held, which buying <paramref name="outcome"/> would redeem.</summary>
    public long Opposing(Outcome outcome) => outcome == Outcome.Yes ? Math.Max(0, -Position) : Math.Max(0, Position);

    public long RestingBuying(Outcome outcome) => outcome == Outcome.Yes ? RestingBuyYes : RestingBuyNo;

    public void AddResting(Outcome outcome, long delta)
    {
        if (outcome == Outcome.Yes) RestingBuyYes += delta;
        else RestingBuyNo += delta;
    }
}

/// <summary>One fill of one of the account's orders; ids are seqs (formatted when asked), so the history holds no references.</summary>
[StructLayout(LayoutKind.Auto)] // packs the int and the bool together: 56 bytes instead of 64
internal readonly record struct FillEntry(
    long TradeSeq, long OrderSeq, int YesPriceTicks, long Count, bool IsTaker, long Fee, long PostPosition, long Ticks);
