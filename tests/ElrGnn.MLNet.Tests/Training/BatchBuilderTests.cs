using ElrGnn.MLNet.Data;
using ElrGnn.MLNet.Graph;
using ElrGnn.MLNet.Tests.Modules;
using ElrGnn.MLNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Tests.Training;

[TestClass]
public sealed class BatchBuilderTests
{
    private static long[] Longs(Tensor t)
    {
        using var c = t.cpu().contiguous();
        return c.data<long>().ToArray();
    }

    [TestMethod]
    public void Build_PadsFeatures_AndLaysOutBlockDiagonalGraph()
    {
        NetTestData.Torch();
        var random = new Random(1);
        var a = NetTestData.RandomConversation("a", 2, random);
        var b = NetTestData.RandomConversation("b", 3, random);
        b.Labels[1] = -1;
        var items = NetTestData.Items([a, b]);

        using var batch = BatchBuilder.Build(items, NetTestData.Config(), torch.CPU);

        CollectionAssert.AreEqual(new long[] { 2, 3, 8 }, batch.Features[0].shape);
        CollectionAssert.AreEqual(new long[] { 2, 3 }, Longs(batch.LengthTensor));
        CollectionAssert.AreEqual(new[] { 0, 2, 5 }, batch.NodeOffsets);
        CollectionAssert.AreEqual(new long[] { 0, 1, 3, 4, 5 }, Longs(batch.NodeIndex));
        CollectionAssert.AreEqual(new long[] { a.Labels[0], a.Labels[1], b.Labels[0], -1, b.Labels[2] }, Longs(batch.Labels));
        using (var mask = batch.Mask.cpu())
            CollectionAssert.AreEqual(new[] { true, true, false, true, true, true }, mask.data<bool>().ToArray());
        var padded = NetTestData.Values(batch.Features[0]);
        CollectionAssert.AreEqual(a.Features[0], padded.AsSpan(0, 16).ToArray());
        Assert.IsTrue(padded.AsSpan(16, 8).ToArray().All(v => v == 0));
        CollectionAssert.AreEqual(b.Features[0], padded.AsSpan(24, 24).ToArray());

        // Π of b: columns shifted by 2; padding points at the node itself with weight 0.
        long k = batch.PropagationIndex!.shape[1];
        var index = Longs(batch.PropagationIndex);
        var weight = NetTestData.Values(batch.PropagationWeight!);
        var pi = items[1].Propagation!;
        for (int s = 0; s < 3; s++)
        {
            long row = (2 + s) * k;
            int count = pi.RowPtr[s + 1] - pi.RowPtr[s];
            for (int c = 0; c < k; c++)
            {
                if (c < count)
                {
                    Assert.AreEqual(2 + pi.Column[pi.RowPtr[s] + c], index[row + c]);
                    Assert.AreEqual(pi.Weight[pi.RowPtr[s] + c], weight[row + c]);
                }
                else
                {
                    Assert.AreEqual(2 + s, index[row + c]);
                    Assert.AreEqual(0f, weight[row + c]);
                }
            }
        }
        Assert.IsTrue(index.AsSpan(0, (int)(2 * k)).ToArray().All(i => i < 2), "conversation a only links to its own nodes");

        // Speaker graph: norm = 1/|N_r(i)|, relations as built.
        var g = items[1].SpeakerGraph!;
        long w = batch.SpeakerNeighbours!.shape[1];
        var norm = NetTestData.Values(batch.SpeakerNorm!);
        var rel = Longs(batch.SpeakerRelations!);
        int e0 = g.RowPtr[2];
        Assert.AreEqual((long)g.Relation[e0], rel[(2 + 2) * w]);
        Assert.AreEqual(1f / g.RelationCounts[2 * SpeakerRelationGraph.RelationTypeCount + g.Relation[e0]], norm[(2 + 2) * w], 1e-7f);
    }

    [TestMethod]
    public void Build_WrongFeatureWidth_NamesConversation()
    {
        NetTestData.Torch();
        var c = NetTestData.RandomConversation("odd-one", 3, new Random(2));
        var items = NetTestData.Items([c]);
        var config = NetTestData.Config() with { ModalityDimensions = [8, 4, 5] };

        var e = Assert.Throws<ArgumentException>(() => BatchBuilder.Build(items, config, torch.CPU));

        Assert.Contains("odd-one", e.Message);
    }

    [TestMethod]
    public void Build_LabelBeyondClassCount_Throws()
    {
        NetTestData.Torch();
        var c = NetTestData.RandomConversation("x", 3, new Random(2));
        c.Labels[2] = 3;

        var e = Assert.Throws<ArgumentException>(() => BatchBuilder.Build(NetTestData.Items([c]), NetTestData.Config(classes: 3), torch.CPU));

        Assert.Contains("label 3", e.Message);
    }

    [TestMethod]
    public void BatchItem_GraphWithOtherNodeCount_Throws()
    {
        var c = NetTestData.RandomConversation("x", 3, new Random(2));
        var other = SpeakerRelationGraph.Build([0, 1], 1, 1);

        Assert.Throws<ArgumentException>(() => new BatchItem(c, null, other));
    }
}
