using KalshiTrader.Core.Primitives;
using KalshiTrader.Kalshi.Wire.Rest;

namespace KalshiTrader.Kalshi.Http;

public sealed partial class KalshiRestClient
{
    private const string GroupsRoute = "/portfolio/order_groups";
    private const string GroupRoute = "/portfolio/order_groups/{order_group_id}";

    /// <summary><c>POST /portfolio/order_groups/create</c>: a group whose orders are all cancelled once more than
    /// <paramref name="contractsLimit"/> contracts match within a rolling 15 s. Returns the group id.</summary>
    public async Task<string> CreateOrderGroupAsync(Quantity contractsLimit, CancellationToken cancellationToken, int? subaccount = null)
    {
        var body = new CreateOrderGroupRequest { ContractsLimitFp = contractsLimit.ToFpString(), Subaccount = subaccount };
        var call = new RestCall(HttpMethod.Post, GroupsRoute + "/create", GroupsRoute + "/create")
        {
            Body = Json(body, KalshiRestJsonContext.Default.CreateOrderGroupRequest),
            Auth = true,
        };
        var wire = await SendAsync(call, KalshiRestJsonContext.Default.CreateOrderGroupResponse, cancellationToken).ConfigureAwait(false);
        return wire.OrderGroupId;
    }

    /// <summary><c>GET /portfolio/order_groups/{id}</c>.</summary>
    public Task<OrderGroupResponse> GetOrderGroupAsync(string orderGroupId, CancellationToken cancellationToken) =>
        SendAsync(RestCall.Get(GroupRoute, GroupsRoute + "/" + Escape(orderGroupId), auth: true), KalshiRestJsonContext.Default.OrderGroupResponse, cancellationToken);

    /// <summary><c>GET /portfolio/order_groups</c>, all pages.</summary>
    public async Task<IReadOnlyList<OrderGroupWire>> GetOrderGroupsAsync(CancellationToken cancellationToken)
    {
        var result = new List<OrderGroupWire>();
        await foreach (var g in PagesAsync(GroupsRoute, GroupsRoute, new QueryString(), KalshiRestJsonContext.Default.OrderGroupsResponse,
                           p => p.OrderGroups, p => p.Cursor, true, KalshiPageSizes.OrderGroups, null, cancellationToken).ConfigureAwait(false))
        {
            result.Add(g);
        }

        return result;
    }

    /// <summary><c>PUT .../{id}/reset</c>: re-enables a triggered group.</summary>
    public Task ResetOrderGroupAsync(string orderGroupId, CancellationToken cancellationToken) =>
        PutGroupAsync(orderGroupId, "reset", null, cancellationToken);

    /// <summary><c>PUT .../{id}/trigger</c>: cancels the group's orders and blocks new ones until reset.</summary>
    public Task TriggerOrderGroupAsync(string orderGroupId, CancellationToken cancellationToken) =>
        PutGroupAsync(orderGroupId, "trigger", null, cancellationToken);

    /// <summary><c>PUT .../{id}/limit</c>.</summary>
    public Task SetOrderGroupLimitAsync(string orderGroupId, Quantity contractsLimit, CancellationToken cancellationToken) =>
        PutGroupAsync(orderGroupId, "limit",
            Json(new SetOrderGroupLimitRequest { ContractsLimitFp = contractsLimit.ToFpString() }, KalshiRestJsonContext.Default.SetOrderGroupLimitRequest),
            cancellationToken);

    /// <summary><c>DELETE /portfolio/order_groups/{id}</c>.</summary>
    public async Task DeleteOrderGroupAsync(string orderGroupId, CancellationToken cancellationToken)
    {
        var call = new RestCall(HttpMethod.Delete, GroupRoute, GroupsRoute + "/" + Escape(orderGroupId)) { Auth = true };
        await SendRawAsync(call, cancellationToken).ConfigureAwait(false);
    }

    private async Task PutGroupAsync(string orderGroupId, string action, byte[]? body, CancellationToken cancellationToken)
    {
        var call = new RestCall(HttpMethod.Put, GroupRoute + "/" + action, $"{GroupsRoute}/{Escape(orderGroupId)}/{action}")
        {
            Body = body ?? "{}"u8.ToArray(),
            Auth = true,
        };
        await SendRawAsync(call, cancellationToken).ConfigureAwait(false);
    }
}
