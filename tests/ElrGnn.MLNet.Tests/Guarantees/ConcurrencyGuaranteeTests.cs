using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Prediction;
using ElrGnn.MLNet.Tests.Pipeline;
using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Guarantees;

/// <summary>
/// Promise: one loaded model serves predictions from many threads at once with the same results as one thread.
/// ML.NET's PredictionEngine itself is not thread-safe: one engine per thread (as PredictionEnginePool does), all
/// sharing the model. Also: Pipeline/ElrGnnPipelineTests.ConversationPredictor_ConcurrentCallers_GetTheSameResults.
/// </summary>
[TestClass]
public sealed class ConcurrencyGuaranteeTests
{
    private const int Calls = 48;

    private static GuaranteeModel M => GuaranteeModel.Instance;

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void LoadedModel_TransformFromManyThreads_EqualsOneThread()
    {
        var ml = new MLContext();
        var model = ElrGnn.MLNet.Persistence.ElrGnnComponents.Load(ml, M.SavedPath, out _);
        var conversations = M.TestConversations();
        var sequential = conversations.Select(c => M.Scores(c, model)).ToArray();

        var parallel = new float[Calls][][];
        Parallel.For(0, Calls, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k => parallel[k] = M.Scores(conversations[k % conversations.Count], model));

        for (int k = 0; k < Calls; k++)
            GuaranteeModel.AssertBitIdentical(sequential[k % conversations.Count], parallel[k], $"call {k}");
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void LoadedModel_PredictionEnginePerThread_AndConversationPredictor_EqualOneThread()
    {
        var ml = new MLContext();
        var model = ElrGnn.MLNet.Persistence.ElrGnnComponents.Load(ml, M.SavedPath, out var schema);
        var rows = M.TestConversations().SelectMany(c => c).ToList();
        var conversations = M.TestConversations();
        var single = ml.Model.CreatePredictionEngine<SyntheticUtterance, UtterancePrediction>(model, inputSchema: schema);
        var rowScores = rows.Select(r => single.Predict(r).Score).ToArray();
        var predictor = model.CreateConversationPredictor<SyntheticUtterance, UtterancePrediction>(ml, schema);
        var whole = conversations.Select(c => predictor.Predict(c).Select(p => p.Score).ToArray()).ToArray();

        var engines = new ThreadLocal<PredictionEngine<SyntheticUtterance, UtterancePrediction>>(
            () => ml.Model.CreatePredictionEngine<SyntheticUtterance, UtterancePrediction>(model, inputSchema: schema), trackAllValues: true);
        var parallelRows = new float[Calls][][];
        var parallelWhole = new float[Calls][][];
        Parallel.For(0, Calls, new ParallelOptions { MaxDegreeOfParallelism = 8 }, k =>
        {
            parallelRows[k] = rows.Select(r => engines.Value!.Predict(r).Score).ToArray();
            parallelWhole[k] = predictor.Predict(conversations[k % conversations.Count]).Select(p => p.Score).ToArray();
        });

        for (int k = 0; k < Calls; k++)
        {
            GuaranteeModel.AssertBitIdentical(rowScores, parallelRows[k], $"engine call {k}");
            GuaranteeModel.AssertBitIdentical(whole[k % conversations.Count], parallelWhole[k], $"predictor call {k}");
        }
        foreach (var engine in engines.Values)
            engine.Dispose();
        engines.Dispose();
    }
}
