using KalshiTrader.Core.Primitives;
using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Strategies.Tests.Mispricing.Execution.Support;

/// <summary>
/// A strategy that only follows markets and says when the engine holds a fresh book of every one of them: after that,
/// whatever the test changes at the exchange reaches the engine as a delta, not inside the first snapshot.
/// </summary>
internal sealed class BooksReadyProbe(IReadOnlyList<MarketTicker> markets) : IStrategy
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "books-ready-probe";

    public Task Ready => _ready.Task;

    public Task StartAsync(IStrategyContext context, CancellationToken cancellationToken)
    {
        context.Follow(markets);
        return Task.CompletedTask;
    }

    public ValueTask OnBookChangedAsync(MarketTicker ticker, IStrategyContext context, CancellationToken cancellationToken)
    {
        if (markets.All(m => context.GetBook(m).IsFresh)) _ready.TrySetResult();
        return ValueTask.CompletedTask;
    }
}
