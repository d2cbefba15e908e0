using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;

namespace KalshiTrader.Exchange.Matching;

/// <summary>An order group as the account sees it.</summary>
public sealed record OrderGroupInfo(string Id, Quantity ContractsLimit, bool IsTriggered, Quantity MatchedInWindow, IReadOnlyList<string> OrderIds);

public sealed partial class MatchingEngine
{
    /// <summary>Creates an order group whose orders may match at most <paramref name="contractsLimit"/> per rolling 15 s.</summary>
    public ExchangeResult<string> CreateOrderGroup(AccountId account, Quantity contractsLimit)
    {
        Begin();
        if (!TryAccount(account, out var a)) return EngineErrors.AccountNotFound(account);
        if (!contractsLimit.IsPositive) return EngineErrors.BadRequest("contracts_limit must be positive");
        if (a.Groups.Count >= _options.MaxOrderGroupsPerAccount) return EngineErrors.BadRequest("order group limit reached", "too_many_order_groups");
        var seq = _nextGroupSeq++;
        var g = new OrderGroupState(seq, _groupIds.Format(seq), a, contractsLimit.Hundredths);
        a.Groups[g.Id] = g;
        _groups[seq] = g;
        if (_publishing) Publish(new OrderGroupChangedEvent(NowOffset, a.Id, g.Id, "created", contractsLimit));
        return ExchangeResult<string>.Ok(g.Id);
    }

    /// <summary>Clears a triggered group's block and its matched-contracts window.</summary>
    public ExchangeResult<OrderGroupInfo> ResetOrderGroup(AccountId account, string groupId) => Group(account, groupId, g =>
    {
        g.Triggered = false;
        g.ResetWindow();
        if (_publishing) Publish(new OrderGroupChangedEvent(NowOffset, g.Owner.Id, g.Id, "reset", Quantity.FromHundredths(g.Limit)));
    });

    /// <summary>Triggers the group by hand: its orders are cancelled and new ones blocked until a reset.</summary>
    public ExchangeResult<OrderGroupInfo> TriggerOrderGroup(AccountId account, string groupId) => Group(account, groupId, g =>
    {
        if (!g.Triggered) TriggerGroup(g);
    });

    /// <summary>Changes the contracts limit; reaching the new limit within the current window triggers the group.</summary>
    public ExchangeResult<OrderGroupInfo> UpdateOrderGroupLimit(AccountId account, string groupId, Quantity contractsLimit)
    {
        if (!contractsLimit.IsPositive) return EngineErrors.BadRequest("contracts_limit must be positive");
        return Group(account, groupId, g =>
        {
            g.Limit = contractsLimit.Hundredths;
            if (_publishing) Publish(new OrderGroupChangedEvent(NowOffset, g.Owner.Id, g.Id, "limit_updated", contractsLimit));
            if (!g.Triggered && g.WindowTotal(_nowTicks) >= g.Limit) TriggerGroup(g);
        });
    }

    /// <summary>Deletes the group, cancelling its resting orders.</summary>
    public ExchangeResult<OrderGroupInfo> DeleteOrderGroup(AccountId account, string groupId)
    {
        var info = Group(account, groupId, g =>
        {
            foreach (var o in g.Resting.OrderBy(x => x.Seq).ToList()) CancelResting(o, "Decrease");
            g.Deleted = true;
            g.Owner.Groups.Remove(g.Id);
            if (_publishing) Publish(new OrderGroupChangedEvent(NowOffset, g.Owner.Id, g.Id, "deleted", null));
        });
        return info;
    }

    public ExchangeResult<OrderGroupInfo> GetOrderGroup(AccountId account, string groupId) => Group(account, groupId, _ => { });

    public IReadOnlyList<OrderGroupInfo> GetOrderGroups(AccountId account)
    {
        Begin();
        return TryAccount(account, out var a) ? a.Groups.Values.Select(ToInfo).ToArray() : [];
    }

    private ExchangeResult<OrderGroupInfo> Group(AccountId account, string groupId, Action<OrderGroupState> action)
    {
        Begin();
        if (!TryAccount(account, out var a)) return EngineErrors.AccountNotFound(account);
        if (!a.Groups.TryGetValue(groupId, out var g)) return EngineErrors.OrderGroupNotFound(groupId);
        action(g);
        End();
        return ExchangeResult<OrderGroupInfo>.Ok(ToInfo(g));
    }

    private OrderGroupInfo ToInfo(OrderGroupState g) => new(
        g.Id, Quantity.FromHundredths(g.Limit), g.Triggered, Quantity.FromHundredths(g.WindowTotal(_nowTicks)),
        g.Resting.OrderBy(o => o.Seq).Select(o => OrderIdOf(o.Seq)).ToArray());
}
