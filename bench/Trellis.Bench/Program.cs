using BenchmarkDotNet.Running;

namespace Trellis.Bench;

// Run all: dotnet run -c Release --project bench/Trellis.Bench -- --filter '*'
// Results go to BenchmarkDotNet.Artifacts/; record the figures in docs/performance.md with the command.
public static class BenchMain
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(BenchMain).Assembly).Run(args);
}
