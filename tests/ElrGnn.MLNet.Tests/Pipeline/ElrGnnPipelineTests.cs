using System.Text.Json;
using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Evaluation;
using ElrGnn.MLNet.Persistence;
using ElrGnn.MLNet.Prediction;
using ElrGnn.MLNet.Tests.Persistence;
using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Pipeline;

[TestClass]
public sealed class ElrGnnPipelineTests
{
    private static TrainedPipeline P => TrainedPipeline.Instance;

    [TestMethod]
    public void Fit_ContractPipeline_BeatsContextFreeTrainer()
    {
        var ml = P.MlContext;
        var elrgnn = ml.MulticlassClassification.Evaluate(P.Model.Transform(P.Test), labelColumnName: "Label");

        var contextFree = ml.Transforms.Conversion.MapValueToKey("Label")
            .Append(ml.Transforms.Concatenate("Features", "Text", "Audio", "Visual"))
            .Append(ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy())
            .Fit(P.Train);
        var baseline = ml.MulticlassClassification.Evaluate(contextFree.Transform(P.Test));

        Assert.IsGreaterThan(baseline.WeightedF1() + 0.05, elrgnn.WeightedF1(),
            $"ELR-GNN W-F1 {elrgnn.WeightedF1():F3} vs context-free {baseline.WeightedF1():F3}");
        Assert.IsGreaterThan(baseline.MacroAccuracy, elrgnn.MacroAccuracy);
    }

    [TestMethod]
    public void Transform_ReturnsRowsInInputOrder_WithProbabilities()
    {
        var rows = P.Data.GetRows(SyntheticConversations.TestSplit).ToList();
        var predictions = P.Predict(P.Model, P.Test);
        Assert.HasCount(rows.Count, predictions);
        for (int i = 0; i < rows.Count; i++)
        {
            Assert.AreEqual(rows[i].DialogueId, predictions[i].DialogueId);
            Assert.AreEqual(rows[i].Turn, predictions[i].Turn);
            Assert.AreEqual(1.0, predictions[i].Score.Sum(), 1e-4);
            Assert.IsTrue(predictions[i].Score.All(float.IsFinite));
            Assert.IsTrue(P.Data.ClassNames.Contains(predictions[i].PredictedLabel));
        }
    }

    [TestMethod]
    public void Transform_ShuffledRows_GiveTheSameScoresPerUtterance()
    {
        var rows = P.Data.GetRows(SyntheticConversations.TestSplit).ToList();
        var shuffled = rows.OrderBy(_ => Random.Shared.Next()).ToList();
        var view = P.MlContext.Data.LoadFromEnumerable(shuffled, P.Data.CreateSchemaDefinition());
        var expected = P.Predict(P.Model, P.Test).ToDictionary(p => (p.DialogueId, p.Turn));
        var actual = P.Predict(P.Model, view);
        Assert.HasCount(shuffled.Count, actual);
        for (int i = 0; i < shuffled.Count; i++)
        {
            Assert.AreEqual((shuffled[i].DialogueId, shuffled[i].Turn), (actual[i].DialogueId, actual[i].Turn), "rows come back in input order");
            CollectionAssert.AreEqual(expected[(actual[i].DialogueId, actual[i].Turn)].Score, actual[i].Score);
        }
    }

    [TestMethod]
    public void SaveLoad_InAFreshProcess_GivesIdenticalScores()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "elrgnn.zip");
        P.MlContext.Model.Save(P.Model, P.Train.Schema, path);
        var rows = P.Data.GetRows(SyntheticConversations.TestSplit).Take(60).ToList();
        var input = Path.Combine(dir, "input.json");
        File.WriteAllText(input, JsonSerializer.Serialize(rows.Select(r => new { r.DialogueId, r.Turn, r.Speaker, r.Label, r.Text, r.Audio, r.Visual })));
        var expected = P.Predict(P.Model, P.MlContext.Data.LoadFromEnumerable(rows, P.Data.CreateSchemaDefinition()));

        var probed = ModelProbeRunner.Run(path, input, "--columns", "Score,PredictedLabel").Rows();

        Assert.HasCount(expected.Count, probed);
        for (int i = 0; i < probed.Length; i++)
        {
            var score = probed[i].GetProperty("Score").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            CollectionAssert.AreEqual(expected[i].Score, score, $"row {i}");
            Assert.AreEqual(expected[i].PredictedLabel, probed[i].GetProperty("PredictedLabel").GetString());
        }
    }

    [TestMethod]
    public void Loaded_Model_WorksWithEvaluateAndPredictionEngine()
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "elrgnn.zip");
        P.MlContext.Model.Save(P.Model, P.Train.Schema, path);

        var fresh = new MLContext(seed: 5).RegisterElrGnn();
        var loaded = fresh.Model.Load(path, out var schema);
        var metrics = fresh.MulticlassClassification.Evaluate(loaded.Transform(P.Test));
        var original = P.MlContext.MulticlassClassification.Evaluate(P.Model.Transform(P.Test));
        Assert.AreEqual(original.MicroAccuracy, metrics.MicroAccuracy, 1e-12);
        Assert.AreEqual(original.WeightedF1(), metrics.WeightedF1(), 1e-12);

        var engine = fresh.Model.CreatePredictionEngine<SyntheticUtterance, UtterancePrediction>(loaded, inputSchema: schema);
        var one = engine.Predict(P.Data.GetRows(SyntheticConversations.TestSplit).First());
        Assert.AreEqual(1.0, one.Score.Sum(), 1e-4);
        Assert.IsTrue(P.Data.ClassNames.Contains(one.PredictedLabel));
    }

    [TestMethod]
    public void ConversationPredictor_AndStream_AgreeWithTransform()
    {
        var conversation = P.Data.GetRows(SyntheticConversations.TestSplit).GroupBy(r => r.DialogueId).First().ToList();
        var expected = P.Predict(P.Model, P.MlContext.Data.LoadFromEnumerable(conversation, P.Data.CreateSchemaDefinition()));
        var predictor = P.Model.CreateConversationPredictor<SyntheticUtterance, UtterancePrediction>(P.MlContext, P.Train.Schema);

        var whole = predictor.Predict(conversation);
        for (int i = 0; i < conversation.Count; i++)
            CollectionAssert.AreEqual(expected[i].Score, whole[i].Score, $"turn {i}");

        var stream = predictor.StartConversation();
        UtterancePrediction? last = null;
        var firstAlone = P.Predict(P.Model, P.MlContext.Data.LoadFromEnumerable(conversation.Take(1), P.Data.CreateSchemaDefinition()))[0];
        for (int i = 0; i < conversation.Count; i++)
        {
            last = stream.Add(conversation[i]);
            if (i == 0)
                AssertClose(firstAlone.Score, last.Score, "turn 0 sees only itself");
        }
        // The stream scores incrementally (split Bi-LSTM, suffix only): equal up to float rounding, not bit for bit.
        AssertClose(expected[^1].Score, last!.Score, "the full-history turn equals Transform's");
    }

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        Assert.HasCount(expected.Length, actual, what);
        for (int c = 0; c < expected.Length; c++)
            Assert.AreEqual(expected[c], actual[c], 1e-5, what);
    }

    [TestMethod]
    public void ConversationPredictor_ConcurrentCallers_GetTheSameResults()
    {
        var conversations = P.Data.GetRows(SyntheticConversations.TestSplit).GroupBy(r => r.DialogueId).Take(6).Select(g => g.ToList()).ToList();
        var predictor = P.Model.CreateConversationPredictor<SyntheticUtterance, UtterancePrediction>(P.MlContext, P.Train.Schema);
        var sequential = conversations.Select(c => predictor.Predict(c)).ToList();
        var parallel = new IReadOnlyList<UtterancePrediction>[conversations.Count * 4];
        Parallel.For(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k => parallel[k] = predictor.Predict(conversations[k % conversations.Count]));
        for (int k = 0; k < parallel.Length; k++)
            for (int i = 0; i < parallel[k].Count; i++)
                CollectionAssert.AreEqual(sequential[k % conversations.Count][i].Score, parallel[k][i].Score);
    }

    [TestMethod]
    public void Load_CorruptOrTruncatedZip_ThrowsModelFileException()
    {
        var dir = TestPaths.NewTempDir();
        var path = Path.Combine(dir, "elrgnn.zip");
        P.MlContext.Model.Save(P.Model, P.Train.Schema, path);
        var bytes = File.ReadAllBytes(path);

        var truncated = Path.Combine(dir, "truncated.zip");
        File.WriteAllBytes(truncated, bytes[..(bytes.Length / 2)]);
        var e = Assert.ThrowsExactly<ModelFileException>(() => ElrGnnComponents.Load(new MLContext(), truncated, out _));
        StringAssert.Contains(e.Message, "corrupt or incompatible");

        var garbage = Path.Combine(dir, "garbage.zip");
        File.WriteAllBytes(garbage, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 31))]);
        Assert.ThrowsExactly<ModelFileException>(() => ElrGnnComponents.Load(new MLContext(), garbage, out _));
    }
}
