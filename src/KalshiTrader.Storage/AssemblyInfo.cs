namespace KalshiTrader.Storage;
