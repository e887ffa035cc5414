using System.Text.Json;
using ElrGnn.MLNet.Data;

namespace ElrGnn.MLNet.Tests.Cli;

/// <summary><c>elrgnn predict --explain</c> and <c>elrgnn bench-explain</c>.</summary>
[TestClass]
public sealed class CliExplainTests
{
    private static TrainedCliRun Run => TrainedCliRun.Instance;

    [TestMethod]
    public void PredictExplain_Json_HasTopTurnsAndMatrix_AndWritesOnePngPerConversation()
    {
        var conversations = TrainedCliRun.TestConversations(2);
        var input = TrainedCliRun.WriteJsonInput(conversations.SelectMany(c => c));
        var outDir = Path.Combine(TestPaths.NewTempDir(), "explain");

        var result = CliRunner.Run(["predict", "--model", Run.ModelPath, "--input", input, "--json", "--explain", "--out", outDir]).Succeeded();

        using var json = JsonDocument.Parse(result.Stdout);
        var output = json.RootElement.GetProperty("conversations").EnumerateArray().ToArray();
        Assert.HasCount(2, output);
        for (int c = 0; c < 2; c++)
        {
            int n = conversations[c].Count;
            var matrix = output[c].GetProperty("contributions").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
            Assert.HasCount(n, matrix);
            Assert.IsTrue(matrix.All(r => r.Length == n));
            CollectionAssert.AreEqual(conversations[c].Select(r => r.Turn).ToArray(),
                output[c].GetProperty("turns").EnumerateArray().Select(t => t.GetInt32()).ToArray());
            foreach (var (utterance, i) in output[c].GetProperty("utterances").EnumerateArray().Select((u, i) => (u, i)))
            {
                var top = utterance.GetProperty("top_turns").EnumerateArray().ToArray();
                Assert.HasCount(Math.Min(3, n - 1), top, $"conversation {c} turn {i}");
                foreach (var t in top)
                {
                    int j = t.GetProperty("turn").GetInt32();
                    Assert.AreNotEqual(i, j, "the own turn is not listed");
                    Assert.AreEqual(conversations[c][j].Speaker, t.GetProperty("speaker").GetString());
                    Assert.AreEqual(matrix[i][j], t.GetProperty("contribution").GetDouble(), 1e-6);
                }
            }
            PngFile.AssertValid(Path.Combine(outDir, $"explain-{conversations[c][0].DialogueId}.png"));
        }
        Assert.HasCount(2, Directory.GetFiles(outDir, "explain-*.png"));
    }

    [TestMethod]
    public void PredictExplain_Table_ShowsTheDrivingTurns()
    {
        var conversations = TrainedCliRun.TestConversations(1);
        var input = TrainedCliRun.WriteJsonInput(conversations[0]);
        var outDir = Path.Combine(TestPaths.NewTempDir(), "explain");

        var result = CliRunner.Run(["predict", "--model", Run.ModelPath, "--input", input, "--explain", "--out", outDir]).Succeeded();

        StringAssert.Contains(result.Stdout, "driven by");
        StringAssert.Contains(result.Stdout, "explain-<dialogue_id>.png");
        PngFile.AssertValid(Path.Combine(outDir, $"explain-{conversations[0][0].DialogueId}.png"));
    }

    [TestMethod]
    public void BenchExplain_WithModel_WritesTheFaithfulnessJson()
    {
        var outDir = Path.Combine(TestPaths.NewTempDir(), "bench-explain");

        var result = CliRunner.Run(["bench-explain", "--model", Run.ModelPath, "--data", "synthetic", "--synthetic-conversations", "10",
            "--timed-turns", "12", "--out", outDir]).Succeeded();

        StringAssert.Contains(result.Stdout, "bench-explain.json");
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "bench-explain.json")));
        var root = json.RootElement;
        Assert.IsGreaterThan(0, root.GetProperty("utterances").GetInt32());
        Assert.IsGreaterThan(0, root.GetProperty("conversations").GetInt32());
        Assert.IsTrue(double.IsFinite(root.GetProperty("top3_mean_drop").GetDouble()));
        Assert.IsTrue(double.IsFinite(root.GetProperty("random3_mean_drop").GetDouble()));
        Assert.IsTrue(root.TryGetProperty("ratio", out _));
        Assert.AreEqual(12, root.GetProperty("explain_turns").GetInt32());
        Assert.IsGreaterThan(0.0, root.GetProperty("explain_seconds").GetDouble());
        Assert.AreEqual(3, root.GetProperty("explain_timing_runs").GetInt32());
    }
}
