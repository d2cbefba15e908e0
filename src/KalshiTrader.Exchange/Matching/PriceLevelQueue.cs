namespace KalshiTrader.Exchange.Matching;

/// <summary>The orders resting at one price, oldest first, and their total remaining count.</summary>
internal sealed class PriceLevelQueue
{
    public int Ticks;
    public long Total;
    public EngineOrder? Head;
    public EngineOrder? Tail;

    public void Append(EngineOrder order)
    {
        order.Level = this;
        order.Next = null;
        order.Prev = Tail;
        if (Tail is null) Head = order;
        else Tail.Next = order;
        Tail = order;
        Total += order.Remaining;
    }

    /// <summary>Unlinks the order; the caller removes the level from its ladder when it becomes empty.</summary>
    public void Remove(EngineOrder order)
    {
        if (order.Prev is null) Head = order.Next;
        else order.Prev.Next = order.Next;
        if (order.Next is null) Tail = order.Prev;
        else order.Next.Prev = order.Prev;
        Total -= order.Remaining;
        order.Prev = null;
        order.Next = null;
        order.Level = null;
    }

    public bool IsEmpty => Head is null;
}
