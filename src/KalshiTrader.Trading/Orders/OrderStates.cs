using KalshiTrader.Trading.Strategy;

namespace KalshiTrader.Trading.Orders;

internal static class OrderStates
{
    public static bool IsFinal(string state) =>
        Enum.TryParse<OrderState>(state, out var s) && IsFinal(s);

    public static bool IsFinal(OrderState state) =>
        state is OrderState.Filled or OrderState.Canceled or OrderState.Rejected or OrderState.Simulated;
}
