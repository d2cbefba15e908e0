namespace KalshiTrader.Exchange;
