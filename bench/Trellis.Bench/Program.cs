using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project bench/Trellis.Bench -- --filter '*'
// Results go to BenchmarkDotNet.Artifacts/; record the figures in docs/performance.md with the command.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
