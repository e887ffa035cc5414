using System.Diagnostics;
using ElrGnn.MLNet.Native;
using static TorchSharp.torch;

namespace ElrGnn.Cli.Bench;

/// <summary>Measures this machine's float32 matrix-multiply peak through libtorch, the yardstick for achieved GFLOP/s.</summary>
internal static class GemmPeak
{
    /// <summary>Best GFLOP/s of a square float32 matmul (size <paramref name="n"/>) over a few repetitions.</summary>
    public static double MeasureGflops(int n = 1024, int repetitions = 8)
    {
        TorchNative.EnsureLoaded();
        using var scope = NewDisposeScope();
        var a = rand(n, n);
        var b = rand(n, n);
        matmul(a, b); // warm-up: thread pool and caches
        double best = double.MaxValue;
        for (int r = 0; r < repetitions; r++)
        {
            var watch = Stopwatch.StartNew();
            using var c = matmul(a, b);
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * n / best / 1e9;
    }
}
