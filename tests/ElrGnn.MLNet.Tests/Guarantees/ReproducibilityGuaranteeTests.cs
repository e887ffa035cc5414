using ElrGnn.MLNet.Persistence;
using ElrGnn.MLNet.Tests.Pipeline;
using Microsoft.ML;

namespace ElrGnn.MLNet.Tests.Guarantees;

/// <summary>
/// Promise: same data + seed + device=cpu gives bit-identical weights and scores across runs and across a save/load
/// (same machine, thread count and libtorch). Loop-level twin: Training/TrainingLoopTests.SameSeed_…; fresh-process
/// load: Pipeline/ElrGnnPipelineTests.SaveLoad_InAFreshProcess_GivesIdenticalScores.
/// </summary>
[TestClass]
public sealed class ReproducibilityGuaranteeTests
{
    private static GuaranteeModel M => GuaranteeModel.Instance;

    [TestMethod]
    public void SameDataAndSeed_TwoFits_GiveBitIdenticalWeightsAndScores_OtherSeedDoesNot()
    {
        var rows = M.TestConversations().SelectMany(c => c).ToList();
        var again = GuaranteeModel.Pipeline(new MLContext(seed: 1)).Fit(M.Train);
        var options = GuaranteeModel.TrainerOptions();
        options.Seed = 4;
        var other = GuaranteeModel.Pipeline(new MLContext(seed: 1), options).Fit(M.Train);

        CollectionAssert.AreEqual(NetworkBytes(M.Model), NetworkBytes(again), "weights");
        GuaranteeModel.AssertBitIdentical(M.Scores(rows), M.Scores(rows, again), "scores");
        CollectionAssert.AreNotEqual(NetworkBytes(M.Model), NetworkBytes(other), "the seed must matter");
    }

    [TestMethod]
    public void SaveThenLoad_GivesBitIdenticalScores_AndSavesTheSameWeightsAgain()
    {
        var rows = M.TestConversations().SelectMany(c => c).ToList();
        var loaded = GuaranteeModel.Load(M.SavedPath);

        GuaranteeModel.AssertBitIdentical(M.Scores(rows), M.Scores(rows, loaded), "scores after load");
        CollectionAssert.AreEqual(NetworkBytes(M.Model), NetworkBytes(loaded), "weights after load");
    }

    [TestMethod]
    public void Scoring_IsBitIdenticalUnderRowOrder_AndCloseWhateverTheBatchCompany()
    {
        var conversations = M.TestConversations();
        var all = conversations.SelectMany(c => c).ToList();
        var together = M.Scores(all);
        var shuffled = all.Select((row, i) => (row, i)).OrderBy(p => (p.i * 7919) % all.Count).ToList();

        var alone = conversations.SelectMany(c => M.Scores(c)).ToArray();
        var reordered = M.Scores(shuffled.Select(p => p.row));
        var back = new float[all.Count][];
        for (int k = 0; k < shuffled.Count; k++)
            back[shuffled[k].i] = reordered[k];

        // Row order never changes a conversation's batch mates, so shuffling is bit for bit; other batch mates change
        // GEMM shapes, which may move the last bits (README: "Not promised").
        GuaranteeModel.AssertBitIdentical(together, back, "shuffled rows");
        GuaranteeModel.AssertClose(together, alone, 1e-5f, "one conversation at a time");
    }

    internal static byte[] NetworkBytes(ITransformer model)
    {
        var path = Path.Combine(TestPaths.NewTempDir(), "model.zip");
        M.MlContext.Model.Save(model, M.Train.Schema, path);
        return ModelZip.Read(path, ModelZip.NetworkEntry);
    }
}
