using KalshiTrader.Cli;

return await CliApp.RunAsync(args);
