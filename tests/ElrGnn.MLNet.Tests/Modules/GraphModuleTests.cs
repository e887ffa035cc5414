using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Tests.Modules;

[TestClass]
public sealed class GraphModuleTests
{
    [TestMethod]
    public void SpeakerRelationalGraphLayer_OnBatchGraph_MatchesPerNodeLoop()
    {
        NetTestData.Torch();
        var items = NetTestData.RandomItems(3, 7, 4);
        var config = NetTestData.Config();
        torch.manual_seed(11);
        using var layer = new SpeakerRelationalGraphLayer("s", 8);
        using var batch = BatchBuilder.Build(items, config, torch.CPU);
        using var h = torch.randn(batch.NodeCount, 8);

        using var s = layer.call(h, batch.SpeakerNeighbours!, batch.SpeakerRelations!, batch.SpeakerNorm!);

        CollectionAssert.AreEqual(new long[] { 11, 8 }, s.shape);
        var rows = NaiveReference.Rows(h);
        var actual = NaiveReference.Rows(s);
        for (int g = 0; g < items.Length; g++)
        {
            var expected = NaiveReference.SpeakerLayer(layer, rows, items[g].SpeakerGraph!, batch.NodeOffsets[g]);
            for (int i = 0; i < expected.Length; i++)
                for (int a = 0; a < 8; a++)
                    Assert.AreEqual(expected[i][a], actual[batch.NodeOffsets[g] + i][a], 1e-4, $"conversation {g}, node {i}, dim {a}");
        }
    }

    [TestMethod]
    [DataRow(1)]
    [DataRow(2)]
    public void RelationAwareOperator_InEvaluation_MatchesPerNodeLoop(int heads)
    {
        NetTestData.Torch();
        var items = NetTestData.RandomItems(5, 9, 3, 6);
        var config = NetTestData.Config();
        torch.manual_seed(12);
        using var op = new RelationAwareOperator("z", 8, heads, 0.5, LatentOperatorKind.RelationAware);
        op.eval();
        using var batch = BatchBuilder.Build(items, config, torch.CPU);
        using var h = torch.randn(batch.NodeCount, 8);

        using var z = op.call(h, batch.PropagationIndex!, batch.PropagationWeight!);

        var rows = NaiveReference.Rows(h);
        var actual = NaiveReference.Rows(z);
        for (int g = 0; g < items.Length; g++)
        {
            var expected = NaiveReference.RelationAware(op, rows, items[g].Propagation!, batch.NodeOffsets[g], heads);
            for (int i = 0; i < expected.Length; i++)
                for (int a = 0; a < 8; a++)
                    Assert.AreEqual(expected[i][a], actual[batch.NodeOffsets[g] + i][a], 1e-4, $"conversation {g}, node {i}, dim {a}");
        }
    }

    [TestMethod]
    public void PlainPropagation_IsPiWeightedMeanOfNeighbours()
    {
        NetTestData.Torch();
        using var op = new RelationAwareOperator("z", 2, 1, 0, LatentOperatorKind.PlainPropagation);
        Assert.IsFalse(op.parameters().Any());
        using var h = torch.tensor(new float[] { 1, 0, 0, 1, 2, 2 }, [3, 2]);
        using var index = torch.tensor(new long[] { 0, 1, 1, 1, 2, 0 }, [3, 2]);
        using var weight = torch.tensor(new float[] { 0.25f, 0.75f, 1f, 0f, 0f, 0f }, [3, 2]);

        var z = NetTestData.Values(op.call(h, index, weight));

        // Row 0: 0.25·(1,0) + 0.75·(0,1); row 1: its only entry (0,1); row 2 has no weight: falls back to itself (2,2).
        CollectionAssert.AreEqual(new[] { 0.25f, 0.75f, 0f, 1f, 2f, 2f }, z);
    }

    [TestMethod]
    public void RelationAwareOperator_RowWithoutWeights_FallsBackToSelfValue()
    {
        NetTestData.Torch();
        torch.manual_seed(3);
        using var op = new RelationAwareOperator("z", 4, 1, 0, LatentOperatorKind.RelationAware);
        using var h = torch.randn(2, 4);
        using var index = torch.tensor(new long[] { 1, 0 }, [2, 1]);
        using var empty = torch.zeros(2, 1);
        using var self = torch.tensor(new long[] { 0, 1 }, [2, 1]);
        using var one = torch.ones(2, 1);

        var fallback = NetTestData.Values(op.call(h, index, empty));
        var selfOnly = NetTestData.Values(op.call(h, self, one));

        Assert.IsTrue(fallback.All(float.IsFinite));
        Assert.IsLessThan(1e-6, NetTestData.MaxDiff(selfOnly, fallback));
    }

    [TestMethod]
    public void DropNode_ChangesTrainingOutputOnly_AndFollowsTorchSeed()
    {
        NetTestData.Torch();
        var items = NetTestData.RandomItems(8, 10);
        torch.manual_seed(4);
        using var op = new RelationAwareOperator("z", 8, 1, 0.5, LatentOperatorKind.RelationAware);
        using var batch = BatchBuilder.Build(items, NetTestData.Config(), torch.CPU);
        using var h = torch.randn(batch.NodeCount, 8);

        op.eval();
        var eval1 = NetTestData.Values(op.call(h, batch.PropagationIndex!, batch.PropagationWeight!));
        var eval2 = NetTestData.Values(op.call(h, batch.PropagationIndex!, batch.PropagationWeight!));
        op.train();
        torch.manual_seed(99);
        var train1 = NetTestData.Values(op.call(h, batch.PropagationIndex!, batch.PropagationWeight!));
        torch.manual_seed(99);
        var train2 = NetTestData.Values(op.call(h, batch.PropagationIndex!, batch.PropagationWeight!));

        CollectionAssert.AreEqual(eval1, eval2);
        CollectionAssert.AreEqual(train1, train2);
        Assert.IsGreaterThan(1e-4, NetTestData.MaxDiff(eval1, train1));
    }
}
