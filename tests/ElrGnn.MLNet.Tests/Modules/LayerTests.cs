using ElrGnn.MLNet.Modules;
using ElrGnn.MLNet.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace ElrGnn.MLNet.Tests.Modules;

[TestClass]
public sealed class LayerTests
{
    [TestMethod]
    public void ModalityProjection_MapsLastDimensionToHiddenSize_NonNegative()
    {
        NetTestData.Torch();
        using var projection = new ModalityProjection("p", 5, 6, 0.0);
        using var x = torch.randn(2, 3, 5);

        using var e = projection.call(x);

        CollectionAssert.AreEqual(new long[] { 2, 3, 6 }, e.shape);
        Assert.IsTrue(NetTestData.Values(e).All(v => v >= 0));
    }

    [TestMethod]
    public void DenoisingGate_EqualsSigmoidGateTimesTanhFilter()
    {
        NetTestData.Torch();
        torch.manual_seed(1);
        using var gate = new DenoisingGate("g", 4);
        using var x = torch.randn(3, 4);

        var actual = NetTestData.Values(gate.call(x));

        var rows = NaiveReference.Rows(x);
        var wg = NaiveReference.Weight(gate, "gate.weight");
        var bg = NaiveReference.Weight(gate, "gate.bias");
        var wf = NaiveReference.Weight(gate, "filter.weight");
        var bf = NaiveReference.Weight(gate, "filter.bias");
        for (int i = 0; i < 3; i++)
        {
            var g = NaiveReference.Apply(wg, rows[i], bg);
            var f = NaiveReference.Apply(wf, rows[i], bf);
            for (int a = 0; a < 4; a++)
                Assert.AreEqual(1 / (1 + Math.Exp(-g[a])) * Math.Tanh(f[a]), actual[i * 4 + a], 1e-5);
        }
    }

    [TestMethod]
    public void AdaptiveLateFusion_WeightsSumToOne_AndMixStreams()
    {
        NetTestData.Torch();
        torch.manual_seed(2);
        using var fusion = new AdaptiveLateFusion("l", 4);
        using var streams = torch.randn(5, 3, 4);

        using var lambda = fusion.Weights(streams);
        using var r = fusion.call(streams);

        CollectionAssert.AreEqual(new long[] { 5, 3 }, lambda.shape);
        foreach (var sum in NetTestData.Values(lambda.sum(1)))
            Assert.AreEqual(1f, sum, 1e-5f);
        using var expected = (lambda.unsqueeze(-1) * streams).sum(1);
        Assert.IsLessThan(1e-5, NetTestData.MaxDiff(NetTestData.Values(expected), NetTestData.Values(r)));
    }

    [TestMethod]
    public void EarlyFusion_And_Classifier_HaveSpecShapes()
    {
        NetTestData.Torch();
        using var early = new EarlyFusion("f", 3, 4, 0.5);
        using var classifier = new MlpClassifier("c", 4, 6, 0.5);
        Tensor[] branches = [torch.randn(7, 4), torch.randn(7, 4), torch.randn(7, 4)];

        using var f = early.call(branches);
        using var o = classifier.call(f);

        CollectionAssert.AreEqual(new long[] { 7, 4 }, f.shape);
        CollectionAssert.AreEqual(new long[] { 7, 6 }, o.shape);
        Assert.ThrowsExactly<ArgumentException>(() => early.call(branches.Take(2).ToArray()));
        foreach (var b in branches)
            b.Dispose();
    }

    [TestMethod]
    [DataRow(ContextEncoderKind.PerModality)]
    [DataRow(ContextEncoderKind.Concatenated)]
    [DataRow(ContextEncoderKind.Transformer)]
    public void ContextEncoder_ConversationInPaddedBatch_EqualsConversationAlone(ContextEncoderKind kind)
    {
        NetTestData.Torch();
        torch.manual_seed(5);
        using var encoder = new ContextEncoder("e", NetTestData.Dims, 8, 6, 2, 0.3, kind, 2);
        encoder.eval();
        var config = NetTestData.Config();
        var items = NetTestData.RandomItems(21, 3, 9, 5);

        using var batch = BatchBuilder.Build(items, config, torch.CPU);
        using var all = encoder.call(batch.Features, batch.LengthTensor, batch.Mask, batch.Speakers);
        CollectionAssert.AreEqual(new long[] { 3, 9, 6 }, all.shape);
        for (int g = 0; g < items.Length; g++)
        {
            using var alone = BatchBuilder.Build([items[g]], config, torch.CPU);
            using var single = encoder.call(alone.Features, alone.LengthTensor, alone.Mask, alone.Speakers);
            using var slice = all[g].narrow(0, 0, items[g].Length);
            Assert.IsLessThan(1e-5, NetTestData.MaxDiff(NetTestData.Values(single[0]), NetTestData.Values(slice)), $"conversation {g}");
        }
    }
}
