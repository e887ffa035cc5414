using System.Text.Json;
using ElrGnn.MLNet.Tests.Cli;

namespace ElrGnn.MLNet.Tests.Bench;

[TestClass]
public sealed class CliBenchServeTests
{
    [TestMethod]
    public void BenchServe_TinySyntheticRun_WritesEverySectionWithItsKeys()
    {
        string outDir = Path.Combine(TestPaths.NewTempDir(), "serve");
        CliRunner.Run(["bench-serve", "--synthetic-conversations", "20", "--epochs", "1", "--passes", "1", "--stream-turns", "10",
            "--out", outDir]).Succeeded();

        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "bench-serve.json")));
        var root = document.RootElement;
        var batched = root.GetProperty("batched");
        Assert.IsGreaterThan(0, batched.GetProperty("utterances").GetInt64());
        Assert.IsGreaterThan(0, batched.GetProperty("conversations").GetInt32());
        Assert.AreEqual(1, batched.GetProperty("passes").GetInt32());
        foreach (var path in new[] { "transform", "predictor" })
        {
            var scaling = batched.GetProperty(path);
            foreach (var (threads, key) in new[] { (1, "threads_1"), (2, "threads_2") })
            {
                var t = scaling.GetProperty(key);
                Assert.AreEqual(threads, t.GetProperty("threads").GetInt32(), $"{path}.{key}");
                Assert.IsGreaterThan(0, t.GetProperty("utterances_per_second_median").GetDouble(), $"{path}.{key}");
                Assert.AreEqual(1, t.GetProperty("pass_seconds").GetArrayLength(), $"{path}.{key}");
            }
            double expected = scaling.GetProperty("threads_2").GetProperty("utterances_per_second_median").GetDouble()
                / scaling.GetProperty("threads_1").GetProperty("utterances_per_second_median").GetDouble();
            Assert.AreEqual(expected, scaling.GetProperty("thread_scaling").GetDouble(), 1e-9, path);
        }

        var latencies = root.GetProperty("streaming").GetProperty("latencies").EnumerateArray().ToArray();
        Assert.HasCount(1, latencies, "--stream-turns 10 times turn 10 only");
        Assert.AreEqual(10, latencies[0].GetProperty("turn").GetInt32());
        Assert.IsGreaterThan(0, latencies[0].GetProperty("milliseconds_median").GetDouble());

        var machine = root.GetProperty("machine");
        Assert.AreEqual(Environment.ProcessorCount, machine.GetProperty("logical_cores").GetInt32());
        foreach (var key in new[] { "os", "libtorch", "torchsharp" })
            Assert.IsFalse(string.IsNullOrEmpty(machine.GetProperty(key).GetString()), key);
        Assert.IsGreaterThan(0, machine.GetProperty("gemm_peak_gflops").GetDouble());

        var targets = root.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        var throughput = targets["batched_utterances_per_second"];
        Assert.AreEqual(50_000, throughput.GetProperty("threshold").GetDouble());
        Assert.IsGreaterThan(0, throughput.GetProperty("measured").GetDouble());
        Assert.AreEqual(throughput.GetProperty("measured").GetDouble() >= 50_000 ? "met" : "missed", throughput.GetProperty("verdict").GetString());
        Assert.AreEqual(1.6, targets["thread_scaling_2_over_1"].GetProperty("threshold").GetDouble());
    }

    [TestMethod]
    public void BenchServe_WithoutOut_IsAUsageError()
    {
        var result = CliRunner.Run(["bench-serve", "--synthetic-conversations", "20"]);

        Assert.AreNotEqual(0, result.ExitCode, result.ToString());
        StringAssert.Contains(result.Stderr + result.Stdout, "--out");
    }
}
