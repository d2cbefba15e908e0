namespace KalshiTrader.Strategies;
