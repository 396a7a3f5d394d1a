using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Reserves.Benchmarks.KernelBenchmarks).Assembly).Run(args);
