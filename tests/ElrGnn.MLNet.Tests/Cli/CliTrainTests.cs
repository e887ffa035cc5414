using System.Text.Json;

namespace ElrGnn.MLNet.Tests.Cli;

[TestClass]
public sealed class CliTrainTests
{
    private static TrainedCliRun Run => TrainedCliRun.Instance;

    [TestMethod]
    public void Train_TinySyntheticSet_ExitsZeroAndFirstSaysWhichData()
    {
        var result = Run.Result.Succeeded();
        var firstLine = result.Stdout.Split('\n')[0];
        StringAssert.StartsWith(firstLine, "Data: built-in synthetic conversations");
        StringAssert.Contains(firstLine, $"{TrainedCliRun.Conversations} dialogues");
        StringAssert.Contains(result.Stdout, "weighted F1");
        StringAssert.Contains(result.Stdout, "macro F1");
    }

    [TestMethod]
    public void Train_WritesModelZipAndReadablePngs()
    {
        Run.Result.Succeeded();
        var zip = File.ReadAllBytes(Path.Combine(Run.OutDir, "model.zip"));
        Assert.AreEqual((byte)'P', zip[0], "model.zip is a zip (PK header)");
        Assert.AreEqual((byte)'K', zip[1]);
        var (width, height) = PngFile.AssertValid(Path.Combine(Run.OutDir, "confusion.png"));
        Assert.IsGreaterThanOrEqualTo(400, Math.Min(width, height), "the confusion matrix is big enough to read");
        PngFile.AssertValid(Path.Combine(Run.OutDir, "curves.png"));
    }

    [TestMethod]
    public void Train_MetricsJson_HasContractKeysWithValuesInRange()
    {
        var m = Run.Metrics();
        string[] contract = ["accuracy", "weighted_f1", "macro_f1", "per_class_f1", "confusion", "labels", "best_epoch", "epochs_run",
            "epoch_seconds_median", "precompute_seconds", "inference_utterances_per_second", "peak_memory_mb", "device", "seed"];
        foreach (var key in contract)
            Assert.IsTrue(m.TryGetProperty(key, out _), $"metrics.json lacks '{key}'");

        foreach (var key in new[] { "accuracy", "weighted_f1", "macro_f1" })
            Assert.IsTrue(m.GetProperty(key).GetDouble() is >= 0 and <= 1, $"{key} = {m.GetProperty(key)}");
        var labels = m.GetProperty("labels").EnumerateArray().Select(e => e.GetString()!).ToArray();
        CollectionAssert.AreEqual(new[] { "c0", "c1", "c2", "c3", "c4", "c5" }, labels, "labels in class order");
        var perClass = m.GetProperty("per_class_f1").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());
        CollectionAssert.AreEquivalent(labels, perClass.Keys.ToArray());
        Assert.IsTrue(perClass.Values.All(f => f is >= 0 and <= 1));

        var confusion = m.GetProperty("confusion").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetInt64()).ToArray()).ToArray();
        Assert.HasCount(labels.Length, confusion);
        Assert.IsTrue(confusion.All(r => r.Length == labels.Length), "square, one row per true label");
        long total = confusion.Sum(r => r.Sum()), correct = Enumerable.Range(0, labels.Length).Sum(k => confusion[k][k]);
        Assert.AreEqual(m.GetProperty("test_utterances").GetInt64(), total);
        Assert.AreEqual(m.GetProperty("accuracy").GetDouble(), (double)correct / total, 1e-12);

        int epochsRun = m.GetProperty("epochs_run").GetInt32();
        Assert.IsTrue(epochsRun is >= 1 and <= TrainedCliRun.Epochs, $"epochs_run = {epochsRun}");
        int bestEpoch = m.GetProperty("best_epoch").GetInt32();
        Assert.IsTrue(bestEpoch >= 1 && bestEpoch <= epochsRun, $"best_epoch = {bestEpoch}");
        Assert.IsGreaterThan(0.0, m.GetProperty("epoch_seconds_median").GetDouble());
        Assert.IsGreaterThanOrEqualTo(0.0, m.GetProperty("precompute_seconds").GetDouble());
        Assert.IsGreaterThan(0.0, m.GetProperty("inference_utterances_per_second").GetDouble());
        Assert.IsGreaterThan(50.0, m.GetProperty("peak_memory_mb").GetDouble(), "VmHWM of a process that loaded torch");
        Assert.AreEqual("cpu", m.GetProperty("device").GetString());
        Assert.AreEqual(TrainedCliRun.Seed, m.GetProperty("seed").GetInt32());
    }

    [TestMethod]
    public void Evaluate_SavedModelOnTheSameTestSplit_ReproducesTrainMetrics()
    {
        var trained = Run.Metrics();
        var outDir = TestPaths.NewTempDir();

        CliRunner.Run(["evaluate", "--model", Run.ModelPath, "--synthetic-conversations", $"{TrainedCliRun.Conversations}", "--out", outDir]).Succeeded();

        using var evaluated = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "metrics.json")));
        foreach (var key in new[] { "accuracy", "weighted_f1", "macro_f1" })
            Assert.AreEqual(trained.GetProperty(key).GetDouble(), evaluated.RootElement.GetProperty(key).GetDouble(), 1e-12, key);
        Assert.AreEqual(trained.GetProperty("confusion").GetRawText(), evaluated.RootElement.GetProperty("confusion").GetRawText());
        Assert.IsFalse(evaluated.RootElement.TryGetProperty("best_epoch", out _), "evaluate writes no training keys");
        PngFile.AssertValid(Path.Combine(outDir, "confusion.png"));
    }
}
