using BenchmarkDotNet.Running;

// Run one suite: dotnet run -c Release --project bench/KalshiTrader.Benchmarks -- --filter '*OrderBook*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
