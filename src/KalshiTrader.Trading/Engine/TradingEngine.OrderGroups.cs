using KalshiTrader.Core.Exchange;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Trading.Logging;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Engine;

// Order groups for strategies (IStrategyContext.CreateOrderGroupAsync): sent to the venue in paper and live, a local
// id in dry-run; every create and delete is logged and journaled like an order action.
public sealed partial class TradingEngine
{
    private long _dryRunGroups;

    internal async ValueTask<ExchangeResult<string>> CreateOrderGroupAsync(StrategyContext context, Quantity contractsLimit, CancellationToken ct)
    {
        ExchangeResult<string> result;
        if (context.Stopped || IsKilled) result = new ExchangeError(ExchangeErrorKind.Refused, "the strategy is stopped");
        else if (!contractsLimit.IsPositive) result = new ExchangeError(ExchangeErrorKind.Refused, $"contracts_limit must be positive, got {contractsLimit.ToFpString()}");
        else if (Mode == EngineMode.DryRun) result = ExchangeResult<string>.Ok($"dry-run-group-{++_dryRunGroups}");
        else if (_exchange is null) result = new ExchangeError(ExchangeErrorKind.Refused, "no exchange to create an order group on");
        else result = await _exchange.CreateOrderGroupAsync(contractsLimit, ct).ConfigureAwait(false);

        var message = $"{context.Strategy.Name} order group, limit {contractsLimit.ToFpString()} contracts per 15 s: " +
                      (result.IsOk ? $"{result.Value}{(Mode == EngineMode.DryRun ? " (dry-run, nothing sent)" : "")}" : result.Error!.ToString());
        _log.Write(result.IsOk ? LogLevel.Info : LogLevel.Warn, "order_group.create", message,
            [("strategy", context.Strategy.Name), ("order_group_id", result.Value), ("contracts_limit", contractsLimit.ToFpString())]);
        await JournalEventAsync(result.IsOk ? "order_group_created" : "order_group_refused", message, context.Strategy.Name, null, ct).ConfigureAwait(false);
        return result;
    }

    internal async ValueTask<ExchangeResult<bool>> DeleteOrderGroupAsync(StrategyContext context, string orderGroupId, CancellationToken ct)
    {
        ExchangeResult<bool> result;
        if (Mode == EngineMode.DryRun) result = ExchangeResult<bool>.Ok(true);
        else if (_exchange is null) result = new ExchangeError(ExchangeErrorKind.Refused, "no exchange to delete an order group on");
        else result = await _exchange.DeleteOrderGroupAsync(orderGroupId, ct).ConfigureAwait(false);

        var message = $"{context.Strategy.Name} order group {orderGroupId} deleted: {(result.IsOk ? "ok" : result.Error!.ToString())}";
        _log.Write(result.IsOk ? LogLevel.Info : LogLevel.Warn, "order_group.delete", message,
            [("strategy", context.Strategy.Name), ("order_group_id", orderGroupId)]);
        await JournalEventAsync(result.IsOk ? "order_group_deleted" : "order_group_delete_failed", message, context.Strategy.Name, null, ct).ConfigureAwait(false);
        return result;
    }
}
