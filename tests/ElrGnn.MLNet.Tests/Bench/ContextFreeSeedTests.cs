using ElrGnn.Cli.Bench;
using ElrGnn.MLNet.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace ElrGnn.MLNet.Tests.Bench;

/// <summary>Issue 12 item 6: a context-free run's seeds are real runs (LightGBM), or the run is fitted once (MaxEnt).</summary>
[TestClass]
public sealed class ContextFreeSeedTests
{
    private static readonly string[] Columns = [ConversationColumns.Text, ConversationColumns.Audio, ConversationColumns.Visual];

    [TestMethod]
    public void LightGbm_OtherSeed_OtherModel_SameSeed_SameModel()
    {
        var one = Scores(BenchRunKind.ContextFreeLightGbm, seed: 1);
        var two = Scores(BenchRunKind.ContextFreeLightGbm, seed: 2);
        var oneAgain = Scores(BenchRunKind.ContextFreeLightGbm, seed: 1);

        CollectionAssert.AreNotEqual(one, two, "the seed must change the model, or 5 seeds are one run five times");
        CollectionAssert.AreEqual(one, oneAgain, "a seed is reproducible");
    }

    [TestMethod]
    public void MaxEnt_IgnoresTheSeed_SoTheBenchFitsItOnce()
    {
        CollectionAssert.AreEqual(Scores(BenchRunKind.ContextFreeMaxEnt, seed: 1), Scores(BenchRunKind.ContextFreeMaxEnt, seed: 2));
        Assert.IsTrue(BenchRun.All.Single(r => r.Kind == BenchRunKind.ContextFreeMaxEnt).SeedIndependent);
    }

    // One LightGBM thread: OpenMP threads spin badly on a busy shared machine.
    private static float[] Scores(BenchRunKind kind, int seed)
    {
        var ml = new MLContext(seed: 1);
        var data = new SyntheticConversations(new SyntheticConversationsOptions { NumberOfConversations = 24 });
        var keys = ml.Transforms.Conversion.MapValueToKey(ConversationColumns.Label).Fit(data.ToDataView(ml, "train"));
        var train = keys.Transform(data.ToDataView(ml, "train"));
        var model = BenchRunner.ContextFreePipeline(ml, kind, Columns, seed, threads: 1).Fit(train);
        var scored = model.Transform(keys.Transform(data.ToDataView(ml, "test")));
        return [.. scored.GetColumn<VBuffer<float>>("Score").SelectMany(v => v.DenseValues())];
    }
}
