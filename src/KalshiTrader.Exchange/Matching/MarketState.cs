using System.Runtime.InteropServices;
using KalshiTrader.Core.Markets;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Exchange.Matching;

/// <summary>One market inside the engine: its reference data, status, book and running statistics.</summary>
internal sealed class MarketState
{
    public MarketState(Market definition, EventState ev, FeeCalculator fees)
    {
        Definition = definition;
        Event = ev;
        Fees = fees;
        Grid = definition.TickGrid;
        Status = definition.Status;
        CloseTicks = definition.CloseTime?.UtcTicks;
        OpenTicks = definition.OpenTime?.UtcTicks;
    }

    /// <summary>The market's place in the engine's list of markets (the order history refers to markets by it).</summary>
    public int Index { get; init; }

    public Market Definition { get; set; }
    public EventState Event { get; }
    public FeeCalculator Fees { get; set; }
    public TickGrid Grid { get; }
    public MarketTicker Ticker => Definition.Ticker;

    public MarketStatus Status;
    public MarketResult Result;
    public Price? SettlementValue;
    public long? OpenTicks;
    public long? CloseTicks;
    public long? DeterminedTicks;
    public long? SettledTicks;

    public readonly OrderLadder YesBids = new();
    public readonly OrderLadder NoBids = new();

    public long Volume;          // hundredths traded
    public long OpenInterest;    // hundredths of YES outstanding (= NO outstanding)
    public int? LastYesTicks;
    public long LastTradeSize;
    public long DollarVolumeMicros;
    public readonly HistoryList<TradeEntry> Trades = new();

    // For ticker publication: what the last published top of book was.
    public bool Touched;
    public TickerSnapshot? LastPublishedTop;

    public OrderLadder Ladder(Outcome outcome) => outcome == Outcome.Yes ? YesBids : NoBids;
}

/// <summary>One public trade, stored compactly (the id is formatted from the seq); the public record is built on demand.</summary>
[StructLayout(LayoutKind.Auto)] // packs the two ints together: 32 bytes instead of 40
internal readonly record struct TradeEntry(long Seq, int YesPriceTicks, long Count, Outcome TakerOutcome, long Ticks);

/// <summary>An event and the markets under it.</summary>
internal sealed class EventState(Event definition)
{
    public Event Definition { get; set; } = definition;
    public List<MarketState> Markets { get; } = [];
}
