using System.Text.Json;
using ElrGnn.MLNet.Tests.Cli;

namespace ElrGnn.MLNet.Tests.Bench;

[TestClass]
public sealed class CliBenchTests
{
    private static readonly string[] Runs = ["elrgnn", "context_free_maxent", "bilstm_only", "full_graph_rgcn"];
    private static readonly Lazy<(CliRunner.Result Result, string OutDir)> Tiny = new(() =>
    {
        string outDir = Path.Combine(TestPaths.NewTempDir(), "bench");
        var result = CliRunner.Run(["bench", "--synthetic-conversations", "40", "--epochs", "2", "--seeds", "2",
            "--runs", string.Join(",", Runs), "--out", outDir]);
        return (result, outDir);
    });

    private static JsonElement BenchJson()
    {
        Tiny.Value.Result.Succeeded();
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Tiny.Value.OutDir, "bench.json")));
        return document.RootElement.Clone();
    }

    private static JsonElement RunNamed(string name) =>
        BenchJson().GetProperty("runs").EnumerateArray().Single(r => r.GetProperty("name").GetString() == name);

    [TestMethod]
    public void Bench_TinySettings_WritesContractKeysForEveryRequestedRunInOrder()
    {
        var bench = BenchJson();
        Assert.AreEqual("synthetic", bench.GetProperty("dataset").GetString());
        StringAssert.Contains(bench.GetProperty("features").GetString(), "synthetic");
        var runs = bench.GetProperty("runs").EnumerateArray().ToArray();
        CollectionAssert.AreEqual(Runs, runs.Select(r => r.GetProperty("name").GetString()).ToArray());
        foreach (var run in runs)
        {
            string name = run.GetProperty("name").GetString()!;
            foreach (var key in new[] { "weighted_f1_mean", "accuracy_mean", "macro_f1_mean" })
                Assert.IsTrue(run.GetProperty(key).GetDouble() is >= 0 and <= 1, $"{name}.{key} = {run.GetProperty(key)}");
            int[] seeds = name == "context_free_maxent" ? [1] : [1, 2]; // deterministic: fitted once, not "± 0.00 over 2"
            CollectionAssert.AreEqual(seeds, run.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt32()).ToArray(), name);
            if (seeds.Length == 1)
                Assert.AreEqual(JsonValueKind.Null, run.GetProperty("weighted_f1_sd").ValueKind, name);
            else
                Assert.IsGreaterThanOrEqualTo(0, run.GetProperty("weighted_f1_sd").GetDouble(), name);
            Assert.IsFalse(string.IsNullOrWhiteSpace(run.GetProperty("description").GetString()), name);
            var perSeed = run.GetProperty("per_seed").EnumerateArray().Select(s => s.GetProperty("weighted_f1").GetDouble()).ToArray();
            Assert.AreEqual(perSeed.Average(), run.GetProperty("weighted_f1_mean").GetDouble(), 1e-12, $"{name}: the mean is over the seeds");
        }
    }

    [TestMethod]
    public void Bench_EpochTimesAndFlops_OnlyForNetworkRuns_AndDeeperGraphsDoMoreWork()
    {
        Assert.AreEqual(JsonValueKind.Null, RunNamed("context_free_maxent").GetProperty("epoch_seconds_median").ValueKind);
        foreach (var name in new[] { "elrgnn", "bilstm_only", "full_graph_rgcn" })
        {
            Assert.IsGreaterThan(0, RunNamed(name).GetProperty("epoch_seconds_median").GetDouble(), name);
            Assert.IsGreaterThan(0, RunNamed(name).GetProperty("achieved_gflops").GetDouble(), name);
        }
        double Gflop(string name) => RunNamed(name).GetProperty("epoch_gflop").GetDouble();
        Assert.IsGreaterThan(Gflop("bilstm_only"), Gflop("elrgnn"), "the graph branches add work to the encoder's");
        Assert.IsGreaterThan(Gflop("elrgnn"), Gflop("full_graph_rgcn"), "six message-passing layers cost more than one layer and a precomputed push");
        Assert.IsGreaterThan(0, BenchJson().GetProperty("gemm_peak_gflops").GetDouble());
    }

    [TestMethod]
    public void Bench_ReportsTargetsAndWritesTheComparisonPlot()
    {
        var targets = BenchJson().GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        foreach (var name in new[] { "weighted_f1_gain_over_best_context_free_points", "epoch_ratio_to_full_graph_rgcn", "epoch_ratio_to_bilstm_only",
                     "precompute_seconds", "inference_utterances_per_second" })
            Assert.IsTrue(targets.ContainsKey(name), $"target {name}");
        var ratio = targets["epoch_ratio_to_bilstm_only"];
        double expected = RunNamed("elrgnn").GetProperty("epoch_seconds_median").GetDouble() / RunNamed("bilstm_only").GetProperty("epoch_seconds_median").GetDouble();
        Assert.AreEqual(expected, ratio.GetProperty("value").GetDouble(), 1e-9);
        Assert.AreEqual(expected <= 2, ratio.GetProperty("met").GetBoolean());
        PngFile.AssertValid(Path.Combine(Tiny.Value.OutDir, "comparison.png"));
    }

    [TestMethod]
    public void Bench_ComparesElrGnnWithEveryOtherRun_PairedOverSeeds_AndNamesSources()
    {
        var bench = BenchJson();
        var comparisons = bench.GetProperty("comparisons").EnumerateArray().ToArray();
        CollectionAssert.AreEqual(Runs.Skip(1).ToArray(), comparisons.Select(c => c.GetProperty("b").GetString()).ToArray());
        foreach (var c in comparisons)
        {
            Assert.AreEqual("elrgnn", c.GetProperty("a").GetString());
            CollectionAssert.AreEqual(new[] { 1, 2 }, c.GetProperty("seeds").EnumerateArray().Select(s => s.GetInt32()).ToArray());
            double low = c.GetProperty("ci95_low").GetDouble(), high = c.GetProperty("ci95_high").GetDouble();
            double mean = c.GetProperty("mean_difference").GetDouble();
            Assert.IsTrue(low <= mean && mean <= high, c.ToString());
            string expected = low > 0 ? "better" : high < 0 ? "worse" : "tie";
            Assert.AreEqual(expected, c.GetProperty("verdict").GetString());
        }
        Assert.AreEqual(2, RunNamed("full_graph_rgcn").GetProperty("message_passing_convolutions").GetInt32() / 3, "3 blocks = 6 convolutions");
        Assert.AreEqual(6, RunNamed("full_graph_rgcn").GetProperty("message_passing_convolutions").GetInt32());
        Assert.AreEqual(0, RunNamed("bilstm_only").GetProperty("message_passing_convolutions").GetInt32());
        Assert.IsGreaterThanOrEqualTo(5, bench.GetProperty("inference_passes").GetInt32());
        foreach (var target in bench.GetProperty("targets").EnumerateArray())
            StringAssert.Contains(target.GetProperty("source").GetString(), "issue");
        Assert.IsTrue(bench.GetProperty("figure_sources").TryGetProperty("runs[].epoch_gflop", out _));
    }

    [TestMethod]
    public void Bench_BreaksElrGnnAgainstBiLstmDownBySliceAndClass_PairedOverSeeds()
    {
        var slices = BenchJson().GetProperty("breakdown").EnumerateArray().ToArray();
        var elrVsBiLstm = slices.Where(s => s.GetProperty("a").GetString() == "elrgnn" && s.GetProperty("b").GetString() == "bilstm_only").ToArray();
        var kinds = elrVsBiLstm.Select(s => s.GetProperty("kind").GetString()).Distinct().ToArray();

        CollectionAssert.IsSubsetOf(new[] { "conversation_length", "position", "distance_to_same_emotion", "class_f1" }, kinds);
        Assert.IsTrue(slices.Any(s => s.GetProperty("b").GetString() == "full_graph_rgcn"), "elrgnn − full_graph_rgcn is broken down too");
        // Each length bucket holds every utterance once.
        var total = BenchJson().GetProperty("test_utterances").GetInt32();
        Assert.AreEqual(total, elrVsBiLstm.Where(s => s.GetProperty("kind").GetString() == "conversation_length").Sum(s => s.GetProperty("utterances").GetInt32()));
        foreach (var s in elrVsBiLstm)
        {
            double difference = s.GetProperty("mean_difference").GetDouble();
            Assert.AreEqual(s.GetProperty("a_mean").GetDouble() - s.GetProperty("b_mean").GetDouble(), difference, 1e-9, s.ToString());
            Assert.IsTrue(s.GetProperty("ci95_low").GetDouble() <= difference && difference <= s.GetProperty("ci95_high").GetDouble(), s.ToString());
        }
    }

    [TestMethod]
    public void Bench_UnknownRunName_IsAUsageErrorNamingIt()
    {
        var result = CliRunner.Run(["bench", "--synthetic-conversations", "40", "--runs", "elrgnn,deep_magic"]);
        Assert.AreEqual(1, result.ExitCode, result.ToString()); // a usage error
        StringAssert.Contains(result.Stderr, "deep_magic");
    }
}
