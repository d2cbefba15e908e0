namespace KalshiTrader.Trading;
