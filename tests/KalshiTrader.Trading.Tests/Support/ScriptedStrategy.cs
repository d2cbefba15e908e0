using System.Collections.Concurrent;
using KalshiTrader.Core.Primitives;
using KalshiTrader.Core.Trading;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Tests.Support;

/// <summary>
/// A strategy the test drives: actions queued from the test thread run on the engine loop (at the next timer tick
/// or book change), and everything the engine tells the strategy is recorded.
/// </summary>
internal sealed class ScriptedStrategy(string name, params MarketTicker[] follow) : IStrategy
{
    private readonly ConcurrentQueue<Func<IStrategyContext, CancellationToken, Task>> _actions = new();

    public string Name { get; } = name;

    public ConcurrentQueue<StrategyOrder> OrderUpdates { get; } = new();

    public ConcurrentQueue<Fill> Fills { get; } = new();

    public ConcurrentQueue<MarketTicker> BookChanges { get; } = new();

    public bool Started { get; private set; }

    public bool Stopped { get; private set; }

    public Task StartAsync(IStrategyContext context, CancellationToken cancellationToken)
    {
        context.Follow(follow);
        Started = true;
        return Task.CompletedTask;
    }

    /// <summary>Runs <paramref name="action"/> on the engine loop and returns its result.</summary>
    public Task<T> RunAsync<T>(Func<IStrategyContext, CancellationToken, Task<T>> action)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _actions.Enqueue(async (ctx, ct) =>
        {
            try
            {
                done.TrySetResult(await action(ctx, ct));
            }
            catch (Exception ex)
            {
                done.TrySetException(ex);
            }
        });
        return done.Task.WaitAsync(TimeSpan.FromSeconds(20));
    }

    public Task<OrderResult> SubmitAsync(OrderIntent intent) => RunAsync((ctx, ct) => ctx.SubmitAsync(intent, ct).AsTask());

    public async ValueTask OnBookChangedAsync(MarketTicker ticker, IStrategyContext context, CancellationToken cancellationToken)
    {
        BookChanges.Enqueue(ticker);
        await DrainAsync(context, cancellationToken);
    }

    public ValueTask OnOrderUpdateAsync(StrategyOrder order, IStrategyContext context, CancellationToken cancellationToken)
    {
        OrderUpdates.Enqueue(order);
        return ValueTask.CompletedTask;
    }

    public ValueTask OnFillAsync(Fill fill, IStrategyContext context, CancellationToken cancellationToken)
    {
        Fills.Enqueue(fill);
        return ValueTask.CompletedTask;
    }

    public async ValueTask OnTimerAsync(IStrategyContext context, CancellationToken cancellationToken) => await DrainAsync(context, cancellationToken);

    public Task StopAsync(IStrategyContext context, CancellationToken cancellationToken)
    {
        Stopped = true;
        return Task.CompletedTask;
    }

    private async Task DrainAsync(IStrategyContext context, CancellationToken cancellationToken)
    {
        while (_actions.TryDequeue(out var action)) await action(context, cancellationToken);
    }
}
