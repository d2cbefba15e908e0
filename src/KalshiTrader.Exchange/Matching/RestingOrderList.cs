using System.Collections;

namespace KalshiTrader.Exchange.Matching;

/// <summary>
/// An account's resting orders, linked through the orders themselves (<see cref="EngineOrder.AccountPrev"/>/
/// <see cref="EngineOrder.AccountNext"/>): resting and leaving the book cost two pointer updates, with no hashing and no
/// allocation. Enumerates oldest first.
/// </summary>
internal sealed class RestingOrderList : IEnumerable<EngineOrder>
{
    private EngineOrder? _head;
    private EngineOrder? _tail;

    public int Count { get; private set; }

    public void Add(EngineOrder order)
    {
        order.AccountPrev = _tail;
        order.AccountNext = null;
        if (_tail is null) _head = order;
        else _tail.AccountNext = order;
        _tail = order;
        Count++;
    }

    public void Remove(EngineOrder order)
    {
        if (order.AccountPrev is null) _head = order.AccountNext;
        else order.AccountPrev.AccountNext = order.AccountNext;
        if (order.AccountNext is null) _tail = order.AccountPrev;
        else order.AccountNext.AccountPrev = order.AccountPrev;
        order.AccountPrev = null;
        order.AccountNext = null;
        Count--;
    }

    public IEnumerator<EngineOrder> GetEnumerator()
    {
        for (var o = _head; o is not null; o = o.AccountNext) yield return o;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
